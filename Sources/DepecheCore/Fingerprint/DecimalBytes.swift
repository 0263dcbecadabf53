extension Int {
    /// The value of ASCII decimal digits (1 to 18 of them, no sign); nil for anything else.
    /// For reading numbers out of a file's bytes without making a string of each.
    init?(decimal digits: some Collection<UInt8>) {
        guard (1...18).contains(digits.count) else { return nil }
        var value = 0
        for digit in digits {
            guard (0x30...0x39).contains(digit) else { return nil }
            value = value * 10 + Int(digit - 0x30)
        }
        self = value
    }
}
