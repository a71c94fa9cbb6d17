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
    private static func isISODay(_ utf8: String.UTF8View) -> Bool {
        guard utf8.count == 10 else { return false }
        var digits = 0, year = 0, month = 0, day = 0
        for (offset, byte) in utf8.enumerated() {
            if offset == 4 || offset == 7 {
                guard byte == UInt8(ascii: "-") else { return false }
                continue
            }
            guard isDigit(byte) else { return false }
            let value = Int(byte - 0x30)
            switch offset {
            case 0..<4: year = year * 10 + value
            case 5, 6: month = month * 10 + value
            default: day = day * 10 + value
            }
            digits += 1
        }
        return digits == 8 && (1000...9999).contains(year) && (1...12).contains(month) && (1...31).contains(day)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int {
        digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

    /// `YYYYMMDD` as a number for a full date (any input form `normalize` reads), nil otherwise.
    public static func dayInteger(_ raw: String?) -> Int? {
        guard let iso = normalize(raw), iso.utf8.count == 10 else { return nil }
        return iso.utf8.reduce(0) { isDigit($1) ? $0 * 10 + Int($1 - 0x30) : $0 }
    }
}
