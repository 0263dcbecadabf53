/// Words that tell names apart: titles, roles, name particles, organisation heads, and the
/// capitalised words that start sentences without being names.
enum NameWords {
    /// Courtesy and honorific titles before a person's name ("M.", "Mme", "Dr").
    static let titles = WordSet("""
        m mm mme mmes mlle mlles mr mrs ms dr docteur pr professeur me maître sir madame monsieur mademoiselle
        sm sar lady lord sheikh cheikh émir emir prince princesse roi reine king queen maalem captain capt
        colonel lieutenant sergeant
        السيد السيدة الدكتور الأستاذ
        """)

    /// Roles: a name next to one of these is a person ("Otmane Serraj, président de …").
    static let roles = WordSet("""
        président présidente presidente vice directeur directrice dg pdg ceo coo cfo cto fondateur fondatrice
        cofondateur cofondatrice ministre secrétaire chef responsable ambassadeur
        ambassadrice gouverneur wali maire députée député sénateur sénatrice conseiller conseillère administrateur
        administratrice patron patronne manager coordinateur coordinatrice sélectionneur entraîneur entraineur
        professeur chercheur chercheuse expert experte économiste analyste avocat avocate juge procureur
        commissaire délégué déléguée associé associée gérant gérante
        journaliste consultant consultante doyen recteur rectrice inspecteur inspectrice capitaine joueur joueuse
        attaquant milieu défenseur gardien acteur actrice réalisateur réalisatrice chanteur chanteuse homologue
        envoyé envoyée émissaire
        artiste écrivain auteur auteure romancier vp
        chairman chairwoman president director minister secretary spokesman spokeswoman spokesperson founder
        cofounder chief head ambassador governor mayor coach professor analyst lawyer judge senator
        delegate architect singer striker winger midfielder defender goalkeeper
        """)

    /// "de", "d'": what a French list repeats before each item, or a head before each of its
    /// complements ("de Tabant, d'Aït M'hamed et de Demnate").
    static let deOrD = WordSet("de d")

    /// Lowercase particles that join parts of a name ("Nadia ben Bahtane", "Charles de Gaulle").
    static let particles = WordSet("el al ben bin ibn ould abou abu ait aït bel bou da di van von der den ter wa")

    /// Capitalised particles: parts of a name, never a name alone ("El", "Ben", "Al").
    static let capitalParticles = WordSet("el al ben bin ibn ould abou abu ait aït bel bou lalla moulay sidi")

    /// Roman numerals that end royal and papal names ("Mohammed VI", "Hassan II").
    static let romanNumerals = WordSet("i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi")

    /// Head nouns that open an organisation's name ("Association marocaine de …").
    static let organisationHeads = WordSet("""
        association agence office banque groupe groupement université ministère centre salon confédération
        fédération union conseil chambre société caisse fondation institut école direction commissariat
        autorité commission comité organisation observatoire académie syndicat parti mouvement front cour
        tribunal bourse holding compagnie régie cabinet laboratoire clinique parlement sénat assemblée département
        fonds club ligue délégation inspection trésorerie mutuelle coopérative consortium alliance collectif
        réseau ordre instance secrétariat gouvernement présidence wilaya préfecture municipalité commune
        faculté bibliothèque éditions brigade ittihad nahdat nahda chabab kawkab difaa difaâ équipe
        ministry agency bank group university federation confederation council chamber society foundation
        institute school authority committee organization organisation party court fund league alliance
        network office corporation company team
        """)

    /// Acronyms that head a name like a noun ("CHU Mohammed VI de Tanger").
    static let acronymHeads = WordSet("chu chr chp cfa as")

    /// Organisation heads that are also ordinary nouns when lowercase: "ministère de l'Intérieur"
    /// is a name when what follows "de" is capitalised.
    static let lowercaseHeads = WordSet("ministère ministry département secrétariat")

    /// Lowercase heads of local bodies, named by what follows them: "coopérative Tifaouine
    /// d'Ounagha", "conseil communal d'Essaouira", "cour d'appel de Fès". Unlike `lowercaseHeads`
    /// they are no part of a known name's spelling, and they open a name only with a complement.
    static let lowercaseBodyHeads = WordSet("coopérative association conseil cour tribunal")

    /// Nouns that complete a lowercase body head right after its "de" ("cour d'appel de Fès",
    /// "tribunal de commerce de Casablanca"), before any proper word.
    static let bodyHeadComplements = WordSet("appel cassation commerce")

    /// Lowercase nouns whose complement starts with "à" inside a name ("… pour la défense du
    /// droit à la santé", "… pour l'accès à l'eau", "… d'aide à l'enfance").
    static let nounsTakingA = WordSet("droit droits accès aide")

    /// Last words that make a capitalised sequence a company ("Al Barid Bank", "Mitsubishi Power").
    static let trailingHeads = WordSet("""
        bank group groupe holding holdings telecom télécom capital airlines airways motors energy énergie power leasing
        corp corporation inc co sa sas sarl ltd llc fz-llc pjsc plc gmbh ag bv nv ab consulting technologies technology solutions media
        médias finance assurance assurances insurance immobilier systems services partners foundation university
        institute council company office agency authority ministry commission bureau board fund ventures industries industrie pharma automotive defense défense logistics
        logistique international invest investments trading distribution motors aviation shipping steel cement
        ciments bio labs lab studio studios news press presse tv radio fm
        association federation confederation union party observatory directorate centre center court club hospital clinic
        league committee research review herald courier times post journal gazette tribune monitor weekly
        observer worldwide analytics team trust ac sc fc cf cycling racing
        """)

    /// Companies' legal forms written as a word ("SARL", "Ltd", "PJSC").
    static let legalForms = WordSet("sa sas sarl sarlau ltd llc fz-llc pjsc plc gmbh inc corp ag bv nv spa srl")

    /// Lowercase nouns that end a company's name before "de …" ("Maghreb centre de contacts").
    static let lowercaseTrailingHeads = WordSet("centre center groupe")

    /// Small words inside organisation names.
    static let connectors = WordSet("de des du d la le les l et pour au aux of the for and en")

    /// Words that end an organisation name (verbs, pronouns, prepositions that do not join names).
    static let phraseBreakers = WordSet("""
        a ont est sont était étaient sera seront avait avaient va vont doit doivent peut peuvent fait font
        qui que qu dont où ne n se s y il elle ils elles on ce cette ces son sa ses leur leurs un une
        avec dans sur par selon chez vers lors depuis entre contre sans sous après avant pendant ainsi mais ou
        car donc alors aussi également afin comme tandis lorsque quand si plus moins très déjà encore toujours
        jamais pas rien tout tous toute toutes vient mis lancé annoncé organisé organise lance annonce
        is are was were has have had will would said says which who that with in on at by from to as its their
        this these those
        """)

    /// Adjectives that show a lowercase phrase after an organisation head is a proper name
    /// ("Association marocaine de …", "Centre régional d'investissement …").
    static let scopeAdjectives = WordSet("""
        national nationale nationaux nationales marocain marocaine marocains marocaines régional régionale
        régionaux régionales international internationale internationaux internationales général générale
        généraux royal royale royaux africain africaine européen européenne mondial mondiale arabe islamique
        supérieur supérieure public publique populaire central centrale maghrébin maghrébine méditerranéen
        méditerranéenne fédéral fédérale provincial provinciale communal communale interprofessionnel
        interprofessionnelle professionnelle publics publiques
        """)

    /// Capitalised words that start sentences and headlines without being names.
    static let sentenceWords = WordSet("""
        le la les l un une des du de d ce cet cette ces il elle ils elles on nous vous je tu tout tous toute toutes
        pour par dans en au aux avec selon sur sous entre depuis après avant mais et ou donc or car si quand
        lorsque comme alors ainsi aussi enfin déjà face parmi jusque cependant pourtant toutefois notons
        signalons rappelons interview quels quel quelle quelles comment pourquoi où oui non chaque plusieurs
        certains certaines son sa ses leur leurs notre nos votre vos mon ma mes cela ceci celui celle ceux
        outre malgré grâce afin dès vers chez sans contre lors durant pendant voici voilà bien très plus moins
        autre autres même mêmes tel telle tels telles aucun aucune nul nulle rien personne seul seule seuls
        explications objectifs professionnels actuellement jusque force ailleurs
        the a an in on at for with by from to of and or but if when while as this that these those it its he she
        they we you i his her their our my your there here what which who how why where after before during
        since until about into over under between among despite according yesterday today tomorrow however
        meanwhile earlier later last next
        """)

    /// What a byline starts with (folded, token by token): "Publié dans", "Rédigé par", "By".
    static let bylineOpeners = PhraseTable<BylineKind>([
        ("Publié dans", .publishedIn), ("Publie dans", .publishedIn), ("Paru dans", .publishedIn),
        ("Publié le", .publishedOn), ("Publié par", .writtenBy), ("Rédigé par", .writtenBy),
        ("Écrit par", .writtenBy), ("Par", .writtenBy), ("By", .writtenBy), ("Posted by", .writtenBy),
        ("Written by", .writtenBy), ("Reported by", .writtenBy), ("Reporting by", .writtenBy), ("Words", .writtenBy), ("Auteur :", .writtenBy), ("بقلم", .writtenBy),
        ("De notre correspondant à", .correspondent), ("De notre correspondante à", .correspondent),
        ("De notre envoyé spécial à", .correspondent), ("De notre envoyée spéciale à", .correspondent),
        ("From our correspondent in", .correspondent), ("From our special correspondent in", .correspondent),
        ("Propos recueillis par", .writtenBy), ("Interview by", .writtenBy), ("Interview réalisée par", .writtenBy),
        ("Entretien réalisé par", .writtenBy), ("حاوره", .writtenBy), ("أجرى الحوار", .writtenBy), ("Auteur", .writtenBy), ("Texte", .writtenBy), ("Text", .writtenBy), ("Mis à jour le", .publishedOn),
        ("Published", .publishedOn), ("Published on", .publishedOn), ("Le", .publishedOn),
        ("Posted on", .publishedOn), ("Updated", .publishedOn), ("Mis en ligne le", .publishedOn),
        ("Par la rédaction de", .publishedIn), ("Par la rédaction d'", .publishedIn), ("By the staff of", .publishedIn),
        ("كتبه", .writtenBy), ("كتب", .writtenBy), ("إعداد", .writtenBy), ("تقرير :", .writtenBy), ("حرر بتاريخ", .publishedOn),
        ("حرر بواسطة", .writtenBy), ("بواسطة", .writtenBy), ("في", .publishedOn),
        ("نشر في", .publishedOn), ("بتاريخ", .publishedOn), ("نشر بتاريخ", .publishedOn), ("تاريخ النشر", .publishedOn),
        ("آخر تحديث", .publishedOn),
    ])

    /// Last words of a line that credits a newsroom, not a person ("Africa Tech Wire staff").
    static let newsroomWords = WordSet("staff team newsroom desk rédaction التحرير متابعة")

    /// Words of a byline that names a newsroom role, not a person ("Staff Reporter", "Newsdesk",
    /// "La rédaction", "Notre correspondant", "هيئة التحرير", "متابعة": a desk's follow-up), in text
    /// and in markup (`HTMLBylineElement`).
    static let newsroomRoles = WordSet("""
        staff team newsroom newsdesk desk reporter reporters correspondent correspondents editor editors writer
        writers rédaction correspondant correspondante correspondants هيئة التحرير متابعة
        """)

    /// Plural nouns that introduce a list of organisations ("centres d'appels, en l'occurrence, A, B et C").
    static let organisationCategories = WordSet("""
        centres entreprises sociétés opérateurs banques groupes compagnies firmes marques outsourceurs prestataires
        assureurs constructeurs clubs équipes journaux médias institutions organismes enseignes startups
        companies firms banks brands operators groups outsourcers carriers clubs teams équipementiers fournisseurs
        transporteurs armateurs suppliers airlines automakers lenders insurers manufacturers
        """)

    /// Plural nouns that introduce a list of places ("six villes, en l'occurrence, Marrakech, Tanger…").
    static let placeCategories = WordSet("""
        villes pays régions provinces capitales communes préfectures douars quartiers hameaux localités arrondissements
        cercles caïdats pachaliks cities
        countries regions prefectures districts towns villages municipalities douars neighbourhoods neighborhoods
        """)

    /// Words between a category noun and its list ("notamment", "en l'occurrence", "comme", "dont").
    static let listOpeners = PhraseTable<Bool>([
        ("en l'occurrence", true), ("notamment", true), ("comme", true), ("tels que", true), ("telles que", true),
        ("dont", true), ("à savoir", true), ("parmi lesquels", true), ("such as", true), ("including", true),
        ("like", true), ("namely", true),
    ])

    /// Words before a name that quote a person ("selon X Y", "d'après X Y", "according to X Y").
    static let quoteOpeners = PhraseTable<Bool>([
        ("selon", true), ("d'après", true), ("according to", true), ("a déclaré", true), ("a affirmé", true),
        ("a souligné", true), ("a indiqué", true), ("a expliqué", true), ("a estimé", true), ("a précisé", true),
        ("a ajouté", true), ("a rappelé", true), ("a noté", true), ("said", true), ("told", true),
        ("reporting by", true),
    ])

    /// Speech verbs after a name ("X Y a déclaré", "X Y affirme", "X Y said").
    static let speechVerbs = WordSet("""
        déclaré affirmé souligné indiqué expliqué estimé précisé annoncé ajouté rappelé noté confié assuré
        déclare affirme souligne indique explique estime précise annonce ajoute rappelle note confie assure
        regretté regrette salué salue dénoncé dénonce insisté insiste reconnu reconnaît averti
        said says told added noted explained stressed warned argued
        """)

    /// Singular nouns that name what the capitalised name after them is ("le groupe Accor",
    /// "chez l'outsourceur Intelcia", "the carrier Royal Air Maroc").
    static let organisationAppositions = WordSet("""
        groupe société banque fonds opérateur outsourceur compagnie firme constructeur assureur cabinet holding
        enseigne marque startup entreprise club journal quotidien hebdomadaire magazine chaîne agence association
        fédération parti syndicat équipementier transporteur distributeur laboratoire plateforme prestataire
        company firm group bank carrier operator outsourcer lender insurer automaker airline newspaper
        agency charity ngo association federation party union magazine developer
        """)

    /// Capitalised first words that make a run of two words or more a place: a district, a village
    /// ("Hay Al Wahda", "Douar Ouled Ali").
    static let placePrefixes = WordSet("hay douar")

    /// Nouns that, with "de", introduce a place ("la ville de Drarga", "la commune d'Asni").
    static let placeAppositions = WordSet("""
        ville région province commune village localité douar quartier préfecture wilaya city town region province
        zone pépinière technopole technopôle littoral baie golfe vallée oasis plaine parc bay valley coast
        """)

    /// Lowercase word endings of French verbs (future, conditional, imperfect): such a word ends
    /// an organisation name ("la Banque européenne d'investissement financeront …").
    static let verbEndings = SuffixSet(["ront", "rait", "raient", "aient", "èrent", "erons", "erez"])

    /// Lowercase word endings of French adjectives: such a word may follow an organisation's
    /// head or the noun of its complement ("Autorité portuaire", "services informatiques").
    static let adjectiveEndings = SuffixSet([
        "aire", "aires", "ique", "iques", "ale", "ales", "ole", "oles", "aux", "elle", "elles", "ienne", "iennes", "aine", "aines",
        "aise", "aises", "ive", "ives", "ifs", "iel", "ielle", "ielles", "ière", "ières", "iers", "ée", "ées", "és",
        "ble", "bles", "eur", "eurs", "euse", "euses", "ore", "al", "el", "if", "ier", "ain", "ais", "ien",
        "itime", "itimes",
    ])

    /// Endings of French past participles ("basée", "créés"), which with a preposition after
    /// them ("basée à", "créée en") say something about a name rather than end it.
    static let participleEndings = SuffixSet(["é", "ée", "és", "ées"])

    /// Prepositions after a participle that make it a clause ("basée à Rabat", "fondée par").
    static let participlePrepositions = WordSet("à au aux en par dans depuis")

    /// Lowercase word endings of French infinitives ("soutenir", "renforcer").
    static let infinitiveEndings = SuffixSet(["er", "ir"])

    /// Whether a lowercase word ends like a French adjective ("portuaire", "spéciale", "informatiques").
    static func isAdjective(_ token: Token, in text: TokenizedText) -> Bool {
        !token.has(.capitalized) && token.length > 4 && adjectiveEndings.matches(token, in: text)
    }

    /// Nationality adjectives and demonyms, every gender and number ("marocain", "norvégienne",
    /// "Américains"). Lowercase after an article, the word stands for a company ("le japonais
    /// Sumitomo", "l'américain Lear"); capitalised, for a person ("le Sud-Africain Rulani Mokwena").
    static let nationalities = WordSet("""
        arabic berber cameroonian congolese english ethiopian gabonese ghanaian ivorian kenyan malian mauritanian nigerian
        portuguese russian rwandan senegalese spanish tamazight tunisian turkish scandinavian eritrean
        africain africaine africaines africains african algerian amazigh amazighe amazighes amazighs algérien algérienne algériennes algériens
        allemand allemande allemandes allemands american américain américaine américaines américains anglais
        anglaise anglaises arabe arabes argentin argentine argentines argentins asiatique asiatiques australien
        australienne australiennes australiens autrichien autrichienne autrichiennes autrichiens bahreïni
        bahreïnie bahreïnies bahreïnis belge belges belgian brazilian britannique britanniques british brésilien
        brésilienne brésiliennes brésiliens bulgare bulgares camerounais camerounaise camerounaises canadian
        canadien canadienne canadiennes canadiens chilien chilienne chiliennes chiliens chinese chinois chinoise
        chinoises colombien colombienne colombiennes colombiens congolais congolaise congolaises coréen coréenne
        coréennes coréens croate croates cubain cubaine cubaines cubains danish danois danoise danoises dutch
        egyptian emirati espagnol espagnole espagnoles espagnols estonien estonienne estoniennes estoniens
        european européen européenne européennes européens finlandais finlandaise finlandaises français
        française françaises french gabonais gabonaise gabonaises german grec grecque grecques grecs hollandais
        hollandaise hollandaises hongrois hongroise hongroises indian indien indienne indiennes indiens
        indonésien indonésienne indonésiennes indonésiens irakien irakienne irakiennes irakiens iranien
        iranienne iraniennes iraniens irlandais irlandaise irlandaises islandais islandaise islandaises
        israélien israélienne israéliennes israéliens italian italien italienne italiennes italiens ivoirien
        ivoirienne ivoiriennes ivoiriens japanese japonais japonaise japonaises jordanien jordanienne
        jordaniennes jordaniens korean koweïtien koweïtienne koweïtiennes koweïtiens kényan kényane kényanes
        kényans letton lettone lettones lettons libanais libanaise libanaises libyen libyene libyenes libyens
        lituanien lituanienne lituaniennes lituaniens luxembourgeois luxembourgeoise luxembourgeoises maghrébin
        maghrébine maghrébines maghrébins malaisien malaisienne malaisiennes malaisiens malien malienne
        maliennes maliens marocain marocaine marocaines marocains mauritanien mauritanienne mauritaniennes
        mauritaniens mexicain mexicaine mexicaines mexicains monégasque monégasques moroccan nigérian nigériane
        nigérianes nigérians nigérien nigérienne nigériennes nigériens norvégien norvégienne norvégiennes
        norvégiens norwegian néerlandais néerlandaise néerlandaises omanais omanaise omanaises pakistanais
        pakistanaise pakistanaises palestinien palestinienne palestiniennes palestiniens polonais polonaise
        polonaises portugais portugaise portugaises portuguese péruvien péruvienne péruviennes péruviens qatari
        qatarie qataries qataris roumain roumaine roumaines roumains russe russes russian saoudien saoudienne
        saoudiennes saoudiens saudi serbe serbes singapourien singapourienne singapouriennes singapouriens
        slovaque slovaques slovène slovènes spanish suisse suisses suédois suédoise suédoises swedish swiss
        syrien syrienne syriennes syriens sénégalais sénégalaise sénégalaises taïwanais taïwanaise taïwanaises
        tchèque tchèques thaïlandais thaïlandaise thaïlandaises tunisian tunisien tunisienne tunisiennes
        tunisiens turc turcs turkish turque turques ukrainien ukrainienne ukrainiennes ukrainiens vietnamien
        vietnamienne vietnamiennes vietnamiens vénézuélien vénézuélienne vénézuéliennes vénézuéliens écossais
        écossaise écossaises érythréen érythréenne érythréennes érythréens scandinave scandinaves
        égyptien égyptienne égyptiennes égyptiens émirati émiratie émiraties émiratis
        éthiopien éthiopienne éthiopiennes éthiopiens
        """)

    /// First parts of compound nationalities ("Sud-Africain", "franco-italien").
    static let nationalityPrefixes = WordSet("sud nord franco italo hispano germano anglo sino américano euro")

    /// Articles before a nationality used as a noun ("le japonais …", "l'Espagnol …").
    static let articles = WordSet("le la l les un une the")

    /// Nouns of places and buildings named after people: "le complexe Mohammed V", "l'avenue
    /// Hassan II", "l'aéroport Mohammed V". What follows them is no person.
    static let facilities = WordSet("""
        complexe stade aéroport aeroport avenue boulevard bd rue place hôpital hopital lycée lycee collège college
        gare mosquée mosquee pont tour salle théâtre theatre parc jardin autoroute musée musee palais résidence
        quartier cité cite campus stadium airport street hospital square bridge
        """)

    /// English nouns after a name that make both one place ("Moulay El Hassan Stadium", "the
    /// Abdelmoumen dam").
    static let namedPlaceHeads = WordSet("stadium dam airport")

    /// English nouns after a name that make the name a place ("Outa El Hammam square").
    static let placesNamedBefore = WordSet("square")

    /// Lowercase nouns before a name that make it a place: "le port Tanger Med", "l'oued Sebou",
    /// "le complexe portuaire X", "le barrage Al Massira".
    static let placeNouns = WordSet("""
        port portuaire oued fleuve rivière riviere lac barrage mont massif plage île ile îles iles désert desert
        river lake dam mount
        """)

    /// Verbs that companies are the subject of ("Maersk et CMA CGM y opèrent deux terminaux").
    static let businessVerbs = WordSet("""
        opère opèrent exploite exploitent investit investissent produit produisent fabrique fabriquent emploie
        emploient rachète rachètent acquiert acquièrent commercialise commercialisent distribue distribuent
        exporte exportent importe importent livre livrent recrute recrutent implante implantent dessert desservent
        operates operate invests invest produces produce manufactures employs acquires acquire exports ships
        """)

    /// Function words that only title case capitalises ("Loan From World Bank For …"): a run of
    /// capitalised words breaks at them.
    static let titleCaseBreakers = WordSet("""
        from for of the and to with in on at by as into over under after before about amid against
        pour par sur dans avec contre vers chez sans selon après avant depuis entre
        """)

    /// Words that join the items of a list of names ("X et Y", "X and Y", "X ou Y").
    static let coordinators = WordSet("et and ou or")

    /// Words that close a list ("… et bien d'autres", "etc.").
    static let listClosers = WordSet("etc bien autres")
}

/// What a byline line states.
enum BylineKind: Sendable {
    /// "Publié dans <publication> le <date>".
    case publishedIn
    /// "Publié le <date>".
    case publishedOn
    /// "Rédigé par <author> <date>".
    case writtenBy
    /// "De notre correspondant à <place>, <author>": read as `writtenBy` from the comma on.
    case correspondent
    /// A short line after the byline: "<publication>", "<publication> - <author>".
    case attribution
    /// "<place or publication> - <author> | <date>": the opener's end is the dash.
    case credit
}
