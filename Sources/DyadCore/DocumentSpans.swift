/// What the pipeline found in a document beyond its words, held on the document as spans over
/// its tokens, the way a spaCy `Doc` holds its entities: the geoparser and the time recognizer
/// (`EventLocator.annotate`) write places and times, the coder writes the actors it resolved,
/// and `code`, `annotate` and `ingest` read them there instead of finding them again.
public struct DocumentSpans: Sendable {
    public var actors: [ActorSpan] = []
    public var places: [PlaceSpan] = []
    public var times: [TimeSpan] = []

    public init() {}
}

/// An actor the coder resolved: its words and how it coded them.
public struct ActorSpan: Sendable, Hashable {
    /// Indices into `Document.tokens`.
    public var tokens: Range<Int>
    public var sentence: Int
    /// The CAMEO actor code ("TURGOV"); empty for words the lexicon does not know.
    public var code: String
    public var country: String?
    /// The person or organization's name when the lexicon knows it.
    public var name: String?
    public var resolution: ActorResolution
    /// The words and their character offsets in the original text.
    public var span: TextSpan

    public init(tokens: Range<Int>, sentence: Int, code: String, country: String?, name: String?,
                resolution: ActorResolution, span: TextSpan) {
        self.tokens = tokens
        self.sentence = sentence
        self.code = code
        self.country = country
        self.name = name
        self.resolution = resolution
        self.span = span
    }
}

/// A place the geoparser resolved to a gazetteer entry (its offsets are in `place`).
public struct PlaceSpan: Sendable, Hashable {
    public var tokens: Range<Int>
    public var sentence: Int
    public var place: Place

    public init(tokens: Range<Int>, sentence: Int, place: Place) {
        self.tokens = tokens
        self.sentence = sentence
        self.place = place
    }
}

/// A date, time or duration the time recognizer found, with its value.
public struct TimeSpan: Sendable, Hashable {
    public var tokens: Range<Int>
    public var sentence: Int
    /// `date`, `time` or `duration`.
    public var kind: String
    /// ISO value (`2025-03-29`, `T08:10`, `P5D`), nil when the text does not say enough.
    public var value: String?
    /// `day`, `month`, `year` ... for dates; `time` or `duration` otherwise.
    public var precision: String
    /// The offset a relative date stands for ("-1 day"), when it is one.
    public var relative: String?
    public var span: TextSpan

    public init(tokens: Range<Int>, sentence: Int, kind: String, value: String?, precision: String,
                relative: String?, span: TextSpan) {
        self.tokens = tokens
        self.sentence = sentence
        self.kind = kind
        self.value = value
        self.precision = precision
        self.relative = relative
        self.span = span
    }
}
