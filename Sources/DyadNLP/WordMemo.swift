/// What the tagger works out about a word from the word alone, kept for the words it met
/// lately: the word's `WordInfo` (its hashes, and its ambiguity class from two lexicon
/// lookups) and, for each pass, the sum of the weights of the features that read the word
/// alone (`FeatureExtractor.extractWord`: form, affixes, shape, ambiguity class), and the four
/// sums of those that read it as a neighbour of the word scored, one per place
/// (`FeatureExtractor.extractNeighbour`: "the word before is X", "the word after ends in Y").
///
/// News repeats its words. For a word met before, the tagger reads its info and sums here
/// instead of hashing its bytes again and looking up some 18 features a pass (and 13 more for
/// its neighbours) in a weight table of several MB; those features (rare forms, long affixes) are the lookups most likely to miss
/// the cache. What a memo holds never changes a tag: a sum here is the same `Int32` the lookups
/// would add, in another order, and a word is found only by its exact bytes.
///
/// Direct-mapped: a word goes to one slot, chosen by its hash, and replaces whatever was there.
/// A memo is used by one thread at a time (a `ScratchPool` lends them out).
final class WordMemo: @unchecked Sendable {
    /// Words longer than this are not kept (they are rare, and a slot holds the bytes inline).
    static let maxWordBytes = 24
    static let slotCount = 4096

    struct Slot {
        /// The word's bytes, zero-padded; `length` -1 marks an empty slot.
        var bytes: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var length = -1
        /// Bumped whenever the slot takes another word, so that a sentence holding two words
        /// of one slot can tell whose sums the slot has now.
        var stamp: UInt32 = 0
        /// Bit `pass * partCount + part` set: that sum of that pass is summed.
        var summed: UInt16 = 0
        var info = WordInfo.padding(0)
    }

    // Raw memory, not arrays: a class's arrays are checked for exclusive access at every use,
    // which would cost more than some of the lookups saved.
    private let slots: UnsafeMutablePointer<Slot>
    /// `passCount * partCount * classCount` weight sums per slot.
    private let scores: UnsafeMutablePointer<Int32>
    private let passCount: Int

    init(passCount: Int) {
        self.passCount = passCount
        slots = .allocate(capacity: Self.slotCount)
        slots.initialize(repeating: Slot(), count: Self.slotCount)
        let scoreCount = Self.slotCount * passCount * Self.partCount * PerceptronTagger.classCount
        scores = .allocate(capacity: scoreCount)
        scores.initialize(repeating: 0, count: scoreCount)
    }

    deinit {
        slots.deinitialize(count: Self.slotCount)
        slots.deallocate()
        scores.deallocate()
    }

    /// A word's bytes in the form a slot stores them, or nil when it is too long to keep.
    @inline(__always)
    static func key(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (UInt64, UInt64, UInt64)? {
        guard range.count <= maxWordBytes else { return nil }
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &words) { key in
            for (offset, index) in range.enumerated() { key[offset] = bytes[index] }
        }
        return words
    }

    /// The slot of a word, from its stored bytes.
    @inline(__always)
    static func slot(_ key: (UInt64, UInt64, UInt64), length: Int) -> Int {
        let folded = key.0 &+ key.1 &* 0x9E37_79B9_7F4A_7C15 &+ key.2 &* 0xC2B2_AE3D_27D4_EB4F &+ UInt64(length)
        return Int(truncatingIfNeeded: FeatureHash.mix(folded)) & (slotCount - 1)
    }

    /// The slot index and stamp holding the word, if it is kept.
    @inline(__always)
    func find(_ key: (UInt64, UInt64, UInt64), length: Int) -> Kept? {
        let index = Self.slot(key, length: length)
        guard slots[index].length == length, slots[index].bytes == key else { return nil }
        return Kept(slot: index, stamp: slots[index].stamp)
    }

    /// Keeps a word's info in its slot, in place of whatever was there; its sums are not yet summed.
    @inline(__always)
    func store(_ key: (UInt64, UInt64, UInt64), length: Int, info: WordInfo) -> Kept {
        let index = Self.slot(key, length: length)
        slots[index].bytes = key
        slots[index].length = length
        slots[index].stamp &+= 1
        slots[index].summed = 0
        slots[index].info = info
        return Kept(slot: index, stamp: slots[index].stamp)
    }

    @inline(__always)
    func info(at slot: Int) -> WordInfo { slots[slot].info }

    /// Where a sentence's word is kept: its slot (-1: not kept) and the slot's stamp then.
    struct Kept {
        var slot: Int
        var stamp: UInt32
        static let none = Kept(slot: -1, stamp: 0)
    }

    /// Whether `slot` still holds the word stamped `stamp`.
    @inline(__always)
    func holds(slot: Int, stamp: UInt32) -> Bool { slots[slot].stamp == stamp }

    /// The sums kept per word and pass: the word's own features, then its features as a
    /// neighbour at each place.
    /// (A literal, not `1 + Neighbour.allCases.count`: a computed global is read through a
    /// lazy-initialization check at every use on the hot path. A test keeps the two equal.)
    static let partCount = 5

    /// The part of the sums of the word's own features.
    static let ownPart = 0

    /// The part of the sums of the word's features as a neighbour at `place`.
    @inline(__always)
    static func part(_ place: FeatureExtractor.Neighbour) -> Int { 1 + place.rawValue }

    /// Whether `slot` still holds the word stamped `stamp`, with sum `part` of `pass`.
    @inline(__always)
    func hasScores(slot: Int, stamp: UInt32, pass: Int, part: Int = ownPart) -> Bool {
        slots[slot].stamp == stamp && slots[slot].summed & (1 << (pass &* Self.partCount &+ part)) != 0
    }

    /// The `classCount` sums `part` of `pass` for `slot`.
    @inline(__always)
    func scores(slot: Int, pass: Int, part: Int = ownPart) -> UnsafeMutablePointer<Int32> {
        scores + ((slot &* passCount &+ pass) &* Self.partCount &+ part) &* PerceptronTagger.classCount
    }

    @inline(__always)
    func markSummed(slot: Int, pass: Int, part: Int = ownPart) {
        slots[slot].summed |= 1 << (pass &* Self.partCount &+ part)
    }
}
