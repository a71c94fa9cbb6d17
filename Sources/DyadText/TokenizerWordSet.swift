/// A fixed set of short byte strings (word-list entries) that answers "is this slice of the text
/// in the list?" without allocating: open addressing over a hash of the slice, bytes compared on
/// a hash hit. Built once at start-up.
struct TokenizerWordSet: Sendable {
    private let entries: [[UInt8]]
    /// Slot i holds 1 + an index into `entries`, or 0 when empty.
    private let slots: [Int32]
    private let mask: Int

    init(_ words: some Sequence<String>) {
        var unique: [[UInt8]] = []
        var seen = Set<[UInt8]>()
        for word in words {
            let bytes = Array(word.utf8)
            if !bytes.isEmpty, seen.insert(bytes).inserted { unique.append(bytes) }
        }
        // At most half full, so probes stay short.
        var capacity = 16
        while capacity < unique.count * 2 { capacity *= 2 }
        var table = [Int32](repeating: 0, count: capacity)
        let mask = capacity - 1
        for (index, bytes) in unique.enumerated() {
            var slot = Int(truncatingIfNeeded: TokenizerWordSet.hash(bytes, 0..<bytes.count)) & mask
            while table[slot] != 0 { slot = (slot + 1) & mask }
            table[slot] = Int32(index + 1)
        }
        self.entries = unique
        self.slots = table
        self.mask = mask
    }

    var count: Int { entries.count }

    /// FNV-1a over the slice; the wrapping operators keep it trap-free.
    @inline(__always)
    static func hash(_ bytes: [UInt8], _ range: Range<Int>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for index in range {
            hash = (hash ^ UInt64(bytes[index])) &* 0x0000_0100_0000_01b3
        }
        return hash ^ (hash >> 29)
    }

    /// Whether `bytes[range]` is one of the entries. A range outside `bytes` is never found.
    func contains(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        guard range.lowerBound >= 0, range.upperBound <= bytes.count, !range.isEmpty else { return false }
        var slot = Int(truncatingIfNeeded: TokenizerWordSet.hash(bytes, range)) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return false }
            let candidate = entries[entry - 1]
            if candidate.count == range.count {
                var equal = true
                var offset = range.lowerBound
                for byte in candidate {
                    if bytes[offset] != byte { equal = false; break }
                    offset += 1
                }
                if equal { return true }
            }
            slot = (slot + 1) & mask
        }
    }

    func contains(_ word: String) -> Bool {
        let bytes = Array(word.utf8)
        return contains(bytes, 0..<bytes.count)
    }
}
