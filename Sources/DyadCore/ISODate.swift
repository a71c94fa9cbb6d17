import Foundation

/// Dates as Dyad passes them on: ISO `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`), from what inputs give.
///
/// The one place input dates are read: the readers normalize an article's date with it, so the
/// coder, the locator, the writers and the store all see ISO dates.
public enum ISODate {
    /// `2017/2/7`, `2017-02-07T10:00`, `20170207`, `2016-11-09 00:00:00` -> `2017-02-07`;
    /// `2004-05` and `2004` stay partial; nil when the text does not start with a date.
    public static func normalize(_ raw: String?) -> String? {
        guard let raw = raw?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        let scalars = Array(raw.unicodeScalars)
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.isASCII && scalar.properties.numericType != nil }
        // Compact YYYYMMDD.
        if scalars.count >= 8, scalars.prefix(8).allSatisfy(isDigit), scalars.count == 8 || !isDigit(scalars[8]) {
            let digits = String(String.UnicodeScalarView(scalars.prefix(8)))
            return day(Int(digits.prefix(4)), Int(digits.dropFirst(4).prefix(2)), Int(digits.suffix(2)))
        }
        var parts: [Int] = []
        var current = ""
        for scalar in scalars {
            if isDigit(scalar) {
                current.unicodeScalars.append(scalar)
            } else if scalar == "-" || scalar == "/" || scalar == "." {
                guard !current.isEmpty, parts.count < 3 else { break }
                parts.append(Int(current) ?? -1)
                current = ""
            } else {
                break
            }
        }
        if !current.isEmpty, parts.count < 3 { parts.append(Int(current) ?? -1) }
        guard let year = parts.first, year >= 1000, year <= 9999 else { return nil }
        switch parts.count {
        case 1: return String(year)
        case 2: return (1...12).contains(parts[1]) ? String(format: "%04d-%02d", year, parts[1]) : String(year)
        default: return day(year, parts[1], parts[2])
        }
    }

    /// `YYYY-MM-DD` of a day, nil when it is out of range.
    public static func day(_ year: Int?, _ month: Int?, _ day: Int?) -> String? {
        guard let year, let month, let day, (1000...9999).contains(year), (1...12).contains(month),
              (1...31).contains(day) else { return nil }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// `YYYYMMDD` as a number for a full date (any input form `normalize` reads), nil otherwise.
    public static func dayInteger(_ raw: String?) -> Int? {
        guard let iso = normalize(raw), iso.utf8.count == 10 else { return nil }
        return Int(iso.filter(\.isNumber))
    }
}
