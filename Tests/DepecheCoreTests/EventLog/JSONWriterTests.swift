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

    /// A byte to escape (or an accented letter, or a byte just beside those to escape) at each
    /// of the first seventeen positions of a sentence: escaped as a scalar-by-scalar reference
    /// does, and the runs between escapes copied whole.
    @Test func escapesInLongStringsAtEveryPosition() {
        let plain = "Le Maroc a exporté 12% de plus vers l'Europe en 2024. "
        for special in ["\"", "\\", "\n", "\t", "\u{01}", "\u{1F}", "\u{7F}", "é", "!", "#", "[", "]", " ", "~", "\u{80}", "ب"] {
            for position in 0..<17 {
                let text = String(plain.prefix(position)) + special + plain
                var expected = "\""
                for scalar in text.unicodeScalars {
                    switch scalar {
                    case "\"": expected += "\\\""
                    case "\\": expected += "\\\\"
                    case "\n": expected += "\\n"
                    case "\t": expected += "\\t"
                    case "\r": expected += "\\r"
                    case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                        expected += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                    default: expected.unicodeScalars.append(scalar)
                    }
                }
                expected += "\""
                #expect(render { $0.field("t", text) } == "{\"t\":" + expected + "}", "\(special.debugDescription) at \(position)")
            }
        }
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

    /// Integers are written digit by digit into the buffer: the same text as `String(n)` at
    /// every digit count, both signs and both ends of `Int`.
    @Test func writesIntegersAsStringDoes() {
        var values = [0, 1, -1, 9, 10, -10, Int.max, Int.min, Int.max - 1, Int.min + 1]
        var power = 1
        for _ in 1...18 {
            power *= 10
            values += [power - 1, power, power + 1, -power, -(power - 1)]
        }
        for value in values {
            #expect(render { $0.field("n", value) } == "{\"n\":\(value)}")
            #expect(render { json in
                json.beginArray("a")
                json.element(value)
                json.element(value)
                json.endArray()
            } == "{\"a\":[\(value),\(value)]}")
        }
        #expect(render { $0.field("n", -42.0) } == #"{"n":-42}"#)
    }

    /// Lines far past the first buffer (512 bytes), grown by small writes and by one long string
    /// at every offset a growth can fall on: the same text as written piece by piece.
    @Test func growsWithoutLosingOrShiftingBytes() {
        var expected = "{"
        let text = render { json in
            for index in 0..<600 {
                json.field("k", index)
                json.field("s", String(repeating: "é\"", count: index % 7))
                if index > 0 { expected += "," }
                expected += "\"k\":\(index),\"s\":\"" + String(repeating: "é\\\"", count: index % 7) + "\""
            }
        }
        #expect(text == expected + "}")
        for length in [500, 507, 508, 509, 510, 511, 512, 1_000, 100_000] {
            let long = String(repeating: "a", count: length)
            #expect(render { $0.field("t", long) } == "{\"t\":\"" + long + "\"}", "\(length) bytes")
        }
        var json = JSONWriter()
        json.field("t", String(repeating: "x", count: 1_000))
        #expect(json.finish(terminator: 0x0A).suffix(3) == Array("x\"}\n".utf8).suffix(3))
    }

    @Test func writesIntegralDoublesWithoutFraction() {
        #expect(render { $0.field("value", 1_200_000_000.0) } == #"{"value":1200000000}"#)
        #expect(render { $0.field("value", Double.nan) } == #"{"value":null}"#)
    }
}
