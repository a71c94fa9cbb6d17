/// One report of an event, as a GDELT 2.0 Mentions row needs it.
public struct GDELTMention: Sendable, Hashable {
    public var globalEventID: Int64
    /// DATEADDED of the event and of this mention, `YYYYMMDDHHMMSS`.
    public var eventTimeDate: String
    public var mentionTimeDate: String
    /// The outlet or domain.
    public var sourceName: String
    /// URL, or the document id when there is none.
    public var identifier: String
    /// 0-based sentence index; GDELT counts from 1.
    public var sentence: Int
    public var actor1Offset: Int?
    public var actor2Offset: Int?
    public var actionOffset: Int?
    /// Whether the actors were named in the text as it stands (not resolved from a pronoun).
    public var inRawText: Bool
    /// 0 to 1.
    public var confidence: Double
    public var documentLength: Int

    public init(globalEventID: Int64, eventTimeDate: String, mentionTimeDate: String, sourceName: String,
                identifier: String, sentence: Int, actor1Offset: Int?, actor2Offset: Int?, actionOffset: Int?,
                inRawText: Bool, confidence: Double, documentLength: Int) {
        self.globalEventID = globalEventID
        self.eventTimeDate = eventTimeDate
        self.mentionTimeDate = mentionTimeDate
        self.sourceName = sourceName
        self.identifier = identifier
        self.sentence = sentence
        self.actor1Offset = actor1Offset
        self.actor2Offset = actor2Offset
        self.actionOffset = actionOffset
        self.inRawText = inRawText
        self.confidence = confidence
        self.documentLength = documentLength
    }
}

/// Writes GDELT 2.0 Mentions rows: 16 tab-separated columns, no header (the project's shared
/// `reference/gdelt-formats.md`, section 1.2). Tone is not measured, so MentionDocTone is 0.
public enum GDELTMentionWriter {
    public static let columnCount = 16

    public static func row(_ mention: GDELTMention) -> String {
        let isWeb = mention.identifier.hasPrefix("http://") || mention.identifier.hasPrefix("https://")
        // GDELT's confidence runs 10 to 100 in steps of 10.
        let confidence = min(100, max(10, Int((mention.confidence * 10).rounded()) * 10))
        let fields = [
            String(mention.globalEventID),
            mention.eventTimeDate,
            mention.mentionTimeDate,
            isWeb ? "1" : "2",
            EventTSV.clean(mention.sourceName),
            EventTSV.clean(mention.identifier),
            String(mention.sentence + 1),
            String(mention.actor1Offset ?? -1),
            String(mention.actor2Offset ?? -1),
            String(mention.actionOffset ?? -1),
            mention.inRawText ? "1" : "0",
            String(confidence),
            String(mention.documentLength),
            "0",
            "",
            "",
        ]
        return fields.joined(separator: "\t")
    }
}
