/// Dates as Dyad passes them on: ISO `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`), from what inputs give.
///
/// The one place input dates are read: the readers normalize an article's date with it, so the
/// coder, the locator, the writers and the store all see ISO dates.
public enum ISODate {
    /// `2017/2/7`, `2017-02-07T10:00`, `20170207`, `2016-11-09 00:00:00` -> `2017-02-07`;
    /// `2004-05` and `2004` stay partial; nil when the text does not start with a date.
    public static func normalize(_ raw: String?) -> String? {
        guard let raw else { return nil }
        // Most dates come as ISO days already: the same string back, without building another.
        if isISODay(raw.utf8) { return raw }
        // Bytes, not Foundation: every document's date passes through here several times.
        var bytes = Array(raw.utf8)[...]
        while let first = bytes.first, isSpace(first) { bytes.removeFirst() }
        while let last = bytes.last, isSpace(last) { bytes.removeLast() }
        guard !bytes.isEmpty else { return nil }
        // Compact YYYYMMDD.
        if bytes.count >= 8, bytes.prefix(8).allSatisfy(isDigit),
           bytes.count == 8 || !isDigit(bytes[bytes.startIndex + 8]) {
            let start = bytes.startIndex
            return day(number(bytes[start..<start + 4]), number(bytes[start + 4..<start + 6]),
                       number(bytes[start + 6..<start + 8]))
        }
        var parts: [Int] = []
        var current: Int? = nil
        for byte in bytes {
            if isDigit(byte) {
                // Saturate: a run too long for a year is as wrong as any other.
                current = min((current ?? 0) * 10 + Int(byte - 0x30), 1_000_000)
            } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".") {
                guard let value = current, parts.count < 3 else { break }
                parts.append(value)
                current = nil
            } else {
                break
            }
        }
        if let current, parts.count < 3 { parts.append(current) }
        guard let year = parts.first, year >= 1000, year <= 9999 else { return nil }
        switch parts.count {
        case 1: return String(year)
        case 2: return (1...12).contains(parts[1]) ? "\(year)-\(twoDigits(parts[1]))" : String(year)
        default: return day(year, parts[1], parts[2])
        }
    }

    /// `YYYY-MM-DD` of a day, nil when it is out of range.
    public static func day(_ year: Int?, _ month: Int?, _ day: Int?) -> String? {
        guard let year, let month, let day, (1000...9999).contains(year), (1...12).contains(month),
              (1...31).contains(day) else { return nil }
        return "\(year)-\(twoDigits(month))-\(twoDigits(day))"
    }

    /// Exactly `YYYY-MM-DD`, in the ranges `day` accepts.
    private static func isISODay(_ utf8: String.UTF8View) -> Bool { isoDayInteger(utf8) != nil }

    /// `YYYYMMDD` as a number when the text is exactly `YYYY-MM-DD` in the ranges `day` accepts,
    /// nil otherwise. Read from the string's own bytes: every document's date is checked here
    /// several times, and nearly all are such days already.
    private static func isoDayInteger(_ utf8: String.UTF8View) -> Int? {
        guard utf8.count == 10, let (year, month, day) = leadingDayFields(utf8),
              (1000...9999).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
        return year * 10_000 + month * 100 + day
    }

    /// The numbers of `YYYY-MM-DD` at the start of `utf8` (digits and dashes, anything after
    /// them ignored), with no range checked; nil for any other start. Read from the string's
    /// own bytes when it has them (every native string): no array per date.
    static func leadingDayFields(_ utf8: String.UTF8View) -> (year: Int, month: Int, day: Int)? {
        if let fields = utf8.withContiguousStorageIfAvailable(leadingDayFields) { return fields }
        return Array(utf8.prefix(10)).withUnsafeBufferPointer(leadingDayFields)
    }

    private static func leadingDayFields(_ bytes: UnsafeBufferPointer<UInt8>) -> (year: Int, month: Int, day: Int)? {
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        var number = 0
        for index in 0..<10 where index != 4 && index != 7 {
            guard isDigit(bytes[index]) else { return nil }
            number = number * 10 + Int(bytes[index] - 0x30)
        }
        return (number / 10_000, number / 100 % 100, number % 100)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int {
        digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

    /// `YYYYMMDD` as a number for a full date (any input form `normalize` reads), nil otherwise.
    public static func dayInteger(_ raw: String?) -> Int? {
        // `normalize` gives ten bytes only for a day, and every day it gives is one of these.
        guard let iso = normalize(raw) else { return nil }
        return isoDayInteger(iso.utf8)
    }
}
