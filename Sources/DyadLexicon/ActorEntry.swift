/// One way of naming an actor, from Dyad's lexicon or an imported dictionary.
public struct ActorEntry: Sendable, Hashable {
    public enum Kind: UInt8, Sendable, Hashable {
        /// A state or territory by name ("Denmark").
        case country
        /// A region ("Europe", "the Middle East").
        case region
        /// A capital standing for its government ("Moscow barred ...").
        case capital
        /// Another seat of power standing for an agency ("the Kremlin", "the Pentagon").
        case seat
        /// A country's adjective, modifying an agent ("Turkish police").
        case adjective
        /// A country's people ("the Danes").
        case demonym
        /// An international organization or known group ("NATO").
        case organization
        /// A named person holding an office for a time ("Lavrov").
        case person
        /// A role or sector without a country ("police", "the foreign minister").
        case agent
    }

    public let kind: Kind
    /// The full CAMEO code this entry gives when it is the whole actor: `USA`, `RUSGOV`,
    /// `IGOWSTNAT`, or the type alone (`GOV`) for an agent.
    public let code: String
    /// The country the entry belongs to, if any.
    public let country: String?
    /// The role or sector code (GOV, MIL, MED ...), if any.
    public let agentType: String?
    /// The canonical name, for output ("United States", "Sergei Lavrov").
    public let name: String
    /// The office, for people ("foreign-minister").
    public let role: String?
    /// First and last day (YYYYMMDD) the entry applies, when it is dated.
    public let validFrom: Int?
    public let validTo: Int?
    public let source: LexiconSource

    public init(
        kind: Kind, code: String, country: String?, agentType: String?, name: String,
        role: String? = nil, validFrom: Int? = nil, validTo: Int? = nil, source: LexiconSource
    ) {
        self.kind = kind
        self.code = code
        self.country = country
        self.agentType = agentType
        self.name = name
        self.role = role
        self.validFrom = validFrom
        self.validTo = validTo
        self.source = source
    }

    /// The `role` of a TABARI/PETRARCH agent whose code goes before the actor's (`[NGO~]`).
    public static let prefixAgentRole = "~prefix"

    /// Whether the entry applies on a date (YYYYMMDD); undated entries always do, and so does
    /// every entry when the date is unknown.
    public func isValid(on date: Int?) -> Bool {
        guard let date else { return true }
        if let validFrom, date < validFrom { return false }
        if let validTo, date > validTo { return false }
        return true
    }
}

/// A pattern that turns a verb or an event noun into a CAMEO event.
// Unchecked: `elementBuffer` points into memory the pattern's storage owns and never changes.
public struct EventPattern: @unchecked Sendable, Hashable {
    public enum Element: Sendable, Hashable {
        /// A word (lemma id) that must follow, in order, in the same clause.
        case word(Int32)
        /// The target: the next actor phrase.
        case target
        /// The target: the next actor phrase whose head has this lemma ("+diplomat").
        case targetHead(Int32)
        /// The source, when it is not the subject ("receive aid from $").
        case source
        /// A word (lemma or form id) that must stand before the verb in its sentence: TABARI and
        /// PETRARCH patterns put words on both sides of the verb (`FAILED TO *`, `PLANES *`).
        /// Listed nearest the verb first.
        case wordBefore(Int32)
        /// A word that must stand right before the word matched last before the verb (or right
        /// before the verb group): TABARI/PETRARCH words joined by `_`, `MOST_CERTAINLY`.
        case wordJustBefore(Int32)
        /// Any of several word sequences (a TABARI/PETRARCH synset: `&CURRENCY`), matched like
        /// `.word`, its words next to each other.
        case oneOf([[Int32]])
        /// The subject must be two or more actors (TABARI/PETRARCH `% *`).
        case compoundSubject
        /// One word or noun phrase the pattern passes over (TABARI/PETRARCH `^`).
        case skip

        /// `+` or `+word`: where the target stands.
        public var isTargetSlot: Bool {
            switch self {
            case .target, .targetHead: true
            default: false
            }
        }

        /// A word to match (one word or one of a synset's).
        public var isWord: Bool {
            switch self {
            case .word, .oneOf: true
            default: false
            }
        }
    }

    /// The fields live in one shared, immutable object: the coder copies patterns as it tries
    /// them (hundreds per verb with PETRARCH dictionaries), and a copy is then one retain. The
    /// lemma stays outside it, so that the verbs of one TABARI/PETRARCH block can share one.
    private final class Storage: @unchecked Sendable {
        let code: String
        let elements: [Element]
        /// The elements again, in memory this object owns and never changes, which patterns
        /// point at.
        let elementBuffer: UnsafeMutableBufferPointer<Element>
        let text: String
        let source: LexiconSource
        let pairedCode: String?

        init(code: String, elements: [Element], text: String, source: LexiconSource, pairedCode: String?) {
            self.code = code
            self.elements = elements
            elementBuffer = .allocate(capacity: elements.count)
            _ = elementBuffer.initialize(from: elements)
            self.text = text
            self.source = source
            self.pairedCode = pairedCode
        }

        deinit {
            elementBuffer.deinitialize()
            elementBuffer.deallocate()
        }
    }

    private let storage: Storage
    /// `storage.elementBuffer`, beside the reference: a matcher reading a pattern where it lies
    /// (in the lexicon's array) then follows no reference, so retains none. Reading through
    /// `storage` costs a retain and a release of an object every coding thread shares.
    @usableFromInline let elementBuffer: UnsafeBufferPointer<Element>
    /// The verb's or noun's lemma id.
    public let lemma: Int32

    /// The words the pattern cannot match without, as a mask: a sentence whose mask lacks one of
    /// them is passed over without trying the pattern. Kept beside the storage reference, not in
    /// it, so that scanning a verb's patterns reads one array and follows no pointers.
    public let requiredWords: WordMask
    /// For `give aid to +`: the id of the preposition before the final target and the words
    /// before it, which the dative order ("gave + aid") needs; -1 for other patterns.
    public let dativePreposition: Int32
    public let dativeWords: WordMask

    public var code: String { storage.code }
    public var elements: [Element] { storage.elements }

    /// Calls `body` with the elements where they lie. `elements` hands out a copy of the shared
    /// array, a retain and a release that every coding thread contends for; a matcher that
    /// rejects most patterns it tries reads them this way instead, with no reference counting.
    @inlinable
    public func withElements<Result>(_ body: (UnsafeBufferPointer<Element>) throws -> Result) rethrows -> Result {
        try body(elementBuffer)
    }
    /// The pattern as written in the file.
    public var text: String { storage.text }
    public var source: LexiconSource { storage.source }

    /// A second event the pattern makes, from the target back to the source: PETRARCH's
    /// `[032:033]` ("left for" is a visit by the source and a visit received by the target).
    public var pairedCode: String? { storage.pairedCode }

    public init(code: String, lemma: Int32, elements: [Element], text: String, source: LexiconSource,
                pairedCode: String? = nil) {
        storage = Storage(code: code, elements: elements, text: text, source: source, pairedCode: pairedCode)
        elementBuffer = UnsafeBufferPointer(storage.elementBuffer)
        self.lemma = lemma
        var required = WordMask()
        for element in elements {
            switch element {
            case .word(let word), .wordBefore(let word), .wordJustBefore(let word): required.insert(word)
            case .target, .targetHead, .source, .oneOf, .compoundSubject, .skip: break
            }
        }
        requiredWords = required
        var dativePreposition: Int32 = -1
        var dativeWords = WordMask()
        if elements.count >= 3, case .target = elements[elements.count - 1],
           case .word(let preposition) = elements[elements.count - 2] {
            dativePreposition = preposition
            for element in elements.dropLast(2) {
                guard case .word(let word) = element else { dativePreposition = -1; break }
                dativeWords.insert(word)
            }
        }
        self.dativePreposition = dativePreposition
        self.dativeWords = dativeWords
    }

    /// The same pattern for another lemma, sharing everything else (a lexicon snapshot makes each
    /// pattern of a block once, not once per verb).
    func withLemma(_ lemma: Int32) -> EventPattern {
        EventPattern(sharing: self, lemma: lemma)
    }

    private init(sharing other: EventPattern, lemma: Int32) {
        storage = other.storage
        elementBuffer = other.elementBuffer
        requiredWords = other.requiredWords
        dativePreposition = other.dativePreposition
        dativeWords = other.dativeWords
        self.lemma = lemma
    }

    public static func == (left: EventPattern, right: EventPattern) -> Bool {
        left.lemma == right.lemma
            && (left.storage === right.storage
                || (left.code == right.code && left.elements == right.elements && left.text == right.text
                    && left.source == right.source && left.pairedCode == right.pairedCode))
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(lemma)
        hasher.combine(elements)
        hasher.combine(text)
        hasher.combine(source)
        hasher.combine(pairedCode)
    }

    /// Longer patterns are tried first: words and typed targets make a pattern specific.
    public var specificity: Int {
        elements.reduce(0) { total, element in
            switch element {
            case .word, .targetHead, .wordBefore, .wordJustBefore, .oneOf: total + 2
            case .target, .source, .compoundSubject: total + 1
            case .skip: total
            }
        }
    }

    public var hasTargetSlot: Bool {
        elements.contains {
            switch $0 {
            case .word, .source, .wordBefore, .wordJustBefore, .oneOf, .compoundSubject, .skip: false
            case .target, .targetHead: true
            }
        }
    }
}

/// A set of word ids folded into 256 bits: `contains` may say yes for a word that is absent,
/// never no for one that is present. The coder tries hundreds of patterns a verb with
/// PETRARCH dictionaries; one AND per pattern rules out most of them.
public struct WordMask: Sendable, Hashable {
    // Inlinable, with the bits they read: the coder tests a verb's patterns against the
    // sentence's mask by the hundred, and a call each cost more than the test.
    @usableFromInline var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    @inlinable public init() {}

    @inlinable public mutating func insert(_ id: Int32) {
        guard id >= 0 else { return }
        // Ids are dense from 0; a multiplicative hash spreads neighbouring ids over the words.
        let slot = Int((UInt32(bitPattern: id) &* 2_654_435_761) >> 24)
        let bit = UInt64(1) << UInt64(slot & 63)
        switch slot >> 6 {
        case 0: bits.0 |= bit
        case 1: bits.1 |= bit
        case 2: bits.2 |= bit
        default: bits.3 |= bit
        }
    }

    /// Whether the word may be in this set: `contains` of a mask holding only it, without
    /// building one. A negative id, which `insert` leaves out, may be in any set.
    @inlinable public func mayContain(_ id: Int32) -> Bool {
        guard id >= 0 else { return true }
        let slot = Int((UInt32(bitPattern: id) &* 2_654_435_761) >> 24)
        let bit = UInt64(1) << UInt64(slot & 63)
        switch slot >> 6 {
        case 0: return bits.0 & bit != 0
        case 1: return bits.1 & bit != 0
        case 2: return bits.2 & bit != 0
        default: return bits.3 & bit != 0
        }
    }

    /// Whether every word of `other` may be in this set.
    @inlinable public func contains(_ other: WordMask) -> Bool {
        other.bits.0 & ~bits.0 == 0 && other.bits.1 & ~bits.1 == 0
            && other.bits.2 & ~bits.2 == 0 && other.bits.3 & ~bits.3 == 0
    }

    public static func == (left: WordMask, right: WordMask) -> Bool {
        left.bits.0 == right.bits.0 && left.bits.1 == right.bits.1 && left.bits.2 == right.bits.2 && left.bits.3 == right.bits.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(bits.0)
        hasher.combine(bits.1)
        hasher.combine(bits.2)
        hasher.combine(bits.3)
    }
}
