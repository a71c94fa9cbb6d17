import DyadCore

/// A time expression of a document: where it is, what kind, and its value.
public struct TimeExpression: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// A calendar date or period: "29 March 2025", "on Friday", "last month", "in the 1990s".
        case date
        /// A time of day: "8:10am".
        case time
        /// A length of time that is not a date: "for years", "in five days".
        case duration
    }

    /// Indices into `Document.tokens`.
    public var tokens: Range<Int>
    public var sentence: Int
    public var kind: Kind
    /// ISO value: `2025-03-29`, `2025-03`, `2004`, `199` (a decade), `T08:10`, `P5D`, `PXY`;
    /// for a relative date with no article date, the parts known (`XXXX-03-29`) or nil.
    public var value: String?
    /// Precision of a date; nil for times and durations.
    public var precision: DatePrecision?
    /// True when the value depends on the article date ("yesterday", "on Friday", "in January").
    public var isRelative: Bool
    /// The offset a relative date stands for ("-1 day", "weekday 5 before", "-1 month"), kept
    /// so that an undated article still says what the text meant.
    public var relative: String?

    /// The `precision` field as `dyad annotate` writes it.
    public var precisionName: String {
        switch kind {
        case .date: precision?.rawValue ?? "day"
        case .time: "time"
        case .duration: "duration"
        }
    }
}

/// Finds time expressions on a document's tokens and resolves them against the article date.
/// Word lists come from `Resources/time-words.txt`; every comparison is on hashed token bytes.
public struct TimeRecognizer: Sendable {
    let words: WordLists
    private let months: KeyTable, weekdays: KeyTable, dayWords: KeyTable, numbers: KeyTable
    private let units: KeyTable, partsOfDay: KeyTable, past: KeyTable, future: KeyTable
    private let this: KeyTable, earlier: KeyTable, ago: KeyTable, datePrepositions: KeyTable
    private let durationPrepositions: KeyTable, futureMarkers: KeyTable, am: KeyTable, pm: KeyTable
    /// Every word an expression can start with (a month, "yesterday", "last", "two", ...):
    /// most tokens are none, and one lookup here passes them over.
    private let startWords: KeyTable

    public init(words: WordLists = .bundled("time-words")) {
        self.words = words
        // Months, weekdays, numbers and units carry their number in the list ("month 3: march").
        months = words.table("month")
        weekdays = words.table("weekday")
        dayWords = words.table("day")
        numbers = words.table("number")
        // Units: 1 day, 2 week, 3 month, 4 year, 5 decade, 6 hour.
        units = words.table("unit")
        partsOfDay = words.table("part-of-day")
        past = words.table("past")
        future = words.table("future")
        this = words.table("this")
        earlier = words.table("earlier")
        ago = words.table("ago")
        datePrepositions = words.table("date-preposition")
        durationPrepositions = words.table("duration-preposition")
        futureMarkers = words.table("future-marker")
        am = words.table("am")
        pm = words.table("pm")
        // The tables `match` tries a word token's own key in; a word in none starts nothing.
        startWords = words.table(anyOf: ["month", "weekday", "day", "earlier", "past", "future", "this", "unit", "number"])
    }

    /// Every time expression of the document, in text order. `articleDate` resolves relative
    /// ones; without it they keep `value` nil (or partial) and say what they meant in `relative`.
    public func expressions(in document: Document, articleDate: CivilDate?) -> [TimeExpression] {
        expressions(in: document, articleDate: articleDate, keys: document.tokenKeys())
    }

    /// `keys`: `Document.tokenKeys()`, which the geoparser reads too.
    func expressions(in document: Document, articleDate: CivilDate?, keys: [UInt64]) -> [TimeExpression] {
        let view = TokenBytes(bytes: document.text.bytes)
        var found: [TimeExpression] = []
        let tokens = document.tokens
        for (sentenceIndex, sentence) in document.sentences.enumerated() {
            // Whether the sentence speaks of the future: read only once a token may start an
            // expression, which many sentences have none of.
            var isFuture: Bool? = nil
            var index = sentence.tokens.lowerBound
            while index < sentence.tokens.upperBound {
                let shape = tokens[index].shape
                guard shape == .number || (shape == .word && startWords[keys[index]] != nil) else {
                    index += 1
                    continue
                }
                if isFuture == nil { isFuture = keys[sentence.tokens].contains { futureMarkers[$0] != nil } }
                if let expression = match(at: index, sentence: sentence.tokens, sentenceIndex: sentenceIndex,
                                          keys: keys, document: document, view: view,
                                          articleDate: articleDate, isFuture: isFuture ?? false) {
                    found.append(expression)
                    index = expression.tokens.upperBound
                } else {
                    index += 1
                }
            }
        }
        return found
    }

    // swiftlint:disable:next function_body_length cyclomatic_complexity
    private func match(at index: Int, sentence: Range<Int>, sentenceIndex: Int, keys: [UInt64], document: Document,
                       view: TokenBytes, articleDate: CivilDate?, isFuture: Bool) -> TimeExpression? {
        let tokens = document.tokens
        func key(_ i: Int) -> UInt64? { sentence.contains(i) ? keys[i] : nil }
        func integer(_ i: Int) -> Int? { sentence.contains(i) ? view.integer(tokens[i].range) : nil }
        func count(_ i: Int) -> Int? { integer(i) ?? key(i).flatMap { numbers[$0] } }
        func capitalized(_ i: Int) -> Bool { view.isCapitalized(tokens[i].range) }
        func expression(_ range: Range<Int>, _ kind: TimeExpression.Kind, _ value: String?, _ precision: DatePrecision?,
                        relative: Bool = false, offset: String? = nil) -> TimeExpression {
            TimeExpression(tokens: range, sentence: sentenceIndex, kind: kind, value: value, precision: precision,
                           isRelative: relative, relative: relative && value == nil ? offset : nil)
        }
        /// A day given without its year: the article's year, or the one before when that would put
        /// it more than a month after the article (unless the clause speaks of the future).
        func resolve(month: Int, day: Int?, range: Range<Int>) -> TimeExpression {
            let precision: DatePrecision = day == nil ? .month : .day
            guard let articleDate else {
                let partial = day.map { "XXXX-\(pad2(month))-\(pad2($0))" } ?? "XXXX-\(pad2(month))"
                return expression(range, .date, partial, precision, relative: true)
            }
            var date = CivilDate(year: articleDate.year, month: month,
                                 day: min(day ?? 1, CivilDate.days(inMonth: month, year: articleDate.year)))
            if !isFuture, date.dayNumber > articleDate.dayNumber + (day == nil ? 0 : 31) {
                date.year -= 1
            } else if isFuture, date.dayNumber < articleDate.dayNumber - 31 {
                date.year += 1
            }
            return expression(range, .date, date.formatted(precision), precision, relative: true)
        }
        let token = tokens[index]
        let here = keys[index]
        let previousKey = key(index - 1)

        // Numbers: ISO dates, 3/29, 8:10am, 1990s, a bare year after "in"/"since", "29 March 2025".
        if token.shape == .number {
            let bytes = Array(view.bytes[token.range])
            if let date = isoDate(bytes) {
                return expression(index..<index + 1, .date, date.formatted(.day), .day)
            }
            if let (month, day, year) = slashDate(bytes), (1...12).contains(month), (1...31).contains(day) {
                if let year { return expression(index..<index + 1, .date, CivilDate(year: year, month: month, day: day).formatted(.day), .day) }
                return resolve(month: month, day: day, range: index..<index + 1)
            }
            if let (hour, minute, suffixLength) = clockTime(bytes) {
                var end = index + 1
                var hour24 = hour
                let suffix = suffixLength > 0 ? Array(bytes.suffix(suffixLength)) : []
                if suffix.first.map({ $0 | 0x20 == 0x70 }) == true, hour < 12 { hour24 += 12 }
                if suffixLength == 0, let next = key(end) {
                    if pm[next] != nil, hour < 12 { hour24 += 12; end += 1 } else if am[next] != nil { end += 1 }
                }
                if suffix.first.map({ $0 | 0x20 == 0x61 }) == true, hour == 12 { hour24 = 0 }
                return expression(index..<end, .time, "T\(pad2(hour24)):\(pad2(minute))", nil)
            }
            if bytes.count == 5, bytes[4] == 0x73, let decade = view.integer(token.range.lowerBound..<token.range.lowerBound + 4),
               decade % 10 == 0, (1000...2100).contains(decade) {
                let start = previousKey == Self.theKey ? index - 1 : index
                return expression(start..<index + 1, .date, String(decade / 10), .decade)
            }
            if let value = integer(index) {
                // "29 March 2025", "29 March"
                if (1...31).contains(value), let monthKey = key(index + 1), let month = months[monthKey],
                   capitalized(index + 1) {
                    if let year = integer(index + 2), (1000...2100).contains(year) {
                        return expression(index..<index + 3, .date, CivilDate(year: year, month: month, day: value).formatted(.day), .day)
                    }
                    return resolve(month: month, day: value, range: index..<index + 2)
                }
                // "two days ago", "for five days", "in five days"
                if let span = period(at: index, count: value) { return span }
                if (1000...2100).contains(value), let previousKey, datePrepositions[previousKey] != nil,
                   bytes.count == 4 {
                    return expression(index..<index + 1, .date, String(value), .year)
                }
                // "8 a.m."
                if (1...12).contains(value), let next = key(index + 1), am[next] != nil || pm[next] != nil {
                    let hour = pm[next] != nil && value < 12 ? value + 12 : (value == 12 && am[next] != nil ? 0 : value)
                    return expression(index..<index + 2, .time, "T\(pad2(hour)):00", nil)
                }
            }
            return nil
        }
        guard token.shape == .word else { return nil }

        // Months: "March 29, 2025", "March 29", "March 2025", "in January", "since March".
        if capitalized(index), let month = months[here] {
            var end = index + 1
            if end < sentence.upperBound, tokens[end].shape == .punctuation, view.bytes[Int(tokens[end].start)] == 0x2E {
                end += 1  // "Dec ." when the tokenizer split the period
            }
            if let day = integer(end), (1...31).contains(day) {
                if key(end + 1) == Self.commaKey, let year = integer(end + 2), (1000...2100).contains(year) {
                    return expression(index..<end + 3, .date, CivilDate(year: year, month: month, day: day).formatted(.day), .day)
                }
                if let year = integer(end + 1), (1000...2100).contains(year) {
                    return expression(index..<end + 2, .date, CivilDate(year: year, month: month, day: day).formatted(.day), .day)
                }
                return resolve(month: month, day: day, range: index..<end + 1)
            }
            if let year = integer(end), (1000...2100).contains(year) {
                return expression(index..<end + 1, .date, CivilDate(year: year, month: month, day: 1).formatted(.month), .month)
            }
            // A bare month needs a preposition ("in May"); "May" alone is mostly the verb or a name.
            if let previousKey, datePrepositions[previousKey] != nil || past[previousKey] != nil || this[previousKey] != nil {
                return resolve(month: month, day: nil, range: index..<end)
            }
            return nil
        }

        // Weekdays: "on Friday", "last Friday", "next Tuesday", "Friday night".
        if capitalized(index), let weekday = weekdays[here] {
            var start = index, end = index + 1
            var direction = isFuture ? 1 : -1
            var strict = false
            if let previousKey, past[previousKey] != nil { start -= 1; direction = -1; strict = true }
            if let previousKey, future[previousKey] != nil { start -= 1; direction = 1; strict = true }
            if let next = key(end), partsOfDay[next] != nil { end += 1 }
            guard let articleDate else {
                return expression(start..<end, .date, nil, .day, relative: true,
                                  offset: "weekday \(weekday) \(direction < 0 ? "before" : "after")")
            }
            var delta = direction < 0 ? (articleDate.weekday - weekday + 7) % 7 : (weekday - articleDate.weekday + 7) % 7
            if delta == 0 && strict { delta = 7 }
            let date = articleDate.adding(days: direction * delta)
            return expression(start..<end, .date, date.formatted(.day), .day, relative: true)
        }

        // "yesterday", "today", "tomorrow" (and "yesterday morning").
        if let offset = dayWords[here] {
            var end = index + 1
            if let next = key(end), partsOfDay[next] != nil { end += 1 }
            return relativeDay(index..<end, days: offset)
        }

        // "last night", "this morning", "last week", "next month", "this year", "earlier this year".
        var start = index
        var cursor = index
        if earlier[here] != nil, let next = key(index + 1), this[next] != nil || past[next] != nil { cursor += 1 }
        if let word = key(cursor), past[word] != nil || future[word] != nil || this[word] != nil {
            let sign = past[word] != nil ? -1 : (future[word] != nil ? 1 : 0)
            // "for the past week", "over the last year" are durations, not dates.
            if sign < 0, let before = key(index - 1), before == Self.theKey, let prep = key(index - 2),
               durationPrepositions[prep] != nil, let unitKey = key(cursor + 1), let unit = units[unitKey] {
                return expression(index - 2..<cursor + 2, .duration, durationValue(1, unit), nil)
            }
            if let next = key(cursor + 1), partsOfDay[next] != nil {
                // "last night" is the evening before the article; "this morning" is its day.
                return relativeDay(start..<cursor + 2, days: sign < 0 ? -1 : sign)
            }
            if let next = key(cursor + 1), let unit = units[next], unit >= 2, unit <= 4 {
                start = index
                return relativePeriod(start..<cursor + 2, unit: unit, amount: sign)
            }
        }

        // "for years", "for decades": durations without a number.
        if let previousKey, durationPrepositions[previousKey] != nil, let unit = units[here], index + 1 <= sentence.upperBound {
            return expression(index - 1..<index + 1, .duration, durationValue(nil, unit), nil)
        }
        // Number words: "two days ago", "in five days".
        if let value = numbers[here], let span = period(at: index, count: value) { return span }
        return nil

        func relativeDay(_ range: Range<Int>, days: Int) -> TimeExpression {
            guard let articleDate else {
                return expression(range, .date, nil, .day, relative: true, offset: "\(days >= 0 ? "+" : "")\(days) day")
            }
            return expression(range, .date, articleDate.adding(days: days).formatted(.day), .day, relative: true)
        }

        /// "last week" (its Monday, precision week), "next month", "this year".
        func relativePeriod(_ range: Range<Int>, unit: Int, amount: Int) -> TimeExpression {
            let precision: DatePrecision = unit == 2 ? .week : (unit == 3 ? .month : .year)
            guard let articleDate else {
                return expression(range, .date, nil, precision, relative: true,
                                  offset: "\(amount >= 0 ? "+" : "")\(amount) \(precision.rawValue)")
            }
            let date: CivilDate
            switch unit {
            case 2:
                let shifted = articleDate.adding(days: 7 * amount)
                date = shifted.adding(days: 1 - shifted.weekday)
            case 3: date = articleDate.adding(months: amount)
            default: date = CivilDate(year: articleDate.year + amount, month: 1, day: 1)
            }
            return expression(range, .date, date.formatted(precision), precision, relative: true)
        }

        /// A count and a unit at `at`: "two days ago" (a date), "for five days" / "in five days"
        /// (durations), or nil.
        func period(at: Int, count: Int) -> TimeExpression? {
            guard let unitKey = key(at + 1), let unit = units[unitKey] else { return nil }
            if let next = key(at + 2), ago[next] != nil, unit <= 5 {
                let precision: DatePrecision = [.day, .week, .month, .year, .year][unit - 1]
                guard let articleDate else {
                    return expression(at..<at + 3, .date, nil, precision, relative: true,
                                      offset: "-\(count) \(["day", "week", "month", "year", "decade"][unit - 1])")
                }
                let date: CivilDate = switch unit {
                case 1: articleDate.adding(days: -count)
                case 2: articleDate.adding(days: -7 * count)
                case 3: articleDate.adding(months: -count)
                case 4: articleDate.adding(months: -12 * count)
                default: articleDate.adding(months: -120 * count)
                }
                return expression(at..<at + 3, .date, date.formatted(precision), precision, relative: true)
            }
            let start = key(at - 1).map { durationPrepositions[$0] != nil || $0 == Self.inKey } == true ? at - 1 : at
            return expression(start..<at + 2, .duration, durationValue(count, unit), nil)
        }
    }

    private func durationValue(_ count: Int?, _ unit: Int) -> String {
        let letter = ["D", "W", "M", "Y", "Y", "H"][unit - 1]
        let amount = count.map { unit == 5 ? String($0 * 10) : String($0) } ?? "X"
        return unit == 6 ? "PT\(amount)\(letter)" : "P\(amount)\(letter)"
    }

    static let theKey = hashKey("the"), commaKey = hashKey(","), inKey = hashKey("in")

    static func hashKey(_ word: String) -> UInt64 {
        var hasher = KeyHasher()
        for byte in word.utf8 { hasher.add(byte) }
        return hasher.value
    }
}

private func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

/// Digits between `start` and the next non-digit.
private func digits(_ bytes: [UInt8], from start: Int) -> (value: Int, end: Int)? {
    var end = start, value = 0
    while end < bytes.count, bytes[end] >= 0x30, bytes[end] <= 0x39, end - start < 5 {
        value = value * 10 + Int(bytes[end] - 0x30)
        end += 1
    }
    return end > start ? (value, end) : nil
}

/// `2025-03-29`.
private func isoDate(_ bytes: [UInt8]) -> CivilDate? {
    guard bytes.count == 10, let year = digits(bytes, from: 0), year.end == 4, bytes[4] == 0x2D,
          let month = digits(bytes, from: 5), month.end == 7, bytes[7] == 0x2D,
          let day = digits(bytes, from: 8), day.end == 10,
          (1...12).contains(month.value), day.value >= 1, day.value <= CivilDate.days(inMonth: month.value, year: year.value)
    else { return nil }
    return CivilDate(year: year.value, month: month.value, day: day.value)
}

/// `3/29` or `3/29/2025` (US order, as English news writes it).
private func slashDate(_ bytes: [UInt8]) -> (Int, Int, Int?)? {
    guard let month = digits(bytes, from: 0), month.end <= 2, month.end < bytes.count, bytes[month.end] == 0x2F,
          let day = digits(bytes, from: month.end + 1), day.end - month.end - 1 <= 2 else { return nil }
    if day.end == bytes.count { return (month.value, day.value, nil) }
    guard bytes[day.end] == 0x2F, let year = digits(bytes, from: day.end + 1), year.end == bytes.count else { return nil }
    let fullYear = year.end - day.end - 1 == 2 ? 2000 + year.value : year.value
    guard (1000...2100).contains(fullYear), day.value <= CivilDate.days(inMonth: max(1, min(12, month.value)), year: fullYear)
    else { return nil }
    return (month.value, day.value, fullYear)
}

/// `8:10`, `8:10am`, `10pm`: hour, minute and the length of an am/pm suffix.
private func clockTime(_ bytes: [UInt8]) -> (Int, Int, Int)? {
    guard let hour = digits(bytes, from: 0), hour.end <= 2 else { return nil }
    var minute = 0, end = hour.end
    if end < bytes.count, bytes[end] == 0x3A {
        guard let minutes = digits(bytes, from: end + 1), minutes.end == end + 3, minutes.value < 60 else { return nil }
        minute = minutes.value
        end = minutes.end
    }
    let suffix = bytes.count - end
    if suffix == 0 { return end == hour.end || hour.value > 23 ? nil : (hour.value, minute, 0) }
    let rest = bytes[end...].map { $0 | 0x20 }
    guard rest == [0x61, 0x6D] || rest == [0x70, 0x6D], hour.value >= 1, hour.value <= 12 else { return nil }
    return (hour.value, minute, suffix)
}
