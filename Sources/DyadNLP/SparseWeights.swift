/// A multi-class linear model's weights, each feature keeping only its non-zero weights.
///
/// The parser scores about a hundred classes (SHIFT, and LEFT and RIGHT with each label), but
/// most features have weights for two or three of them, and scoring one move looks up about a
/// hundred features in a table of several megabytes: the cost is memory latency. So each
/// feature's 16-byte slot holds its hash and, for features with at most two weights (most of
/// them), the weights themselves; others point to a run of `entries`, and the frequent
/// features with weights for many classes to a dense row of `Int16`s that is added eight
/// classes at a time. `score` loads every feature's slot before acting on any, so that the
/// loads overlap.
///
/// An entry is `class << 16 | UInt16(weight)`; scores are summed as integers (the model's
/// positive scale does not change which class wins).
struct SparseWeights: Sendable {
    struct Slot: Sendable {
        /// The feature hash; 0 marks an empty slot.
        var key: UInt64
        /// With `externalFlag`: offset of the feature's first entry (low 32 bits) and their
        /// number (next 16). With `denseFlag`: the offset of its row in `dense`. Otherwise two
        /// inline entries of 24 bits; an unused one is 0 (class 0, weight 0), which adds nothing.
        var payload: UInt64
    }

    static let externalFlag: UInt64 = 1 << 63
    static let denseFlag: UInt64 = 1 << 62
    /// Features with more weights than this get a dense row.
    static let denseAbove = 32
    static let inlineBits: UInt64 = 24
    static let inlineMask: UInt64 = (1 << 24) - 1

    let classCount: Int
    let slots: [Slot]
    let entries: [UInt32]
    /// Rows of `paddedClassCount` weights.
    let dense: [Int16]
    /// `classCount` rounded up to a multiple of 8: the length of `scores` and of dense rows.
    let paddedClassCount: Int
    /// The real weight is `Int16 * scale`.
    let scale: Float
    /// Features with at least one weight.
    let featureCount: Int

    /// `hashes` ascending and non-zero; feature `i`'s entries are `entries[starts[i]..<starts[i + 1]]`
    /// (`starts` has one more element than `hashes`), each `class << 16 | UInt16(weight)`.
    init(classCount: Int, scale: Float, hashes: [UInt64], starts: [Int32], entries flat: [UInt32]) {
        precondition(starts.count == hashes.count + 1 && classCount < 256)
        self.classCount = classCount
        self.scale = scale
        featureCount = hashes.count
        let padded = (classCount + 7) & ~7
        paddedClassCount = padded
        var dense: [Int16] = []
        // At most three quarters full: the table is the parser's main cost in cache misses,
        // and a smaller one misses less than longer probes cost.
        var capacity = 16
        while capacity * 3 < hashes.count * 4 { capacity <<= 1 }
        let mask = capacity - 1
        var slots = [Slot](repeating: Slot(key: 0, payload: 0), count: capacity)
        var entries: [UInt32] = []
        for (i, hash) in hashes.enumerated() {
            precondition(hash != 0, "0 marks empty slots")
            let run = flat[Int(starts[i])..<Int(starts[i + 1])]
            var payload: UInt64
            if run.count <= 2 {
                payload = 0
                for (k, entry) in run.enumerated() {
                    let packed = UInt64(entry >> 16) << 16 | UInt64(entry & 0xFFFF)
                    payload |= packed << (UInt64(k) * Self.inlineBits)
                }
            } else if run.count > Self.denseAbove {
                payload = Self.denseFlag | UInt64(dense.count)
                let start = dense.count
                dense.append(contentsOf: repeatElement(0, count: padded))
                for entry in run { dense[start + Int(entry >> 16)] = Int16(bitPattern: UInt16(entry & 0xFFFF)) }
            } else {
                payload = Self.externalFlag | UInt64(run.count) << 32 | UInt64(entries.count)
                entries.append(contentsOf: run)
            }
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot].key != 0 && slots[slot].key != hash { slot = (slot &+ 1) & mask }
            slots[slot] = Slot(key: hash, payload: payload)
        }
        // Keeps both non-empty, so that they always have a base address.
        entries.append(0)
        dense.append(contentsOf: repeatElement(0, count: padded))
        self.slots = slots
        self.entries = entries
        self.dense = dense
    }

    /// The entries of the feature `hash` (`class << 16 | UInt16(weight)`), or nil.
    func entries(of hash: UInt64) -> [UInt32]? {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while slots[index].key != 0 {
            if slots[index].key == hash { return entries(slots[index].payload) }
            index = (index + 1) & mask
        }
        return nil
    }

    private func entries(_ payload: UInt64) -> [UInt32] {
        if payload & Self.denseFlag != 0 {
            let start = Int(payload & 0xFFFF_FFFF)
            return (0..<classCount).compactMap { c in
                let weight = dense[start + c]
                return weight == 0 ? nil : UInt32(c) << 16 | UInt32(UInt16(bitPattern: weight))
            }
        }
        if payload & Self.externalFlag != 0 {
            let start = Int(payload & 0xFFFF_FFFF), count = Int(payload >> 32 & 0xFFFF)
            return Array(entries[start..<(start + count)])
        }
        return (0..<2).compactMap { k in
            let packed = payload >> (UInt64(k) * Self.inlineBits) & Self.inlineMask
            return packed == 0 ? nil : UInt32(packed)
        }
    }

    /// Every feature's hash and entries, in ascending hash order (what the model file stores).
    var sortedFeatures: [(hash: UInt64, entries: [UInt32])] {
        slots.filter { $0.key != 0 }.sorted { $0.key < $1.key }.map { ($0.key, entries($0.payload)) }
    }

    /// Sets `scores` (`paddedClassCount` of them) to the sums of the weights of the `count`
    /// features; `loaded` is scratch room for `count` slots.
    ///
    /// `add` works in three passes, so that the loads that miss the cache are issued together rather than one
    /// after another: every feature's slot; then the inline weights, noting where the others
    /// are; then the dense rows and the runs of entries.
    func score(
        _ features: UnsafePointer<UInt64>, count: Int, loaded: UnsafeMutablePointer<Slot>,
        into scores: UnsafeMutablePointer<Int32>
    ) {
        scores.update(repeating: 0, count: paddedClassCount)
        add(features, count: count, loaded: loaded, to: scores)
    }

    /// Adds the weights of the `count` features to `scores` (`paddedClassCount` of them).
    func add(
        _ features: UnsafePointer<UInt64>, count: Int, loaded: UnsafeMutablePointer<Slot>,
        to scores: UnsafeMutablePointer<Int32>
    ) {
        let blocks = paddedClassCount / 8
        slots.withUnsafeBufferPointer { slots in
        entries.withUnsafeBufferPointer { entries in
        dense.withUnsafeBufferPointer { dense in
            let mask = slots.count &- 1
            for k in 0..<count { loaded[k] = slots[Int(truncatingIfNeeded: features[k]) & mask] }
            // `loaded` keeps, from the front, the payloads that point elsewhere: a feature's
            // payload is written at or before its own slot, which has been read by then.
            var pending = 0
            for k in 0..<count {
                let key = features[k]
                var slot = loaded[k]
                if slot.key != key {
                    var index = Int(truncatingIfNeeded: key) & mask
                    while slot.key != key && slot.key != 0 {
                        index = (index &+ 1) & mask
                        slot = slots[index]
                    }
                    if slot.key != key { continue }
                }
                let payload = slot.payload
                if payload & (Self.denseFlag | Self.externalFlag) == 0 {
                    let first = payload & Self.inlineMask, second = payload >> Self.inlineBits & Self.inlineMask
                    scores[Int(truncatingIfNeeded: first >> 16)] &+= Int32(Int16(truncatingIfNeeded: first))
                    scores[Int(truncatingIfNeeded: second >> 16)] &+= Int32(Int16(truncatingIfNeeded: second))
                } else {
                    loaded[pending].payload = payload
                    pending &+= 1
                }
            }
            let sums = UnsafeMutableRawPointer(scores)
            for p in 0..<pending {
                let payload = loaded[p].payload
                let start = Int(truncatingIfNeeded: payload & 0xFFFF_FFFF)
                if payload & Self.denseFlag != 0 {
                    let row = UnsafeRawPointer(dense.baseAddress! + start)
                    for b in 0..<blocks {
                        let weights = row.loadUnaligned(fromByteOffset: b &* 16, as: SIMD8<Int16>.self)
                        let total = sums.loadUnaligned(fromByteOffset: b &* 32, as: SIMD8<Int32>.self)
                        sums.storeBytes(
                            of: total &+ SIMD8<Int32>(truncatingIfNeeded: weights), toByteOffset: b &* 32, as: SIMD8<Int32>.self)
                    }
                } else {
                    let end = start &+ Int(truncatingIfNeeded: payload >> 32 & 0xFFFF)
                    for e in start..<end {
                        let entry = entries[e]
                        scores[Int(truncatingIfNeeded: entry >> 16)] &+= Int32(Int16(truncatingIfNeeded: entry))
                    }
                }
            }
        }
        }
        }
    }
}
