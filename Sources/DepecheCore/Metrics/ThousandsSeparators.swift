extension Int {
    /// The number in decimal with a comma between groups of three digits: `1,204`.
    var withThousandsSeparators: String {
        let digits = Array(String(magnitude).utf8)
        var grouped: [UInt8] = self < 0 ? [UInt8(ascii: "-")] : []
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(UInt8(ascii: ",")) }
            grouped.append(digit)
        }
        return String(decoding: grouped, as: UTF8.self)
    }
}
