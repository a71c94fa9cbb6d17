/// An open-addressing hash table from non-zero 64-bit keys to `Int32` values (linear probing,
/// load at most one half).
///
/// Used instead of `Dictionary` where lookups sit on a hot path (the tagger's features, the
/// actor-phrase trie, the recognizers' word lists) and because its behaviour does not depend on
/// a per-process random seed. A multiplicative step picks the home slot, so keys need not be
/// hashes already: packed ids (`node << 32 | word`) spread as well as feature hashes.
public struct HashIndex: Sendable {
    /// One slot: key and value side by side, so a lookup touches one cache line.
    public struct Slot: Sendable {
        public var key: UInt64
        public var value: Int32

        package init(key: UInt64, value: Int32) {
            self.key = key
            self.value = value
        }
    }

    public private(set) var slots: [Slot]
    public private(set) var count = 0

    public init(minimumCapacity: Int = 16) {
        var capacity = 16
        while capacity < minimumCapacity * 2 { capacity <<= 1 }
        slots = Array(repeating: Slot(key: 0, value: -1), count: capacity)
    }

    @inline(__always)
    static func home(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 29) & mask
    }

    /// The value for `key`, or -1.
    @inline(__always)
    public func find(_ key: UInt64) -> Int32 {
        slots.withUnsafeBufferPointer { Self.find(key, in: $0) }
    }

    /// `find` on slots the caller already holds, for loops that look up many keys.
    @inline(__always)
    public static func find(_ key: UInt64, in slots: UnsafeBufferPointer<Slot>) -> Int32 {
        let mask = slots.count &- 1
        var slot = home(key, mask)
        while true {
            let stored = slots[slot]
            if stored.key == key { return stored.value }
            if stored.key == 0 { return -1 }
            slot = (slot &+ 1) & mask
        }
    }

    /// A table over slots saved from another table's `slots` (a lexicon snapshot), without
    /// rebuilding it; nil unless `slots` is a table `HashIndex` itself could hold: a power of
    /// two of them, at most half full (so that every probe reaches an empty slot and stops).
    package init?(slots: [Slot]) {
        guard slots.count >= 2, slots.count & (slots.count - 1) == 0 else { return nil }
        var count = 0
        for slot in slots where slot.key != 0 { count += 1 }
        guard count * 2 <= slots.count else { return nil }
        self.slots = slots
        self.count = count
    }

    /// Sets the value for `key` (which must not be 0).
    public mutating func set(_ key: UInt64, _ value: Int32) {
        precondition(key != 0, "0 marks empty slots")
        if (count + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var slot = Self.home(key, mask)
        while slots[slot].key != 0 && slots[slot].key != key { slot = (slot + 1) & mask }
        if slots[slot].key == 0 { count += 1 }
        slots[slot] = Slot(key: key, value: value)
    }

    /// Calls `body` with every (key, value), in no particular order.
    public func forEach(_ body: (UInt64, Int32) -> Void) {
        for slot in slots where slot.key != 0 { body(slot.key, slot.value) }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(key: 0, value: -1), count: old.count * 2)
        count = 0
        for entry in old where entry.key != 0 { set(entry.key, entry.value) }
    }
}
