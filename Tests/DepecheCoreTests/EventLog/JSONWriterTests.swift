import Testing
@testable import DepecheCore

@Suite struct JSONWriterTests {
    private func render(_ build: (inout JSONWriter) -> Void) -> String {
        var json = JSONWriter()
        build(&json)
        return String(decoding: json.finish(), as: UTF8.self)
    }

    @Test func keepsKeyOrderAndTypes() {
        let text = render { json in
            json.field("v", 1)
            json.field("s", "a/b")
            json.field("x", 1.5)
            json.field("n", nil as String?)
            json.field("t", true)
        }
        #expect(text == #"{"v":1,"s":"a/b","x":1.5,"n":null,"t":true}"#)
    }

    @Test func escapesQuotesControlsAndNewlines() {
        let text = render { $0.field("p", "a\"b\\c\nd\u{01}é") }
        #expect(text == #"{"p":"a\"b\\c\nd\u0001é"}"#)
        let edges = render { $0.field("q", "\"\r\t\u{7F}x\u{1F}\\") }
        #expect(edges == #"{"q":"\"\r\t\u007fx\u001f\\"}"#, "escapes at both ends of a string, between short runs")
        #expect(render { $0.field("e", "") } == #"{"e":""}"#)
    }

    @Test func nestsObjectsAndArrays() {
        let text = render { json in
            json.beginObject("file")
            json.field("ino", 7)
            json.endObject()
            json.beginArray("offsets")
            json.beginArray()
            json.element(1)
            json.element(5)
            json.endArray()
            json.endArray()
            json.field("after", 0)
        }
        #expect(text == #"{"file":{"ino":7},"offsets":[[1,5]],"after":0}"#)
    }

    @Test func writesIntegralDoublesWithoutFraction() {
        #expect(render { $0.field("value", 1_200_000_000.0) } == #"{"value":1200000000}"#)
        #expect(render { $0.field("value", Double.nan) } == #"{"value":null}"#)
    }
}
