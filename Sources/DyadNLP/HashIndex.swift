/// An open-addressing hash table from non-zero 64-bit keys to `Int32` values (linear probing,
/// load at most one half). Keys are already well-mixed hashes, so their low bits pick the slot.
///
/// Used instead of `Dictionary` because lookups sit on the tagger's hot path and because its
/// behaviour does not depend on a per-process random seed.
struct HashIndex: Sendable {
    private(set) var keys: [UInt64]
    private(set) var values: [Int32]
    private(set) var count = 0
    private var mask: Int

    init(minimumCapacity: Int = 16) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity <<= 1 }
        keys = Array(repeating: 0, count: capacity)
        values = Array(repeating: -1, count: capacity)
        mask = capacity - 1
    }

    /// The value for `key`, or -1.
    @inline(__always)
    func find(_ key: UInt64) -> Int32 {
        keys.withUnsafeBufferPointer { keys in
            values.withUnsafeBufferPointer { values in
                Self.find(key, keys: keys, values: values, mask: mask)
            }
        }
    }

    @inline(__always)
    static func find(
        _ key: UInt64, keys: UnsafeBufferPointer<UInt64>, values: UnsafeBufferPointer<Int32>, mask: Int
    ) -> Int32 {
        var slot = Int(truncatingIfNeeded: key) & mask
        while true {
            let stored = keys[slot]
            if stored == key { return values[slot] }
            if stored == 0 { return -1 }
            slot = (slot + 1) & mask
        }
    }

    /// Calls `body` with raw buffers for a run of lookups without repeated array checks.
    @inline(__always)
    func withLookup<R>(_ body: (_ find: (UInt64) -> Int32) -> R) -> R {
        keys.withUnsafeBufferPointer { keys in
            values.withUnsafeBufferPointer { values in
                let mask = self.mask
                return body { key in Self.find(key, keys: keys, values: values, mask: mask) }
            }
        }
    }

    /// Sets the value for `key` (which must not be 0).
    mutating func set(_ key: UInt64, _ value: Int32) {
        precondition(key != 0, "0 marks empty slots")
        if (count + 1) * 2 > keys.count { grow() }
        var slot = Int(truncatingIfNeeded: key) & mask
        while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
        if keys[slot] == 0 { count += 1 }
        keys[slot] = key
        values[slot] = value
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        let capacity = keys.count * 2
        keys = Array(repeating: 0, count: capacity)
        values = Array(repeating: -1, count: capacity)
        mask = capacity - 1
        count = 0
        for slot in oldKeys.indices where oldKeys[slot] != 0 { set(oldKeys[slot], oldValues[slot]) }
    }
}

/// SplitMix64 (Steele, Lea and Flood): a tiny seeded generator, so that training shuffles the
/// same way on every machine and Swift version.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return FeatureHash.mix(state)
    }

    /// A number in `0..<bound`, by rejection so that it is unbiased and reproducible (the
    /// standard library's `random(in:using:)` algorithm is not promised to stay the same).
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        let limit = UInt64.max - UInt64.max % UInt64(bound)
        while true {
            let value = next()
            if value < limit { return Int(value % UInt64(bound)) }
        }
    }

    /// Fisher-Yates shuffle using `below(_:)`.
    mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            let j = below(i + 1)
            if i != j { array.swapAt(i, j) }
        }
    }
}
