/// How an actor was recognized: the evidence a user needs to trust or correct it.
public enum ActorResolution: String, Sendable, Hashable, Codable {
    /// A name in the dictionary ("Denmark", "NATO", "Lavrov").
    case dictionary
    /// A title or role combined with a country ("Turkish police", "US Vice President").
    case title
    /// A place standing for its government ("Moscow", "the White House").
    case metonymy
    /// A pronoun or definite description resolved to an earlier actor ("he", "the envoy").
    case coreference
    /// A role with no country in its phrase, given the country the article is about.
    case context
    /// A noun phrase the lexicon does not know ("Four men", "the gunmen"): its words are kept,
    /// its code is empty, never guessed.
    case unresolved
}

/// An actor as an event carries it.
public struct EventActor: Sendable, Hashable {
    /// Full CAMEO code: `USAGOV`, `TURMED`, `IGOWSTNAT`, `DNK`.
    public var code: String
    /// The country or region code, when the actor has one.
    public var country: String?
    /// The words of the text that name it.
    public var text: String
    /// Character (Unicode scalar) offsets of those words in the article text as given.
    public var start: Int
    public var end: Int
    public var resolution: ActorResolution
    /// Canonical name from the lexicon ("Sergei Lavrov", "United States").
    public var name: String?
    /// Where the text puts the actor ("Police in Nairobi", "Turkish police"); nil when it does not.
    public var place: Place?

    public init(code: String, country: String?, text: String, start: Int, end: Int,
                resolution: ActorResolution, name: String? = nil, place: Place? = nil) {
        self.place = place
        self.code = code
        self.country = country
        self.text = text
        self.start = start
        self.end = end
        self.resolution = resolution
        self.name = name
    }
}

/// Whether an event happened, by what the sentence says.
public enum Modality: String, Sendable, Hashable, Codable {
    /// Stated as fact: "Washington imposed sanctions".
    case asserted
    /// Planned, expected or promised: "were expected to hold talks", "will visit".
    case intended
    /// Possible or conditional: "could pave the way", "would host".
    case hypothetical
}

/// A character span of the article text with its words.
public struct TextSpan: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public var text: String

    public init(start: Int, end: Int, text: String) {
        self.start = start
        self.end = end
        self.text = text
    }
}

/// A coded event: who did what to whom, with the evidence that produced it.
public struct Event: Sendable, Hashable {
    /// Stable id: a hash of document, sentence, actors and code.
    public var id: String
    public var document: String
    /// Index of the sentence in the document, from 0.
    public var sentence: Int
    public var source: EventActor?
    public var target: EventActor?
    /// Full CAMEO event code, leading zeros kept.
    public var code: String
    public var quadClass: Int
    public var goldstein: Double
    public var ploverCategory: String
    public var ploverMode: String
    public var negated: Bool
    public var modality: Modality
    /// Event date as `YYYY-MM-DD` (or shorter when less precise), when known.
    public var date: String?
    /// How precise `date` is, and where it came from; nil until dates are resolved.
    public var datePrecision: DatePrecision?
    public var dateSource: DateSource?
    /// Where the action happened; nil when the text does not say.
    public var place: Place?
    /// The sentence the event was read from.
    public var sentenceText: String
    /// Character span of the sentence in the article text.
    public var sentenceSpan: TextSpan
    /// The verb or event noun.
    public var trigger: TextSpan
    /// Lexicon file and line of the pattern that fired, and the pattern itself.
    public var rule: String
    public var pattern: String
    public var confidence: Double

    public var baseCode: String { String(code.prefix(3)) }
    public var rootCode: String { String(code.prefix(2)) }

    // Inlinable: built in the caller, an event is made in place; behind a call, it was made in
    // a temporary, then copied whole and the temporary destroyed.
    @inlinable
    public init(id: String, document: String, sentence: Int, source: EventActor?, target: EventActor?,
                code: String, quadClass: Int, goldstein: Double, ploverCategory: String, ploverMode: String,
                negated: Bool, modality: Modality, date: String?, sentenceText: String, sentenceSpan: TextSpan,
                trigger: TextSpan, rule: String, pattern: String, confidence: Double,
                datePrecision: DatePrecision? = nil, dateSource: DateSource? = nil, place: Place? = nil) {
        self.id = id
        self.document = document
        self.sentence = sentence
        self.source = source
        self.target = target
        self.code = code
        self.quadClass = quadClass
        self.goldstein = goldstein
        self.ploverCategory = ploverCategory
        self.ploverMode = ploverMode
        self.negated = negated
        self.modality = modality
        self.date = date
        self.sentenceText = sentenceText
        self.sentenceSpan = sentenceSpan
        self.trigger = trigger
        self.rule = rule
        self.pattern = pattern
        self.confidence = confidence
        self.datePrecision = datePrecision
        self.dateSource = dateSource
        self.place = place
    }

    /// Sets `id` anew from the event's own parts, after its actors or code changed.
    public mutating func refreshID() {
        id = Event.stableID(document: document, sentence: sentence, source: source?.code, target: target?.code,
                            code: code, trigger: trigger.start)
    }

    /// A stable id from the parts that make an event this event: FNV-1a, 64 bits, over the
    /// parts' UTF-8 (numbers in decimal), each followed by 0x1F; written as 16 hex digits.
    ///
    /// Every event gets one as it is made, so no part goes through a String of its own.
    public static func stableID(document: String, sentence: Int, source: String?, target: String?, code: String, trigger: Int) -> String {
        var hash = StableHash()
        hash.add(document)
        hash.add(sentence)
        hash.add(source ?? "-")
        hash.add(target ?? "-")
        hash.add(code)
        hash.add(trigger)
        return hash.hex
    }
}

/// FNV-1a over the parts of an event id (see `Event.stableID`).
private struct StableHash {
    private var value: UInt64 = 0xcbf29ce484222325

    private mutating func add(byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* 0x100000001b3
    }

    mutating func add(_ part: String) {
        // Over the bytes where they lie: iterating `utf8` costs several times as much per byte.
        var part = part  // `withUTF8` needs a var; a native string is not copied
        part.withUTF8 { bytes in
            for byte in bytes { add(byte: byte) }
        }
        add(byte: 0x1F)
    }

    /// An integer's decimal digits, as `String(part)` would spell it.
    mutating func add(_ part: Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: DecimalText.maxIntegerLength) { digits in
            let count = DecimalText.write(part, to: digits.baseAddress!)
            for byte in digits[..<count] { add(byte: byte) }
        }
        add(byte: 0x1F)
    }

    /// The hash as 16 lowercase hex digits, leading zeros included.
    var hex: String {
        String(unsafeUninitializedCapacity: 16) { digits in
            let alphabet: StaticString = "0123456789abcdef"
            for index in 0..<16 {
                let nibble = Int(truncatingIfNeeded: value >> UInt64(60 - 4 * index)) & 0xF
                digits[index] = alphabet.utf8Start[nibble]
            }
            return 16
        }
    }
}
