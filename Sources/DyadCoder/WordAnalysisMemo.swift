import DyadCore

/// What `WordAnalysis` works out about one word: its lexicon id, its lower-case form, its lemma
/// id and, for a verb, its lemma.
struct AnalyzedWord {
    var wordId: Int32
    var lemmaId: Int32
    var form: String
    var verbLemma: String?
}

/// The `AnalyzedWord`s of the words met lately, by their bytes (ASCII capitals folded) and tag.
///
/// News repeats its words, and a document is short (a GigaWord record is a few sentences):
/// a memo that outlives the document spares most tokens two probes of the vocabulary's large
/// tables and the lemmatizer's, which miss the cache more than their instruction counts say.
/// A word is found only by its exact bytes and tag, which is all its analysis depends on (the
/// lexicon being the memo's own), so what a memo holds never changes a result.
///
/// Direct-mapped: a word goes to one slot, chosen by a hash of its bytes and tag, and replaces
/// whatever was there. A memo is used by one thread at a time (a `ScratchPool` lends them; a
/// memo serves one lexicon, so each coder has its pool).
final class WordAnalysisMemo: @unchecked Sendable {
    /// Words longer than this are not kept (they are rare, and a slot holds the bytes inline).
    static let maxWordBytes = 24
    static let slotCount = 4096

    struct Key: Equatable {
        /// The word's bytes, zero-padded.
        var bytes: (UInt64, UInt64, UInt64) = (0, 0, 0)
        /// Byte count, -1 in an empty slot.
        var length: Int32 = -1
        /// The tag where the lemma depends on it, else one mark for all other tags.
        var tag: UInt8 = 0

        static func == (a: Key, b: Key) -> Bool {
            a.length == b.length && a.tag == b.tag && a.bytes == b.bytes
        }
    }

    struct Slot {
        var key = Key()
        var word = AnalyzedWord(wordId: -1, lemmaId: -1, form: "", verbLemma: nil)
    }

    // Raw memory, not an array: a class's arrays are checked for exclusive access at every use.
    private let slots: UnsafeMutablePointer<Slot>

    init() {
        slots = .allocate(capacity: Self.slotCount)
        slots.initialize(repeating: Slot(), count: Self.slotCount)
    }

    deinit {
        slots.deinitialize(count: Self.slotCount)
        slots.deallocate()
    }

    /// The key of a word's bytes, ASCII capitals folded (a word and its capitalized form share
    /// their analysis), with its tag; nil when the word is too long to keep.
    @inline(__always)
    static func key(_ bytes: UnsafeBufferPointer<UInt8>, tag: UPOS) -> Key? {
        guard bytes.count <= maxWordBytes else { return nil }
        var key = Key()
        withUnsafeMutableBytes(of: &key.bytes) { stored in
            for offset in 0..<bytes.count {
                let byte = bytes[offset]
                stored[offset] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            }
        }
        key.length = Int32(bytes.count)
        switch tag {
        // The tags `WordAnalysis` lemmatizes by; all others analyze a word alike.
        case .VERB, .AUX, .NOUN, .PROPN, .ADJ: key.tag = tag.rawValue
        default: key.tag = UInt8.max
        }
        return key
    }

    @inline(__always)
    static func slot(of key: Key) -> Int {
        var mixed = key.bytes.0 &+ key.bytes.1 &* 0x9E37_79B9_7F4A_7C15 &+ key.bytes.2 &* 0xC2B2_AE3D_27D4_EB4F
        mixed &+= UInt64(UInt32(bitPattern: key.length)) << 8 | UInt64(key.tag)
        // The finalizer of SplitMix64: every input bit reaches the slot bits.
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        mixed ^= mixed >> 31
        return Int(truncatingIfNeeded: mixed) & (slotCount - 1)
    }

    /// The word kept under `key`, if any.
    @inline(__always)
    func find(_ key: Key) -> AnalyzedWord? {
        let slot = slots + Self.slot(of: key)
        return slot.pointee.key == key ? slot.pointee.word : nil
    }

    /// Keeps `word` under `key`, in place of what its slot held.
    func keep(_ word: AnalyzedWord, as key: Key) {
        let slot = slots + Self.slot(of: key)
        slot.pointee.key = key
        slot.pointee.word = word
    }
}
