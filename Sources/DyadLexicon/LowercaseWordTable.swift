import DyadCore

/// Lower-case ASCII words -> `Int32` values, looked up by their bytes: `KeyHasher`'s key into a
/// `HashIndex`, then the stored bytes compared. The lemmatizer asks for every verb and noun of
/// every sentence; `Dictionary<String, …>` would build a String and SipHash it each time.
///
/// Only words of lower-case ASCII are kept: the lookups are for lower-cased ASCII text words,
/// which no other word can equal (the caller checks the one exception, see `canEqualASCII`).
struct LowercaseWordTable: Sendable {
    private var index = HashIndex()
    /// The words' bytes, word `i` ending at `ends[i]`, and its value.
    private var bytes: [UInt8] = []
    private var ends: [Int32] = []
    private var values: [Int32] = []
    /// Words whose 64-bit key an earlier word already has (in practice none).
    private var sharingKeys: [String: Int32] = [:]

    init() {}

    /// Whether `word` is lower-case ASCII, the only words the table keeps.
    static func isLowercaseASCII(_ word: String) -> Bool {
        word.utf8.allSatisfy { $0 < 0x80 && !($0 >= 0x41 && $0 <= 0x5A) }
    }

    /// Adds `word` with `value` unless it is there already; words that are not lower-case ASCII
    /// are left out.
    mutating func insert(_ word: String, value: Int32) {
        guard Self.isLowercaseASCII(word) else { return }
        var word = word
        let key = word.withUTF8 { KeyHasher.nonZeroKey($0) }
        let found = index.find(key)
        if found >= 0 {
            if !word.utf8.elementsEqual(storedBytes(found)), sharingKeys[word] == nil { sharingKeys[word] = value }
            return
        }
        let position = Int32(values.count)
        bytes.append(contentsOf: word.utf8)
        ends.append(Int32(bytes.count))
        values.append(value)
        index.set(key, position)
    }

    private func storedBytes(_ position: Int32) -> ArraySlice<UInt8> {
        let start = position == 0 ? 0 : Int(ends[Int(position) - 1])
        return bytes[start..<Int(ends[Int(position)])]
    }

    /// The value of the word `head` followed by `tail` (lower-case ASCII bytes), or -1.
    func value(_ head: UnsafeBufferPointer<UInt8>, _ tail: StaticString = "") -> Int32 {
        tail.withUTF8Buffer { tail in
            var hasher = KeyHasher()
            for byte in head { hasher.add(byte) }
            for byte in tail { hasher.add(byte) }
            let found = index.find(hasher.value == 0 ? 1 : hasher.value)
            guard found >= 0 else { return -1 }
            if Self.equal(storedBytes(found), head, tail) { return values[Int(found)] }
            guard !sharingKeys.isEmpty else { return -1 }
            return sharingKeys[String(decoding: Array(head) + Array(tail), as: UTF8.self)] ?? -1
        }
    }

    private static func equal(_ stored: ArraySlice<UInt8>, _ head: UnsafeBufferPointer<UInt8>, _ tail: UnsafeBufferPointer<UInt8>) -> Bool {
        guard stored.count == head.count + tail.count else { return false }
        var position = stored.startIndex
        for byte in head {
            if stored[position] != byte { return false }
            position += 1
        }
        for byte in tail {
            if stored[position] != byte { return false }
            position += 1
        }
        return true
    }

    /// Whether a word that is not ASCII may still equal an ASCII word as a Swift `String`, which
    /// compares canonical equivalents: U+037E GREEK QUESTION MARK is ";", U+212A KELVIN SIGN
    /// "K". A table of bytes would miss such a word; the lemmatizer does not use its tables when
    /// one is listed.
    static func canEqualASCII(_ word: String) -> Bool {
        for scalar in word.unicodeScalars where scalar.value >= 0x80 {
            let alone = String(Character(scalar))
            for ascii in UInt8(1)..<0x80 where alone == String(UnicodeScalar(ascii)) { return true }
        }
        return false
    }
}
