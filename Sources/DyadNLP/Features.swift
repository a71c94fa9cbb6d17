import DyadCore

/// Integer hashing for the tagger's features.
///
/// Features are never built as strings: a word's byte range is hashed once with FNV-1a
/// (64 bit) and every feature is a mix of a template number and such value hashes. Models
/// store these 64-bit feature hashes, so the functions here are part of the model format:
/// changing them (or the templates in `FeatureExtractor`) needs a new `featureSetVersion`.
enum FeatureHash {
    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x0000_0100_0000_01B3

    @inline(__always)
    static func fnvStep(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* fnvPrime
    }

    /// FNV-1a over the bytes of a range, exactly as read (the tag dictionary key).
    @inline(__always)
    static func fnv(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        var hash = fnvOffset
        for index in range { hash = fnvStep(hash, bytes[index]) }
        return hash
    }

    /// FNV-1a over a string's UTF-8 bytes; the same value `fnv(_:_:)` gives for those bytes.
    static func fnv(_ string: String) -> UInt64 {
        var hash = fnvOffset
        for byte in string.utf8 { hash = fnvStep(hash, byte) }
        return hash
    }

    /// The SplitMix64 finalizer: spreads the bits so that open addressing can use low bits.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Combines two value hashes into one (order matters).
    @inline(__always)
    static func pair(_ a: UInt64, _ b: UInt64) -> UInt64 {
        mix(a &+ 0x9E37_79B9_7F4A_7C15 &* (b | 1)) ^ b
    }

    /// The hash of feature template `template` with value `value`; never 0 (0 marks an empty
    /// slot in `HashIndex`).
    @inline(__always)
    static func feature(_ template: UInt64, _ value: UInt64) -> UInt64 {
        let hash = mix(value ^ (template &* 0xD6E8_FEB8_6659_FD93))
        return hash == 0 ? 1 : hash
    }
}

/// What the feature templates need to know about one word, computed once per word in a single
/// pass over its bytes.
struct WordInfo {
    /// FNV-1a of the bytes as written (tag-dictionary key and the `form` feature).
    var form: UInt64
    /// FNV-1a of the ASCII-lowercased bytes.
    var lower: UInt64
    /// Lowercased prefixes of 1...4 characters (Unicode scalars, not bytes).
    var prefix1: UInt64, prefix2: UInt64, prefix3: UInt64, prefix4: UInt64
    /// Lowercased suffixes of 1...4 characters, hashed from the end backwards.
    var suffix1: UInt64, suffix2: UInt64, suffix3: UInt64, suffix4: UInt64
    /// Word shape with runs capped at four: "Xxxx", "dd,ddd", "X.X.".
    var shape: UInt64
    /// Word shape with every run collapsed to one: "Xx", "d,d".
    var shortShape: UInt64
    /// Bit 0: has a hyphen; bit 1: has a digit; bit 2: all letters are capitals (and there are
    /// at least two); bit 3: has a letter.
    var flags: UInt8
    /// The word's ambiguity class: a hash of the set of tags it had in training (looked up in
    /// the model's lexicon by exact form, then by lowercase form), or of "unknown" and its
    /// short shape. Lets neighbours' likely tags count without a second pass.
    var ambiguity: UInt64 = 0
    /// The word's distributional classes, packed (`WordClusters`); `WordClusters.unknown` when
    /// the model's table does not have it.
    var clusters: UInt32 = WordClusters.unknown

    /// Stand-ins for the words before the first and after the last one.
    static func padding(_ marker: UInt64) -> WordInfo {
        let value = FeatureHash.mix(marker)
        return WordInfo(
            form: value, lower: value, prefix1: value, prefix2: value, prefix3: value, prefix4: value,
            suffix1: value, suffix2: value, suffix3: value, suffix4: value,
            shape: value, shortShape: value, flags: 0, ambiguity: value)
    }

    static let start2 = padding(0x5354_4152_5432)  // "START2"
    static let start1 = padding(0x5354_4152_5431)
    static let end1 = padding(0x454E_4431)
    static let end2 = padding(0x454E_4432)

    init(
        form: UInt64, lower: UInt64, prefix1: UInt64, prefix2: UInt64, prefix3: UInt64, prefix4: UInt64,
        suffix1: UInt64, suffix2: UInt64, suffix3: UInt64, suffix4: UInt64,
        shape: UInt64, shortShape: UInt64, flags: UInt8, ambiguity: UInt64 = 0
    ) {
        self.ambiguity = ambiguity
        self.form = form
        self.lower = lower
        self.prefix1 = prefix1
        self.prefix2 = prefix2
        self.prefix3 = prefix3
        self.prefix4 = prefix4
        self.suffix1 = suffix1
        self.suffix2 = suffix2
        self.suffix3 = suffix3
        self.suffix4 = suffix4
        self.shape = shape
        self.shortShape = shortShape
        self.flags = flags
    }

    /// Reads one word from a byte range.
    @inline(__always)
    init(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        var form = FeatureHash.fnvOffset
        var lower = FeatureHash.fnvOffset
        var shape = FeatureHash.fnvOffset
        var shortShape = FeatureHash.fnvOffset
        var prefixes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var characters = 0
        var lastClass: UInt8 = 0
        var run = 0
        var upper = 0, lowerCount = 0, letters = 0
        var flags: UInt8 = 0
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            let byte = bytes[index]
            form = FeatureHash.fnvStep(form, byte)
            var low = byte
            var shapeClass: UInt8
            switch byte {
            case 0x41...0x5A:
                low = byte &+ 32; shapeClass = 0x58; upper += 1; letters += 1  // X
            case 0x61...0x7A:
                shapeClass = 0x78; lowerCount += 1; letters += 1  // x
            case 0x30...0x39:
                shapeClass = 0x64; flags |= 2  // d
            case 0x2D:
                shapeClass = byte; flags |= 1
            case 0x80...0xBF:
                shapeClass = 0  // continuation byte: part of the previous character's class
            case 0xC0...0xFF:
                shapeClass = 0x75; letters += 1  // u: any non-ASCII character
            default:
                shapeClass = byte
            }
            lower = FeatureHash.fnvStep(lower, low)
            if shapeClass != 0 {
                if shapeClass == lastClass {
                    run += 1
                } else {
                    run = 1
                    lastClass = shapeClass
                    shortShape = FeatureHash.fnvStep(shortShape, shapeClass)
                }
                if run <= 4 { shape = FeatureHash.fnvStep(shape, shapeClass) }
            }
            index += 1
            // A character ends where the next byte is not a continuation byte.
            if index == end || bytes[index] & 0xC0 != 0x80 {
                characters += 1
                switch characters {
                case 1: prefixes.0 = lower
                case 2: prefixes.1 = lower
                case 3: prefixes.2 = lower
                case 4: prefixes.3 = lower
                default: break
                }
            }
        }
        if characters < 4 {
            // Shorter words: the longer "prefixes" are the whole word.
            if characters < 2 { prefixes.1 = lower }
            if characters < 3 { prefixes.2 = lower }
            prefixes.3 = lower
        }
        if letters > 0 { flags |= 8 }
        if upper >= 2 && lowerCount == 0 { flags |= 4 }

        // Suffixes: hash the lowercased bytes from the end backwards, noting character starts.
        var suffixes: (UInt64, UInt64, UInt64, UInt64) = (lower, lower, lower, lower)
        var hash = FeatureHash.fnvOffset
        var count = 0
        index = end
        while index > range.lowerBound && count < 4 {
            index -= 1
            var byte = bytes[index]
            if byte >= 0x41 && byte <= 0x5A { byte &+= 32 }
            hash = FeatureHash.fnvStep(hash, byte)
            if byte & 0xC0 != 0x80 {
                count += 1
                switch count {
                case 1: suffixes.0 = hash
                case 2: suffixes.1 = hash
                case 3: suffixes.2 = hash
                default: suffixes.3 = hash
                }
            }
        }
        if count < 4 {
            if count < 2 { suffixes.1 = hash }
            if count < 3 { suffixes.2 = hash }
            suffixes.3 = hash
        }
        self.init(
            form: form, lower: lower,
            prefix1: prefixes.0, prefix2: prefixes.1, prefix3: prefixes.2, prefix4: prefixes.3,
            suffix1: suffixes.0, suffix2: suffixes.1, suffix3: suffixes.2, suffix4: suffixes.3,
            shape: shape, shortShape: shortShape, flags: flags)
    }
}

/// The feature templates. `words` holds two padding entries before and after the sentence, so
/// word `i` of the sentence is `words[i + 2]`.
enum FeatureExtractor {
    /// Bumped whenever templates or hashing change; models record it and refuse a mismatch.
    static let featureSetVersion: UInt32 = 4
    /// The most features one token can have.
    static let maxFeatures = 64
    /// Tag numbers used for "no previous tag" at the start of a sentence.
    static let startTag1: UInt64 = 17
    static let startTag2: UInt64 = 18
    /// Tag numbers used for "no next tag" at the end of a sentence (second pass).
    static let endTag1: UInt64 = 19
    static let endTag2: UInt64 = 20

    /// Lexicon key of a word's exact form.
    @inline(__always)
    static func lexiconKey(form: UInt64) -> UInt64 { FeatureHash.feature(0x464F_524D, form) }
    /// Lexicon key of a word's lowercase form.
    @inline(__always)
    static func lexiconKey(lower: UInt64) -> UInt64 { FeatureHash.feature(0x4C4F_5745, lower) }

    /// Lays out a sentence's words with padding, their ambiguity classes from `lexicon`
    /// (lexicon key -> bit set of tags) and their classes from `clusters`.
    static func wordInfos(
        _ bytes: UnsafeBufferPointer<UInt8>, _ ranges: some Collection<Range<Int>>, lexicon: HashIndex,
        clusters: WordClusters
    ) -> [WordInfo] {
        var infos: [WordInfo] = []
        infos.reserveCapacity(ranges.count + 4)
        infos.append(.start2)
        infos.append(.start1)
        lexicon.slots.withUnsafeBufferPointer { slots in
            for range in ranges { infos.append(wordInfo(bytes, range, lexicon: slots, clusters: clusters)) }
        }
        infos.append(.end1)
        infos.append(.end2)
        return infos
    }

    /// `wordInfos`, reading the words `memo` keeps from it and keeping the others there;
    /// `kept` gets where each word is kept.
    static func wordInfos(
        _ bytes: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>], lexicon: HashIndex, clusters: WordClusters,
        memo: WordMemo, kept: inout [WordMemo.Kept]
    ) -> [WordInfo] {
        var infos: [WordInfo] = []
        infos.reserveCapacity(ranges.count + 4)
        kept.reserveCapacity(ranges.count)
        infos.append(.start2)
        infos.append(.start1)
        lexicon.slots.withUnsafeBufferPointer { slots in
            for range in ranges {
                guard let key = WordMemo.key(bytes, range) else {
                    infos.append(wordInfo(bytes, range, lexicon: slots, clusters: clusters))
                    kept.append(.none)
                    continue
                }
                if let found = memo.find(key, length: range.count) {
                    infos.append(memo.info(at: found.slot))
                    kept.append(found)
                } else {
                    let info = wordInfo(bytes, range, lexicon: slots, clusters: clusters)
                    infos.append(info)
                    kept.append(memo.store(key, length: range.count, info: info))
                }
            }
        }
        infos.append(.end1)
        infos.append(.end2)
        return infos
    }

    /// One word's info with its ambiguity class and distributional classes.
    @inline(__always)
    static func wordInfo(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, lexicon slots: UnsafeBufferPointer<HashIndex.Slot>,
        clusters: WordClusters
    ) -> WordInfo {
        var info = WordInfo(bytes, range)
        var tags = HashIndex.find(lexiconKey(form: info.form), in: slots)
        if tags < 0 {
            tags = HashIndex.find(lexiconKey(lower: info.lower), in: slots)
            if tags >= 0 { tags |= 1 << 20 }
        }
        info.ambiguity = tags >= 0
            ? FeatureHash.mix(UInt64(tags))
            : FeatureHash.pair(0x554E_4B4E_4F57_4E, info.shortShape)
        // Without digits the lowercase hash is the folded one the cluster table is keyed by.
        let folded = info.flags & 2 == 0 ? info.lower : ParserWords.formHash(bytes, range)
        info.clusters = clusters.classes(ofFolded: folded)
        return info
    }

    /// Writes the feature hashes of sentence word `i` into `out` and returns their number: the
    /// templates that do not use the previous tags, then those that do (the trainer's view; the
    /// decoder calls the two parts apart).
    @inline(__always)
    static func extract(
        _ words: UnsafeBufferPointer<WordInfo>, _ i: Int, previous p1: UInt64, beforePrevious p2: UInt64,
        into out: UnsafeMutablePointer<UInt64>
    ) -> Int {
        let n = extractStatic(words, i, into: out)
        return n + extractDynamic(words, i, previous: p1, beforePrevious: p2, into: out + n)
    }

    /// Second-pass features: the first pass's tags of the next two words (`right`, raw tag
    /// values, one per sentence word), alone and with the left tag and the word.
    @inline(__always)
    static func extractRight(
        _ words: UnsafeBufferPointer<WordInfo>, _ i: Int, count: Int, right: UnsafeBufferPointer<UInt8>,
        previous p1: UInt64, into out: UnsafeMutablePointer<UInt64>
    ) -> Int {
        let n = extractRightStatic(words, i, count: count, right: right, into: out)
        out[n] = extractRightDynamic(i, count: count, right: right, previous: p1)
        return n + 1
    }

    // The templates, split by whether they depend on the tags predicted to the left. Decoding
    // scores the left-independent ones for every word of a sentence first, where the words'
    // table lookups do not wait on each other; only the few others stay on the left-to-right path.

    /// The templates of `extract` that do not use the previous tags: those of the word alone,
    /// then those of its neighbours.
    @inline(__always)
    static func extractStatic(
        _ words: UnsafeBufferPointer<WordInfo>, _ i: Int, into out: UnsafeMutablePointer<UInt64>
    ) -> Int {
        let n = extractWord(words[i + 2], into: out)
        return n + extractContext(words, i, into: out + n)
    }

    /// The templates that read the word alone (its form, affixes, shape and ambiguity class):
    /// the same for every occurrence of the word, so a tagger may keep their weights' sum
    /// (see `WordMemo`).
    @inline(__always)
    static func extractWord(_ w: WordInfo, into out: UnsafeMutablePointer<UInt64>) -> Int {
        var n = 0
        @inline(__always) func add(_ template: UInt64, _ value: UInt64) {
            out[n] = FeatureHash.feature(template, value)
            n += 1
        }
        add(0, 0)  // bias
        add(1, w.form)
        add(2, w.lower)
        add(3, w.suffix1)
        add(4, w.suffix2)
        add(5, w.suffix3)
        add(6, w.suffix4)
        add(7, w.prefix1)
        add(8, w.prefix2)
        add(9, w.prefix3)
        add(10, w.prefix4)
        add(11, w.shape)
        add(12, w.shortShape)
        if w.flags & 1 != 0 { add(13, 1) }
        if w.flags & 2 != 0 { add(14, 1) }
        if w.flags & 4 != 0 { add(15, 1) }
        add(35, w.ambiguity)
        add(47, FeatureHash.pair(w.suffix3, w.shortShape))
        add(48, WordClusters.level(0, of: w.clusters))
        add(49, WordClusters.level(1, of: w.clusters))
        add(50, WordClusters.level(2, of: w.clusters))
        return n
    }

    /// The templates of `extractStatic` that read the neighbours or the position: those of one
    /// neighbour alone in each place, then those of two words together.
    @inline(__always)
    static func extractContext(
        _ words: UnsafeBufferPointer<WordInfo>, _ i: Int, into out: UnsafeMutablePointer<UInt64>
    ) -> Int {
        var n = 0
        for place in Neighbour.allCases {
            n += extractNeighbour(words[i + 2 + place.offset], as: place, into: out + n)
        }
        return n + extractPairs(words, i, into: out + n)
    }

    /// Where a neighbour stands from the word scored.
    enum Neighbour: Int, CaseIterable {
        case beforePrevious, previous, next, afterNext

        /// From the word scored to the neighbour, in words.
        @inline(__always)
        var offset: Int {
            switch self {
            case .beforePrevious: -2
            case .previous: -1
            case .next: 1
            case .afterNext: 2
            }
        }
    }

    /// The templates of `extractContext` that read one neighbour alone, standing at `place`:
    /// the same for every word that neighbour stands beside, so a tagger may keep their
    /// weights' sum with the neighbour (see `WordMemo`).
    @inline(__always)
    static func extractNeighbour(_ w: WordInfo, as place: Neighbour, into out: UnsafeMutablePointer<UInt64>) -> Int {
        var n = 0
        @inline(__always) func add(_ template: UInt64, _ value: UInt64) {
            out[n] = FeatureHash.feature(template, value)
            n += 1
        }
        /// The templates of a word right beside the one scored, by what they read.
        @inline(__always) func addBeside(
            _ templates: (lower: UInt64, suffix3: UInt64, shortShape: UInt64, suffix1: UInt64, ambiguity: UInt64)
        ) {
            add(templates.lower, w.lower)
            add(templates.suffix3, w.suffix3)
            add(templates.shortShape, w.shortShape)
            add(templates.suffix1, w.suffix1)
            add(templates.ambiguity, w.ambiguity)
        }
        switch place {
        case .beforePrevious:
            add(22, w.lower)
        case .previous:
            addBeside((lower: 20, suffix3: 21, shortShape: 29, suffix1: 34, ambiguity: 38))
            add(51, WordClusters.level(1, of: w.clusters))
            add(52, WordClusters.level(2, of: w.clusters))
        case .next:
            addBeside((lower: 23, suffix3: 24, shortShape: 28, suffix1: 33, ambiguity: 36))
            add(53, WordClusters.level(1, of: w.clusters))
            add(54, WordClusters.level(2, of: w.clusters))
        case .afterNext:
            add(25, w.lower)
            add(37, w.ambiguity)
        }
        return n
    }

    /// The templates of `extractContext` that read two words together, or the position.
    @inline(__always)
    static func extractPairs(
        _ words: UnsafeBufferPointer<WordInfo>, _ i: Int, into out: UnsafeMutablePointer<UInt64>
    ) -> Int {
        let w = words[i + 2]
        let prev = words[i + 1]
        let next = words[i + 3]
        let next2 = words[i + 4]
        var n = 0
        @inline(__always) func add(_ template: UInt64, _ value: UInt64) {
            out[n] = FeatureHash.feature(template, value)
            n += 1
        }
        add(26, FeatureHash.pair(prev.lower, w.lower))
        add(27, FeatureHash.pair(w.lower, next.lower))
        if i == 0 { add(30, w.shape) }
        add(40, FeatureHash.pair(w.ambiguity, next.ambiguity))
        add(41, FeatureHash.pair(next.ambiguity, next2.ambiguity))
        add(43, FeatureHash.pair(w.lower, next.ambiguity))
        add(44, FeatureHash.pair(prev.lower, next.lower))
        add(45, FeatureHash.pair(w.lower, next.suffix3))
        add(46, FeatureHash.pair(next.lower, next2.lower))
        return n
    }

    /// The templates of `extract` that use the previous tags `p1` and `p2`: those of the tags
    /// alone, then those of the tags with the words.
    @inline(__always)
    static func extractDynamic(
        _ words: UnsafeBufferPointer<WordInfo>, _ i: Int, previous p1: UInt64, beforePrevious p2: UInt64,
        into out: UnsafeMutablePointer<UInt64>
    ) -> Int {
        let n = extractTags(previous: p1, beforePrevious: p2, into: out)
        return n + extractTagsWithWords(words, i, previous: p1, into: out + n)
    }

    /// The values the previous tags take: the 17 tags, and before the sentence's first words
    /// `startTag1` and `startTag2`.
    static let previousTagValues = 19

    /// The templates of `extractDynamic` that read the previous tags alone: the same for every
    /// word, so a tagger may sum them once per pair of tags.
    @inline(__always)
    static func extractTags(previous p1: UInt64, beforePrevious p2: UInt64, into out: UnsafeMutablePointer<UInt64>) -> Int {
        out[0] = FeatureHash.feature(16, p1)
        out[1] = FeatureHash.feature(17, p2)
        out[2] = FeatureHash.feature(18, p1 &* 32 &+ p2)
        return 3
    }

    /// The templates of `extractDynamic` that read the previous tag with a word.
    @inline(__always)
    static func extractTagsWithWords(
        _ words: UnsafeBufferPointer<WordInfo>, _ i: Int, previous p1: UInt64, into out: UnsafeMutablePointer<UInt64>
    ) -> Int {
        let w = words[i + 2]
        let next = words[i + 3]
        out[0] = FeatureHash.feature(19, FeatureHash.pair(w.lower, p1))
        out[1] = FeatureHash.feature(31, FeatureHash.pair(w.suffix3, p1))
        out[2] = FeatureHash.feature(32, FeatureHash.pair(next.lower, p1))
        out[3] = FeatureHash.feature(39, FeatureHash.pair(w.ambiguity, p1))
        out[4] = FeatureHash.feature(42, FeatureHash.pair(p1, next.ambiguity))
        return 5
    }

    /// The templates of `extractRight` that do not use the previous tag.
    @inline(__always)
    static func extractRightStatic(
        _ words: UnsafeBufferPointer<WordInfo>, _ i: Int, count: Int, right: UnsafeBufferPointer<UInt8>,
        into out: UnsafeMutablePointer<UInt64>
    ) -> Int {
        let w = words[i + 2]
        let n1: UInt64 = i + 1 < count ? UInt64(right[i + 1]) : endTag1
        let n2: UInt64 = i + 2 < count ? UInt64(right[i + 2]) : endTag2
        out[0] = FeatureHash.feature(60, n1)
        out[1] = FeatureHash.feature(61, n2)
        out[2] = FeatureHash.feature(62, n1 &* 32 &+ n2)
        out[3] = FeatureHash.feature(64, FeatureHash.pair(w.lower, n1))
        out[4] = FeatureHash.feature(65, FeatureHash.pair(w.suffix3, n1))
        out[5] = FeatureHash.feature(66, UInt64(right[i]))
        out[6] = FeatureHash.feature(67, FeatureHash.pair(w.lower, n1 &* 32 &+ n2))
        return 7
    }

    /// The template of `extractRight` that uses the previous tag `p1`.
    @inline(__always)
    static func extractRightDynamic(
        _ i: Int, count: Int, right: UnsafeBufferPointer<UInt8>, previous p1: UInt64
    ) -> UInt64 {
        let n1: UInt64 = i + 1 < count ? UInt64(right[i + 1]) : endTag1
        return FeatureHash.feature(63, p1 &* 32 &+ n1)
    }
}
