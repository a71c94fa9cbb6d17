/// A 64-bit hash of bytes as they are, eight at a time: the checksum of a lexicon snapshot and
/// the cache key of the dictionary files it was built from.
///
/// Unlike `KeyHasher` it folds no case (a dictionary whose codes change case is another
/// dictionary) and it reads words, not bytes (a snapshot is megabytes, checked on every load).
/// Each step is a bijection of the state, so one changed word always changes the hash. It is
/// not cryptographic: it tells accidental changes apart, not deliberate ones.
struct ContentHasher {
    private var state: UInt64 = 0x243F_6A88_85A3_08D3

    init() {}

    /// The hash of everything added so far.
    var value: UInt64 {
        // MurmurHash3's finalizer: every bit of the state reaches every bit of the value.
        var mixed = state
        mixed ^= mixed >> 33
        mixed = mixed &* 0xFF51_AFD7_ED55_8CCD
        mixed ^= mixed >> 33
        mixed = mixed &* 0xC4CE_B9FE_1A85_EC53
        mixed ^= mixed >> 33
        return mixed
    }

    @inline(__always)
    private mutating func mix(_ word: UInt64) {
        state = (state ^ word) &* 0x9E37_79B9_7F4A_7C15
        state ^= state >> 32
    }

    /// Adds one field: its bytes, then its length, so that fields added one after another
    /// ("ab", "c" and "a", "bc") hash differently.
    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        let words = bytes.count / 8
        for index in 0..<words {
            mix(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)))
        }
        var tail: UInt64 = 0
        for index in stride(from: bytes.count - 1, through: words * 8, by: -1) {
            tail = tail << 8 | UInt64(bytes[index])
        }
        if bytes.count % 8 != 0 { mix(tail) }
        mix(UInt64(bytes.count))
    }

    mutating func add(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { add($0) }
    }

    mutating func add(_ string: String) {
        add(Array(string.utf8))
    }

    mutating func add(_ number: UInt64) {
        mix(number)
    }
}
