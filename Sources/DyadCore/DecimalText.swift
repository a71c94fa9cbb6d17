/// Integers in decimal, as `String(value)` spells them, written into memory the caller holds:
/// every event hashes two into its id and writes a dozen into its JSON line, and a String for
/// each would cost more than the digits.
public enum DecimalText {
    /// The longest an `Int` gets: "-9223372036854775808".
    public static let maxIntegerLength = 20

    /// Writes `value`; returns the number of bytes.
    public static func write(_ value: Int, to output: UnsafeMutablePointer<UInt8>) -> Int {
        var cursor = output
        if value < 0 {
            cursor.pointee = UInt8(ascii: "-")
            cursor += 1
        }
        return cursor - output + writeDigits(UInt64(value.magnitude), to: cursor)
    }

    /// The decimal digits of `value`, at least `minimumCount` of them (zeros in front, at most
    /// 20 digits in all); returns their number.
    public static func writeDigits(_ value: UInt64, to output: UnsafeMutablePointer<UInt8>, minimumCount: Int = 1) -> Int {
        var count = 1
        var bound: UInt64 = 10
        while count < 20, value >= bound || count < minimumCount {
            count += 1
            bound = bound &* 10
        }
        var rest = value
        for position in stride(from: count - 1, through: 0, by: -1) {
            output[position] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
        return count
    }
}
