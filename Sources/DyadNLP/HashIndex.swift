/// An open-addressing hash table from non-zero 64-bit keys to `Int32` values (linear probing,
/// load at most one half). Keys are already well-mixed hashes, so their low bits pick the slot.
///
/// Used instead of `Dictionary` because lookups sit on the tagger's hot path and because its
/// behaviour does not depend on a per-process random seed.
struct HashIndex: Sendable {
    /// One slot: key and value side by side, so a lookup touches one cache line.
    struct Slot: Sendable {
        var key: UInt64
        var value: Int32
    }

    private(set) var slots: [Slot]
    private(set) var count = 0
    private(set) var mask: Int

    init(minimumCapacity: Int = 16) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity <<= 1 }
        slots = Array(repeating: Slot(key: 0, value: -1), count: capacity)
        mask = capacity - 1
    }

    /// The value for `key`, or -1.
    @inline(__always)
    func find(_ key: UInt64) -> Int32 {
        slots.withUnsafeBufferPointer { Self.find(key, in: $0) }
    }

    @inline(__always)
    static func find(_ key: UInt64, in slots: UnsafeBufferPointer<Slot>) -> Int32 {
        let mask = slots.count &- 1
        var slot = Int(truncatingIfNeeded: key) & mask
        while true {
            let stored = slots[slot]
            if stored.key == key { return stored.value }
            if stored.key == 0 { return -1 }
            slot = (slot &+ 1) & mask
        }
    }

    /// Sets the value for `key` (which must not be 0).
    mutating func set(_ key: UInt64, _ value: Int32) {
        precondition(key != 0, "0 marks empty slots")
        if (count + 1) * 2 > slots.count { grow() }
        var slot = Int(truncatingIfNeeded: key) & mask
        while slots[slot].key != 0 && slots[slot].key != key { slot = (slot + 1) & mask }
        if slots[slot].key == 0 { count += 1 }
        slots[slot] = Slot(key: key, value: value)
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(key: 0, value: -1), count: old.count * 2)
        mask = slots.count - 1
        count = 0
        for entry in old where entry.key != 0 { set(entry.key, entry.value) }
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
