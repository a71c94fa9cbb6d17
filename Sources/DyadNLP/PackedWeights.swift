/// One pass's weights laid out for decoding.
///
/// Scoring a word looks up about 50 feature hashes in a table of several MB, so the cost is
/// cache misses. `WeightTable` as stored (hash -> row, then a row of `classCount` weights)
/// takes two misses per found feature. Here each 16-byte slot holds the feature hash and,
/// for the features with at most three non-zero weights (about 88% of the bundled model's),
/// those weights themselves: one miss. Features with more weights (frequent ones, mostly in
/// cache anyway) point to a dense row instead.
///
/// Lookups are exact: full 64-bit keys, linear probing at load at most one half, as in
/// `HashIndex`.
struct PackedWeights: Sendable {
    static let classCount = PerceptronTagger.classCount

    /// A feature hash (0: empty slot) and its weights (see `payload`).
    struct Slot: Sendable {
        var key: UInt64
        /// With `denseFlag` set, the low 32 bits are a row of `dense`. Otherwise three
        /// 21-bit entries, `class << 16 | UInt16(bitPattern: weight)`; unused entries are 0
        /// (class 0, weight 0), which adds nothing.
        var payload: UInt64
    }

    static let denseFlag: UInt64 = 1 << 63
    static let entryBits: UInt64 = 21
    static let entryMask: UInt64 = (1 << 21) - 1

    let slots: [Slot]
    /// `classCount` weights per row, for the features with more than three non-zero weights.
    let dense: [Int16]

    /// `quantized` holds `classCount` weights per feature of `featureHashes` (unique, non-zero).
    init(featureHashes: [UInt64], quantized: [Int16]) {
        let classes = Self.classCount
        precondition(quantized.count == featureHashes.count * classes)
        var capacity = 16
        while capacity < featureHashes.count * 2 { capacity <<= 1 }
        let mask = capacity - 1
        var slots = [Slot](repeating: Slot(key: 0, payload: 0), count: capacity)
        var dense: [Int16] = []
        // Runs at every model load: unchecked buffers keep it to a few milliseconds.
        slots.withUnsafeMutableBufferPointer { slots in
        quantized.withUnsafeBufferPointer { quantized in
            for (row, key) in featureHashes.enumerated() {
                precondition(key != 0, "0 marks empty slots")
                let weights = quantized.baseAddress! + row &* classes
                var payload: UInt64 = 0
                var used: UInt64 = 0
                for c in 0..<classes where weights[c] != 0 {
                    if used == 3 { used = 4; break }
                    let entry = UInt64(c) << 16 | UInt64(UInt16(bitPattern: weights[c]))
                    payload |= entry << (used &* Self.entryBits)
                    used += 1
                }
                if used > 3 {
                    payload = Self.denseFlag | UInt64(dense.count / classes)
                    dense.append(contentsOf: UnsafeBufferPointer(start: weights, count: classes))
                }
                var slot = Int(truncatingIfNeeded: key) & mask
                while slots[slot].key != 0 && slots[slot].key != key { slot = (slot &+ 1) & mask }
                slots[slot] = Slot(key: key, payload: payload)
            }
        }
        }
        // Keeps `dense` non-empty, so that it always has a base address.
        dense.append(contentsOf: repeatElement(0, count: classes))
        self.slots = slots
        self.dense = dense
    }

    /// Adds the weights of feature `key`, if the table has it, to `scores` (`classCount`).
    @inline(__always)
    static func add(
        _ key: UInt64, slots: UnsafeBufferPointer<Slot>, dense: UnsafePointer<Int16>,
        to scores: UnsafeMutablePointer<Int32>
    ) {
        let index = Int(truncatingIfNeeded: key) & (slots.count &- 1)
        add(key, loaded: slots[index], slots: slots, dense: dense, to: scores)
    }

    /// `add(_:slots:dense:to:)` given the first slot a lookup of `key` reads, already loaded.
    @inline(__always)
    static func add(
        _ key: UInt64, loaded first: Slot, slots: UnsafeBufferPointer<Slot>, dense: UnsafePointer<Int16>,
        to scores: UnsafeMutablePointer<Int32>
    ) {
        let mask = slots.count &- 1
        var index = Int(truncatingIfNeeded: key) & mask
        var slot = first
        while slot.key != key {
            if slot.key == 0 { return }
            index = (index &+ 1) & mask
            slot = slots[index]
        }
        let payload = slot.payload
        if payload & denseFlag != 0 {
            let row = dense + Int(truncatingIfNeeded: payload & 0xFFFF_FFFF) &* classCount
            for c in 0..<classCount { scores[c] &+= Int32(row[c]) }
        } else {
            // Unused entries are class 0, weight 0: adding them is cheaper than testing.
            for k in 0..<3 {
                let entry = payload >> (UInt64(k) &* entryBits) & entryMask
                scores[Int(truncatingIfNeeded: entry >> 16)] &+= Int32(Int16(truncatingIfNeeded: entry))
            }
        }
    }
}
