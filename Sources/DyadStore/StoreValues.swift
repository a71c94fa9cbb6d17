import DyadCore
import Foundation

/// A coded article on its way into the store.
public struct ArticleInput: Sendable {
    public var metadata: DocumentMetadata
    public var text: String
    /// Each sentence's words and character (Unicode scalar) offsets in the article text.
    public var sentences: [TextSpan]
    public var events: [Event]
    /// What makes two articles the same article: the hash of the text.
    public var contentHash: String
    /// Where each event happened, by index into `events`, when a geocoder knew ("" or missing:
    /// unknown). Events with different known places are never grouped.
    public var eventPlaces: [String] = []
    /// The places the article names, with the index of the sentence each is in: the store's
    /// `places` table.
    public var places: [(sentence: Int, place: Place)] = []

    public init(metadata: DocumentMetadata, text: String, sentences: [TextSpan], events: [Event]) {
        self.metadata = metadata
        self.text = text
        self.sentences = sentences
        self.events = events
        self.contentHash = ContentHash.of(text)
    }

    /// A coded document: its sentences as spans of the original text, in Unicode scalar offsets
    /// as events give them.
    public init(document: Document, events: [Event]) {
        let original = OriginalText(document.original)
        let sentences = document.sentences.map { document.span(ofTokens: $0.tokens, in: original) }
        self.init(metadata: document.metadata, text: document.original, sentences: sentences, events: events)
    }

    /// The outlet: the input's `source`, else the host of the URL without `www.`, else empty.
    public var sourceName: String {
        if let source = metadata.source?.trimmingCharacters(in: .whitespaces), !source.isEmpty { return source }
        if let url = metadata.url, let host = URLComponents(string: url)?.host?.lowercased() {
            return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
        }
        return ""
    }

    /// Where the lead paragraph ends, in scalar offsets: the first line break after some text.
    /// An article without line breaks has no paragraphs, so only its first sentence is its lead (0).
    public var leadEnd: Int {
        var offset = 0
        var seenText = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if seenText { return offset }
            } else if !scalar.properties.isWhitespace {
                seenText = true
            }
            offset += 1
        }
        return 0
    }
}

/// Content hashes: 128 bits from two FNV-1a passes with different seeds, in hex. Not for
/// security; enough that two different articles do not collide in a store of billions.
public enum ContentHash {
    public static func of(_ text: String) -> String {
        var first: UInt64 = 0xcbf29ce484222325
        var second: UInt64 = 0x84222325cbf29ce4
        for byte in text.utf8 {
            first = (first ^ UInt64(byte)) &* 0x100000001b3
            second = (second ^ UInt64(byte ^ 0x5A)) &* 0x100000001b3
        }
        return hex(first) + hex(second ^ UInt64(text.utf8.count))
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// Dates as the store keeps them: ISO `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`), from what inputs give.
public enum StoreDate {
    /// An input date as ISO; see `ISODate.normalize`.
    public static func normalize(_ raw: String?) -> String? { ISODate.normalize(raw) }

    /// Days since 1970-01-01 of a full `YYYY-MM-DD` date, nil for anything less precise.
    public static func dayNumber(_ date: String?) -> Int? {
        guard let date, date.utf8.count == 10 else { return nil }
        let parts = date.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        return CivilDate(year: year, month: month, day: day).dayNumber
    }

    /// The `YYYY-MM-DD` of a day number.
    public static func date(ofDay number: Int) -> String {
        CivilDate(dayNumber: number).formatted(.day)
    }

    /// `YYYYMMDDHHMMSS` in UTC, as GDELT's DATEADDED.
    public static func timestamp(_ date: Date = Date()) -> String {
        let seconds = Int(date.timeIntervalSince1970)
        let day = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let rest = seconds - day * 86400
        let ymd = Self.date(ofDay: day).replacingOccurrences(of: "-", with: "")
        return ymd + String(format: "%02d%02d%02d", rest / 3600, rest / 60 % 60, rest % 60)
    }
}

/// How mentions are grouped into one event (see README.md).
public struct GroupingRule: Sendable {
    /// Mentions up to this many days apart can be one event; 0 means the same day.
    public var windowDays: Int
    public init(windowDays: Int = 0) { self.windowDays = max(0, windowDays) }
}

/// What storing a batch came to.
public struct BatchOutcome: Sendable, Equatable {
    public var stored = 0
    public var skipped = 0
    public var sentences = 0
    /// New grouped events.
    public var events = 0
    public var mentions = 0
    public init() {}

    public static func += (lhs: inout BatchOutcome, rhs: BatchOutcome) {
        lhs.stored += rhs.stored
        lhs.skipped += rhs.skipped
        lhs.sentences += rhs.sentences
        lhs.events += rhs.events
        lhs.mentions += rhs.mentions
    }
}
