/// A day of the proleptic Gregorian calendar, with the arithmetic date resolution needs.
/// Pure integer code: no Foundation calendar, no time zones, no clock.
public struct CivilDate: Sendable, Hashable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `YYYY-MM-DD` (anything after the tenth character, such as a time, is ignored).
    public init?(iso: String) {
        guard let (year, month, day) = ISODate.leadingDayFields(iso.utf8), (1...12).contains(month), day >= 1,
              day <= CivilDate.days(inMonth: month, year: year) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Days since 1970-01-01 (the "days from civil" algorithm).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146097 + dayOfEra - 719468
    }

    public init(dayNumber: Int) {
        let z = dayNumber + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let dayOfEra = z - era * 146097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// 1 = Monday ... 7 = Sunday (ISO).
    public var weekday: Int { ((dayNumber % 7) + 7 + 3) % 7 + 1 }

    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    /// The same day `months` months away, clamped to the month's length.
    public func adding(months: Int) -> CivilDate {
        let total = year * 12 + (month - 1) + months
        let newYear = total >= 0 ? total / 12 : (total - 11) / 12
        let newMonth = total - newYear * 12 + 1
        return CivilDate(year: newYear, month: newMonth, day: min(day, CivilDate.days(inMonth: newMonth, year: newYear)))
    }

    public static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }

    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or the decade's first three digits, by precision.
    public func formatted(_ precision: DatePrecision) -> String {
        // Dates of news fall in years 0...9999: their digits are written straight into the
        // string (every event and time expression formats one). Others are spelled as below.
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else { return spelled(precision) }
        let length = switch precision {
        case .day, .week: 10
        case .month: 7
        case .year: 4
        case .decade: 3
        }
        return String(unsafeUninitializedCapacity: 10) { text in
            // All of YYYY-MM-DD goes in; the string keeps the first `length` bytes.
            let zero = UInt8(ascii: "0")
            text[0] = zero + UInt8(year / 1000)
            text[1] = zero + UInt8(year / 100 % 10)
            text[2] = zero + UInt8(year / 10 % 10)
            text[3] = zero + UInt8(year % 10)
            text[4] = UInt8(ascii: "-")
            text[5] = zero + UInt8(month / 10)
            text[6] = zero + UInt8(month % 10)
            text[7] = UInt8(ascii: "-")
            text[8] = zero + UInt8(day / 10)
            text[9] = zero + UInt8(day % 10)
            return length
        }
    }

    /// `formatted` by way of `String(Int)`, zero-padded: any year, negative ones included.
    func spelled(_ precision: DatePrecision) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        switch precision {
        case .day, .week: return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        case .month: return "\(pad(year, 4))-\(pad(month, 2))"
        case .year: return pad(year, 4)
        case .decade: return String(pad(year, 4).prefix(3))
        }
    }
}
