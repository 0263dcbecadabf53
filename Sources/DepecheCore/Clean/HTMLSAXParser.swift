import CLibXML2

/// libxml2's forgiving HTML parser (`htmlCtxtReadIO`), which repairs whatever markup
/// scrapers save, run with a SAX handler of our own: its events go to an `HTMLTreeBuilder`, and
/// libxml2 builds no tree of its own. The only file that calls libxml2.
enum HTMLSAXParser {
    /// libxml2's global tables must be set up once, before parsers run on several threads.
    private static let libraryInitialised: Void = xmlInitParser()

    /// Repair broken markup; print no errors or warnings; never fetch anything over the network.
    private static let options = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue)

    /// The tree of already decoded markup. The parser is told the bytes are UTF-8, so a
    /// `<meta charset>` in the page (which the decoder has already honoured) is not applied twice.
    /// It reads them a chunk at a time (`htmlCtxtReadIO`) and drops what it has parsed, so it
    /// never holds the whole page: `htmlCtxtReadMemory` copied it, then converted the copy from
    /// UTF-8 to UTF-8 into a second one, each as large as the page.
    /// Nil for an empty page (or one past 2 GiB).
    static func tree(of html: String) -> HTMLTree? {
        Self.libraryInitialised
        var html = html
        return html.withUTF8 { bytes -> HTMLTree? in
            guard !bytes.isEmpty, bytes.count <= Int(Int32.max), let context = htmlNewParserCtxt() else { return nil }
            defer { htmlFreeParserCtxt(context) }
            context.pointee.sax.pointee = handler()
            var builder = HTMLTreeBuilder()
            var unread = bytes[...]
            withUnsafeMutablePointer(to: &builder) { builder in
                context.pointee._private = UnsafeMutableRawPointer(builder)
                withUnsafeMutablePointer(to: &unread) { unread in
                    _ = htmlCtxtReadIO(context, { unread, buffer, length in
                        guard let unread, let buffer else { return -1 }
                        return HTMLSAXParser.read(unread, into: buffer, length)
                    }, nil, unread, nil, "UTF-8", options)
                }
            }
            return builder.tree
        }
    }

    /// libxml2's read callback: copies up to `length` of the bytes not yet read into `buffer`;
    /// returns how many (0 at the end).
    private static func read(_ unread: UnsafeMutableRawPointer, into buffer: UnsafeMutablePointer<CChar>, _ length: Int32) -> Int32 {
        let unread = unread.assumingMemoryBound(to: Slice<UnsafeBufferPointer<UInt8>>.self)
        let chunk = UnsafeBufferPointer(rebasing: unread.pointee.prefix(Int(length)))
        guard let start = chunk.baseAddress, !chunk.isEmpty else { return 0 }
        UnsafeMutableRawPointer(buffer).copyMemory(from: start, byteCount: chunk.count)
        unread.pointee = unread.pointee.dropFirst(chunk.count)
        return Int32(chunk.count)
    }

    /// The events a tree is made of; no `startDocument`, so libxml2 makes no document.
    /// `ignorableWhitespace` stays unset: with blanks kept (no `HTML_PARSE_NOBLANKS`) the parser
    /// reports all white space as characters, and the default handler's one does nothing anyway.
    private static func handler() -> htmlSAXHandler {
        var handler = htmlSAXHandler()
        handler.initialized = 1
        handler.startElement = { context, name, attributes in
            guard let context, let name else { return }
            let builder = HTMLSAXParser.builder(context)
            let verdict = builder.pointee.startElement(HTMLSAXParser.bytes(name))
            var attribute = verdict == .goOn ? attributes : nil
            while let pair = attribute, let attributeName = pair[0] {
                // A boolean attribute written without a value (`<option selected>`) gets its name as value.
                let value = pair[1] ?? (htmlIsBooleanAttr(attributeName) != 0 ? attributeName : nil)
                builder.pointee.attribute(HTMLSAXParser.bytes(attributeName), value: value.map(HTMLSAXParser.bytes))
                attribute = pair + 2
            }
            HTMLSAXParser.obey(verdict, context)
        }
        handler.endElement = { context, _ in
            guard let context else { return }
            HTMLSAXParser.builder(context).pointee.endElement()
        }
        handler.characters = { context, text, length in
            guard let context, let text else { return }
            let run = UnsafeBufferPointer(start: text, count: Int(length))
            HTMLSAXParser.obey(HTMLSAXParser.builder(context).pointee.characters(run, kind: HTMLTree.text), context)
        }
        handler.cdataBlock = { context, text, length in
            guard let context, let text else { return }
            let run = UnsafeBufferPointer(start: text, count: Int(length))
            HTMLSAXParser.obey(HTMLSAXParser.builder(context).pointee.characters(run, kind: HTMLTree.cdata), context)
        }
        handler.comment = { context, _ in
            guard let context else { return }
            HTMLSAXParser.builder(context).pointee.mark(kind: HTMLTree.comment)
        }
        handler.processingInstruction = { context, _, _ in
            guard let context else { return }
            HTMLSAXParser.builder(context).pointee.mark(kind: HTMLTree.instruction)
        }
        handler.internalSubset = { context, _, _, _ in
            guard let context else { return }
            HTMLSAXParser.builder(context).pointee.doctype()
        }
        return handler
    }

    /// The builder of the parse that `context` (the parser context, libxml2's default user data) runs.
    private static func builder(_ context: UnsafeMutableRawPointer) -> UnsafeMutablePointer<HTMLTreeBuilder> {
        let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
        return parser.pointee._private.unsafelyUnwrapped.assumingMemoryBound(to: HTMLTreeBuilder.self)
    }

    /// Stops the parser the way libxml2's tree builder would have: `xmlHaltParser` for a document
    /// too deep, and for a text node too long what `xmlSAX2ErrMemory` does (stop calling back).
    private static func obey(_ verdict: HTMLTreeBuilder.Verdict, _ context: UnsafeMutableRawPointer) {
        let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
        switch verdict {
        case .goOn:
            return
        case .halt:
            xmlStopParser(parser)
        case .textTooLong:
            parser.pointee.errNo = Int32(XML_ERR_NO_MEMORY.rawValue)
            parser.pointee.instate = XML_PARSER_EOF
            parser.pointee.disableSAX = 1
        }
    }

    private static func bytes(_ string: UnsafePointer<xmlChar>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: string, count: Int(xmlStrlen(string)))
    }
}
