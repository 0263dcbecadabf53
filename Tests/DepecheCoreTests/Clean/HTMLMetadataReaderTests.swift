import Testing

@testable import DepecheCore

@Suite struct HTMLMetadataReaderTests {
    private func metadata(_ html: String) throws -> ArticleMetadata {
        HTMLMetadataReader(document: try #require(HTMLDocument(parsing: html))).metadata
    }

    @Test func jsonLDArticleInAnArrayWithSeveralAuthors() throws {
        let html = """
            <head><script type="application/ld+json">[{"@type": "BreadcrumbList"},
            {"@type": ["ReportageNewsArticle"], "headline": " Le  titre ", "datePublished": "2023-12-31T23:30:00Z",
             "author": [{"name": "Amina ALAOUI"}, "Youssef KABBAJ"], "publisher": {"name": "Le Journal"}}]</script></head>
            """
        #expect(
            try metadata(html)
                == ArticleMetadata(
                    title: "Le titre", published: "2023-12-31", author: "Amina ALAOUI, Youssef KABBAJ",
                    source: "Le Journal"))
    }

    @Test func anOrganisationNamedAsTheAuthorIsNoByline() throws {
        let html = """
            <head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "عنوان",
             "author": {"@type": "Organization", "name": "قسم الأخبار"}}</script></head>
            """
        #expect(try metadata(html).author == nil)
    }

    @Test func anElementWhoseClassNamesTheAuthor() throws {
        let html = #"<body><div class="meta"><span class="by">سلمى الإدريسي</span> · <time>أمس</time></div></body>"#
        #expect(try metadata(html).author == "سلمى الإدريسي")
        let opened = #"<body><p class="author">Par Nora Tazi</p></body>"#
        #expect(try metadata(opened).author == "Nora Tazi")
        #expect(try metadata(#"<body><p class="author">12 articles</p></body>"#).author == nil)
        #expect(try metadata(#"<body><p class="post-author">كتبه: عمر الفاسي</p></body>"#).author == "عمر الفاسي")
        #expect(try metadata(#"<body><p class="author">Auteur : Nora Tazi</p></body>"#).author == "Nora Tazi")
        #expect(try metadata(#"<body><p class="author">هيئة التحرير</p></body>"#).author == nil)
        #expect(try metadata(#"<body><p class="lobby">Nora Tazi</p></body>"#).author == nil, "a class merely containing by")
    }

    /// A site name that describes the site beside its name gives way to the name the title ends
    /// with; a byline that names the site before its author names the author.
    @Test func theSitesOwnNameBesideItsDescriptionAndBeforeTheAuthor() throws {
        let described = """
            <head><title>Le tramway arrive à Témara | Médina Post</title>
            <meta property="og:site_name" content="Médina Post - le quotidien de la capitale"></head>
            <body><a href="/"><img alt="Médina Post" src="/logo.svg"></a>
            <span class="author">Médina Post - Salma Berrada</span></body>
            """
        #expect(try metadata(described).source == "Médina Post")
        #expect(try metadata(described).author == "Salma Berrada")
        let whole = """
            <head><title>Le tramway arrive à Témara - Médina Post - Actualités</title>
            <meta property="og:site_name" content="Médina Post - Actualités"></head>
            """
        #expect(try metadata(whole).source == "Médina Post - Actualités", "the title ends with the whole name: nothing to choose")
    }

    @Test func theHeadlineWinsOverAShareCardTitleCutShort() throws {
        let head = #"<head><meta property="og:title" content="Le port lance une ligne vers Dakar"></head>"#
        #expect(try metadata(head + "<body><h1>Le port lance une ligne vers Dakar pour les conteneurs</h1></body>").title
            == "Le port lance une ligne vers Dakar pour les conteneurs")
        #expect(try metadata(head + "<body><h1>Actualités</h1></body>").title == "Le port lance une ligne vers Dakar")
    }

    @Test func authorLinkIsTheLastResortForTheAuthor() throws {
        let html = #"<body><h1>Titre</h1><p>Par <a rel="author" href="/a/k">Kenza Lahlou</a></p></body>"#
        #expect(try metadata(html).author == "Kenza Lahlou")
        let page = #"<body><h1>Titre</h1><div>إعداد: <a href="/author/salma-idrissi">سلمى الإدريسي</a></div></body>"#
        #expect(try metadata(page).author == "سلمى الإدريسي")
    }

    /// A byline and a date marked only by class: the name without "By" and the role, the date
    /// inside the article; a newsroom role and author boxes in an aside name no one.
    @Test func bylineAndDateMarkedByClass() throws {
        let html = #"""
            <body><article><h1>Titre</h1><div class="post-meta">By <span class="author-name">Jane Doe</span>
            on <span class="post-date">14 Feb 2025</span></div><p>Texte.</p></article></body>
            """#
        #expect(try metadata(html).author == "Jane Doe")
        #expect(try metadata(html).published == "2025-02-14")
        let role = #"<body><p class="byline">Salma Idrissi, correspondante à Tiznit | 3 mai</p></body>"#
        #expect(try metadata(role).author == "Salma Idrissi")
        let particle = #"<body><p class="byline">Par Nadia ben Salah · 5 avr. 2025</p></body>"#
        #expect(try metadata(particle).author == "Nadia ben Salah")
        let newsroom = #"<body><div class="entry-meta"><span class="byline">Newsdesk</span></div></body>"#
        #expect(try metadata(newsroom).author == nil)
        let aside = #"<body><aside><div class="author-box">Omar Tazi</div></aside><span class="date-now">14 Feb 2025</span></body>"#
        #expect(try metadata(aside) == ArticleMetadata())
    }

    @Test func theHomePagesLogoNamesThePublicationLast() throws {
        let logo = #"<body><div id="header"><a href="/"><img src="/l.png" alt="La Gazette du Souss"></a></div>"#
        #expect(try metadata(logo + "<h1>Titre</h1></body>").source == "La Gazette du Souss")
        let absolute = #"<body><a href="https://gazette.ma/"><img alt="La Gazette du Souss"></a></body>"#
        #expect(try metadata(absolute).source == "La Gazette du Souss")
        let article = #"<body><a href="/2025/06/x.html"><img alt="Le port d'Agadir"></a></body>"#
        #expect(try metadata(article).source == nil)
        let word = #"<body><a href="/"><img alt="Logo du site"></a></body>"#
        #expect(try metadata(word).source == nil)
        let stated = #"<head><meta property="og:site_name" content="Gazette"></head><body><a href="/"><img alt="Autre"></a></body>"#
        #expect(try metadata(stated).source == "Gazette")
        // The name written as text in a home link marked as the logo; a menu's "Home" is not.
        let text = #"<body><div class="logo"><a href="/">منارة الشمال</a><small>جريدة إلكترونية</small></div></body>"#
        #expect(try metadata(text).source == "منارة الشمال")
        let classed = #"<body><a href="https://gazette.ma/" class="site-logo">La Gazette</a></body>"#
        #expect(try metadata(classed).source == "La Gazette")
        let menu = #"<body><nav><a href="/">Accueil</a> <a href="/eco">Économie</a></nav></body>"#
        #expect(try metadata(menu).source == nil)
    }

    @Test func brokenJSONLDIsIgnored() throws {
        let html = #"<head><script type="application/ld+json">{"headline": </script><title>Titre</title></head>"#
        #expect(try metadata(html) == ArticleMetadata(title: "Titre"))
    }

    @Test func publishedTimeElementInsideTheArticleWinsOverOthers() throws {
        let html = """
            <body><div class="ticker"><time datetime="2020-01-01">hier</time></div>
            <article><h1>Titre</h1><time datetime="2024-02-07T10:00">7 février</time></article></body>
            """
        #expect(try metadata(html).published == "2024-02-07")
    }

    @Test func timeMarkedAsPublicationDateWinsOverPosition() throws {
        let html = """
            <body><article><time datetime="2024-03-01">modifié</time>
            <time itemprop="datePublished" datetime="2024-02-29">publié</time></article></body>
            """
        #expect(try metadata(html).published == "2024-02-29")
    }

    @Test func authorURLsAndHandlesAreNotBylines() throws {
        let html = """
            <head><meta property="article:author" content="https://www.facebook.com/journal">
            <meta name="parsely-author" content="Rachid El Amrani"></head>
            """
        #expect(try metadata(html).author == "Rachid El Amrani")
    }

    @Test func unreadableDateFallsBackToTheNextSource() throws {
        let html = """
            <head><meta property="article:published_time" content="demain"><meta name="dc.date" content="Wed, 07 Feb 2024 09:30:00 +0100"></head>
            """
        #expect(try metadata(html).published == "2024-02-07")
    }
}
