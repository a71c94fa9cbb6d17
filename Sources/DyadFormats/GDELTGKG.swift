/// An article as a GDELT 2.1 GKG row needs it. Dyad measures no themes, tone or GCAM, so those
/// fields are written empty (or zero where real files always carry a value).
public struct GKGRecord: Sendable, Hashable {
    /// `YYYYMMDDHHMMSS` of the batch that added the article.
    public var dateAdded: String
    /// Numbers records within one batch, as GDELT's `-N` suffix.
    public var sequence: Int
    public var sourceName: String
    public var identifier: String
    public var title: String?
    /// Names of the actors found, with their character offsets.
    public var names: [(name: String, offset: Int)]
    public var wordCount: Int

    public init(dateAdded: String, sequence: Int, sourceName: String, identifier: String, title: String?,
                names: [(name: String, offset: Int)], wordCount: Int) {
        self.dateAdded = dateAdded
        self.sequence = sequence
        self.sourceName = sourceName
        self.identifier = identifier
        self.title = title
        self.names = names
        self.wordCount = wordCount
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.dateAdded == b.dateAdded && a.sequence == b.sequence && a.identifier == b.identifier
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(dateAdded)
        hasher.combine(sequence)
    }
}

/// Writes GDELT 2.1 GKG rows: 27 tab-separated columns, no header (`reference/gdelt-formats.md`,
/// section 1.3).
public enum GDELTGKGWriter {
    public static let columnCount = 27

    public static func row(_ record: GKGRecord) -> String {
        let isWeb = record.identifier.hasPrefix("http://") || record.identifier.hasPrefix("https://")
        var seen = Set<String>()
        let names = record.names.filter { seen.insert("\($0.name)|\($0.offset)").inserted }
            .map { clean($0.name).replacingOccurrences(of: ",", with: " ").replacingOccurrences(of: ";", with: " ") + "," + String($0.offset) }
            .joined(separator: ";")
        var extras = ""
        if let title = record.title, !title.isEmpty {
            extras = "<PAGE_TITLE>" + xmlEscaped(clean(title)) + "</PAGE_TITLE>"
        }
        var fields = Array(repeating: "", count: columnCount)
        fields[0] = "\(record.dateAdded)-\(record.sequence)"
        fields[1] = record.dateAdded
        fields[2] = isWeb ? "1" : "2"
        fields[3] = clean(record.sourceName)
        fields[4] = clean(record.identifier)
        // Tone, positive, negative, polarity, activity and self-reference density: not measured; word count.
        fields[15] = "0,0,0,0,0,0,\(record.wordCount)"
        fields[17] = "wc:\(record.wordCount)"
        fields[23] = names
        fields[26] = extras
        return fields.joined(separator: "\t")
    }

    static func clean(_ field: String) -> String { EventTSV.clean(field) }

    static func xmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
