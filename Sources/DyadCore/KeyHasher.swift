/// FNV-1a over bytes with ASCII letters folded to lowercase, so token bytes hash like the
/// lower-case words of lists and lexicons: the one key hash of word tables (gazetteer names,
/// recognizer word lists, the lexicon's vocabulary, clause word classes).
public struct KeyHasher: Sendable {
    public private(set) var value: UInt64 = 0xcbf29ce484222325

    public init() {}

    @inline(__always)
    public mutating func add(_ byte: UInt8) {
        let folded = (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
        value ^= UInt64(folded)
        value = value &* 0x100000001b3
    }

    /// The hash of `bytes`, never 0 (`HashIndex`'s mark for an empty slot).
    @inline(__always)
    public static func nonZeroKey(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hasher = KeyHasher()
        for byte in bytes { hasher.add(byte) }
        return hasher.value == 0 ? 1 : hasher.value
    }
}
