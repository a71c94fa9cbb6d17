import DyadCore

/// What the parser's features read about the words of one sentence, computed once per sentence:
/// each word's lowercase form (digits folded to 9), its UPOS tag, its last two letters, its
/// distributional classes, and where punctuation falls. Position `count` is the root and `count + 1` "no word".
struct ParserWords {
    let count: Int
    /// Hash of the lowercased form with every digit read as 9.
    var forms: [UInt64]
    /// UPOS raw value; 17 for the root, 18 for "no word".
    var tags: [UInt8]
    /// Hash of the last two characters, lowercased (tells "-ed" and "-ing" verbs apart: UPOS
    /// does not).
    var suffixes: [UInt64]
    /// Number of punctuation words before each position (prefix sums), for "is there a comma
    /// between" features.
    var punctuationBefore: [Int32]
    /// Packed classes of each word (`WordClusters`), found by its folded form.
    var clusters: [UInt32]

    static let rootTag: UInt8 = 17
    static let noneTag: UInt8 = 18
    static let rootForm: UInt64 = 0x524F_4F54  // "ROOT"
    static let noneForm: UInt64 = 0x4E4F_4E45  // "NONE"

    /// The words at `ranges` of `bytes` with their tags.
    init(
        bytes: UnsafeBufferPointer<UInt8>, ranges: some Collection<Range<Int>>, tags wordTags: some Collection<UPOS>,
        clusters table: WordClusters
    ) {
        precondition(ranges.count == wordTags.count, "one tag per word")
        count = ranges.count
        forms = []
        suffixes = []
        tags = []
        punctuationBefore = []
        clusters = []
        forms.reserveCapacity(count + 2)
        clusters.reserveCapacity(count + 2)
        suffixes.reserveCapacity(count + 2)
        tags.reserveCapacity(count + 2)
        punctuationBefore.reserveCapacity(count + 2)
        var punctuation: Int32 = 0
        for (range, tag) in zip(ranges, wordTags) {
            let form = Self.formHash(bytes, range)
            forms.append(form)
            clusters.append(table.classes(ofFolded: form))
            suffixes.append(Self.suffixHash(bytes, range))
            tags.append(tag.rawValue)
            punctuationBefore.append(punctuation)
            if tag == .PUNCT { punctuation += 1 }
        }
        for (form, tag) in [(Self.rootForm, Self.rootTag), (Self.noneForm, Self.noneTag)] {
            forms.append(form)
            suffixes.append(form)
            tags.append(tag)
            punctuationBefore.append(punctuation)
            clusters.append(WordClusters.unknown)
        }
    }

    /// The words of `strings` (UTF-8) with their tags.
    init(words strings: [String], tags: [UPOS], clusters: WordClusters) {
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        for word in strings {
            let start = bytes.count
            bytes.append(contentsOf: word.utf8)
            ranges.append(start..<bytes.count)
        }
        self = bytes.withUnsafeBufferPointer { ParserWords(bytes: $0, ranges: ranges, tags: tags, clusters: clusters) }
    }

    @inline(__always)
    static func fold(_ byte: UInt8) -> UInt8 {
        switch byte {
        case 0x41...0x5A: byte &+ 32
        case 0x30...0x39: 0x39
        default: byte
        }
    }

    static func formHash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        var hash = FeatureHash.fnvOffset
        for index in range { hash = FeatureHash.fnvStep(hash, fold(bytes[index])) }
        return hash
    }

    /// The last two characters (UTF-8 aware: continuation bytes stay with their character).
    static func suffixHash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        var start = range.upperBound
        var characters = 0
        while start > range.lowerBound && characters < 2 {
            start -= 1
            if bytes[start] & 0xC0 != 0x80 { characters += 1 }
        }
        var hash = FeatureHash.fnvOffset ^ 0x5355_4646
        for index in start..<range.upperBound { hash = FeatureHash.fnvStep(hash, fold(bytes[index])) }
        return hash
    }

    /// Punctuation words strictly between positions `a < b` (the root counts as after all).
    @inline(__always)
    func punctuation(between a: Int, _ b: Int) -> Int {
        let low = min(a, b), high = max(a, b)
        guard high <= count, low < high else { return 0 }
        return Int(punctuationBefore[high] - punctuationBefore[low + 1])
    }
}

/// The parser's feature templates: the words on top of the stack and at the front of the
/// buffer, their outermost dependents, distances, valencies and label sets (after Zhang and
/// Nivre 2011, for the arc-hybrid system), each hashed to 64 bits with a template number.
enum ParserFeatures {
    /// Bumped whenever templates or hashing change; models record it and refuse a mismatch.
    static let featureSetVersion: UInt32 = 4
    /// Room for one configuration's features.
    static let maxFeatures = 128

    /// Joins two values of one feature (order matters). Cheap: the template's `mix` spreads it.
    @inline(__always)
    static func join(_ a: UInt64, _ b: UInt64) -> UInt64 {
        (a &* 0x9E37_79B9_7F4A_7C15) ^ (b &+ 0x632B_E59B_D9B4_E019)
    }

    @inline(__always)
    static func join(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 { join(join(a, b), c) }

    /// A distance bucket: 1, 2, 3, 4, 5-6, 7-9, 10+, and 0 for "no word".
    @inline(__always)
    static func distance(_ a: Int, _ b: Int, none: Int) -> UInt64 {
        if a >= none || b >= none { return 0 }
        let d = abs(b - a)
        switch d {
        case 0...4: return UInt64(d)
        case 5...6: return 5
        case 7...9: return 6
        default: return 7
        }
    }

    /// The places in a configuration whose words' own features (form, tag, suffix) are read
    /// alone: their sums depend on the word only, so the parser keeps them per
    /// word and place for the whole sentence.
    enum Place: Int, CaseIterable {
        case s0, s1, s2, b0, b1, b2
    }

    /// The word at `place` in `state` (or "no word").
    @inline(__always)
    static func word(at place: Place, _ state: ParseState) -> Int {
        switch place {
        case .s0: state.stack(0)
        case .s1: state.stack(1)
        case .s2: state.stack(2)
        case .b0: state.buffer(0)
        case .b1: state.buffer(1)
        case .b2: state.buffer(2)
        }
    }

    /// Writes the features of `state` into `out` (room for `maxFeatures`); returns how many.
    static func extract(_ state: ParseState, _ words: ParserWords, into out: UnsafeMutablePointer<UInt64>) -> Int {
        var n = 0
        for place in Place.allCases { n += extractWord(place, word(at: place, state), words, into: out + n) }
        return n + extractContext(state, words, into: out + n)
    }

    /// The features that read only the word `p` standing at `place`.
    static func extractWord(_ place: Place, _ p: Int, _ words: ParserWords, into out: UnsafeMutablePointer<UInt64>) -> Int {
        let w = words.forms[p], t = UInt64(words.tags[p]), wt = join(w, t)
        let c = words.clusters[p]
        let mid = join(WordClusters.level(1, of: c), t), fine = WordClusters.level(2, of: c)
        var n = 0
        @inline(__always) func add(_ template: UInt64, _ value: UInt64) {
            out[n] = FeatureHash.feature(template, value)
            n &+= 1
        }
        switch place {
        case .s0:
            add(1, w); add(2, t); add(3, wt); add(105, join(words.suffixes[p], t))
            add(108, mid); add(109, fine)
        case .b0:
            add(4, w); add(5, t); add(6, wt); add(106, join(words.suffixes[p], t))
            add(110, mid); add(111, fine)
        case .b1:
            add(7, w); add(8, t); add(9, wt); add(112, mid)
        case .b2:
            add(10, w); add(11, t); add(12, wt)
        case .s1:
            add(13, w); add(14, t); add(15, wt); add(107, join(words.suffixes[p], t)); add(113, mid)
        case .s2:
            add(16, t); add(17, wt)
        }
        return n
    }

    /// The features that read more than one word, or the arcs made so far.
    static func extractContext(_ state: ParseState, _ words: ParserWords, into out: UnsafeMutablePointer<UInt64>) -> Int {
        let none = state.none
        let s0 = state.stack(0), s1 = state.stack(1), s2 = state.stack(2)
        let b0 = state.buffer(0), b1 = state.buffer(1), b2 = state.buffer(2)
        let s0l = Int(state.leftmost[s0]), s0l2 = Int(state.leftmost2[s0])
        let s0r = Int(state.rightmost[s0]), s0r2 = Int(state.rightmost2[s0])
        let s1l = Int(state.leftmost[s1]), s1r = Int(state.rightmost[s1]), s1r2 = Int(state.rightmost2[s1])
        let b0l = Int(state.leftmost[b0]), b0l2 = Int(state.leftmost2[b0])

        return words.forms.withUnsafeBufferPointer { forms in
        words.tags.withUnsafeBufferPointer { tagBytes in
            @inline(__always) func w(_ p: Int) -> UInt64 { forms[p] }
            @inline(__always) func t(_ p: Int) -> UInt64 { UInt64(tagBytes[p]) }
            @inline(__always) func wt(_ p: Int) -> UInt64 { join(forms[p], UInt64(tagBytes[p])) }
            @inline(__always) func l(_ p: Int) -> UInt64 { UInt64(bitPattern: Int64(state.label(of: p))) }
            @inline(__always) func c(_ level: Int, _ p: Int) -> UInt64 { WordClusters.level(level, of: words.clusters[p]) }

            var n = 0
            @inline(__always) func add(_ template: UInt64, _ value: UInt64) {
                out[n] = FeatureHash.feature(template, value)
                n &+= 1
            }

            // The top of the stack and the front of the buffer (LEFT attaches s0 to b0).
            add(18, join(wt(s0), wt(b0))); add(19, join(wt(s0), w(b0))); add(20, join(w(s0), wt(b0)))
            add(21, join(wt(s0), t(b0))); add(22, join(t(s0), wt(b0))); add(23, join(w(s0), w(b0)))
            add(24, join(t(s0), t(b0))); add(25, join(t(b0), t(b1)))

            // The two words on top of the stack (RIGHT attaches s0 to s1).
            add(26, join(wt(s1), wt(s0))); add(27, join(w(s1), w(s0))); add(28, join(t(s1), t(s0)))
            add(29, join(t(s1), wt(s0))); add(30, join(wt(s1), t(s0))); add(31, join(t(s1), t(b0)))
            add(32, join(w(s1), w(b0)))

            // Tag triples.
            add(33, join(t(b0), t(b1), t(b2))); add(34, join(t(s0), t(b0), t(b1)))
            add(35, join(t(s1), t(s0), t(b0))); add(36, join(t(s2), t(s1), t(s0)))
            add(37, join(t(s1), t(s0), t(b1)))
            add(38, join(t(s0), t(s0l), t(b0))); add(39, join(t(s0), t(s0r), t(b0)))
            add(40, join(t(s0), t(b0), t(b0l))); add(41, join(t(s1), t(s0), t(s0l)))
            add(42, join(t(s1), t(s0), t(s0r))); add(43, join(t(s1), t(s1r), t(s0)))
            add(44, join(t(s1), t(s1l), t(s0)))

            // Distances.
            let d1 = distance(s0, b0, none: none), d2 = distance(s1, s0, none: none)
            add(45, join(w(s0), d1)); add(46, join(t(s0), d1)); add(47, join(w(b0), d1)); add(48, join(t(b0), d1))
            add(49, join(w(s0), w(b0), d1)); add(50, join(t(s0), t(b0), d1))
            add(51, join(w(s1), d2)); add(52, join(t(s1), d2)); add(53, join(w(s0), d2)); add(54, join(t(s0), d2))
            add(55, join(t(s1), t(s0), d2)); add(56, join(w(s1), w(s0), d2))

            // Valencies.
            let s0vl = UInt64(state.leftCount[s0]), s0vr = UInt64(state.rightCount[s0])
            let s1vl = UInt64(state.leftCount[s1]), s1vr = UInt64(state.rightCount[s1])
            let b0vl = UInt64(state.leftCount[b0])
            add(57, join(w(s0), s0vl)); add(58, join(t(s0), s0vl)); add(59, join(w(s0), s0vr)); add(60, join(t(s0), s0vr))
            add(61, join(w(s1), s1vr)); add(62, join(t(s1), s1vr)); add(63, join(w(s1), s1vl)); add(64, join(t(s1), s1vl))
            add(65, join(w(b0), b0vl)); add(66, join(t(b0), b0vl))

            // Outermost dependents.
            add(67, w(s0l)); add(68, t(s0l)); add(69, l(s0l)); add(70, w(s0r)); add(71, t(s0r)); add(72, l(s0r))
            add(73, w(s1l)); add(74, t(s1l)); add(75, l(s1l)); add(76, w(s1r)); add(77, t(s1r)); add(78, l(s1r))
            add(79, w(b0l)); add(80, t(b0l)); add(81, l(b0l))
            add(82, w(s0l2)); add(83, t(s0l2)); add(84, l(s0l2)); add(85, w(s0r2)); add(86, t(s0r2)); add(87, l(s0r2))
            add(88, w(b0l2)); add(89, t(b0l2)); add(90, l(b0l2))
            add(91, join(t(s0), t(s0l), t(s0l2))); add(92, join(t(s0), t(s0r), t(s0r2)))
            add(93, join(t(b0), t(b0l), t(b0l2))); add(94, join(t(s1), t(s1r), t(s1r2)))

            // Label sets of the dependents so far.
            let s0sl = state.leftLabels[s0], s0sr = state.rightLabels[s0]
            let s1sr = state.rightLabels[s1], b0sl = state.leftLabels[b0]
            add(95, join(w(s0), s0sl)); add(96, join(t(s0), s0sl)); add(97, join(w(s0), s0sr)); add(98, join(t(s0), s0sr))
            add(99, join(w(s1), s1sr)); add(100, join(t(s1), s1sr)); add(101, join(w(b0), b0sl)); add(102, join(t(b0), b0sl))

            // Punctuation between the words an arc would join.
            let p1 = UInt64(min(3, words.punctuation(between: s0, b0)))
            let p2 = UInt64(min(3, words.punctuation(between: s1, s0)))
            add(103, join(t(s0), t(b0), p1)); add(104, join(t(s1), t(s0), p2))

            // Distributional classes of the words an arc would join.
            add(114, join(c(1, s0), c(1, b0))); add(115, join(c(1, s1), c(1, s0)))
            add(116, join(c(2, s0), t(b0))); add(117, join(t(s0), c(2, b0)))
            return n
        }
        }
    }
}
