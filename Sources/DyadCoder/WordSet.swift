import DyadCore

/// A fixed set of words, tested by their UTF-8 bytes.
///
/// The clause rules ask whether a word is in some class (time words, modals, clause breakers)
/// for nearly every token of every clause. `Set<String>` answers with a seeded SipHash of the
/// word each time; this hashes its bytes with `KeyHasher` into a `HashIndex` and compares the word
/// found, so a miss, the usual answer, costs a few dozen instructions. Most misses cost less: a
/// word whose length, first and last byte no member has is not hashed at all.
struct WordSet: Sendable, Equatable, ExpressibleByArrayLiteral {
    private var index = HashIndex()
    /// The words, by the position `index` gives.
    private var words: [String] = []
    /// Words whose 64-bit hash another word already has (in practice none).
    private var sharingHashes: Set<String> = []
    /// One bit for each member's length, first and last byte (`sketchBit`): a word whose bit
    /// is clear is no member's bytes.
    private var sketch: (UInt64, UInt64) = (0, 0)

    init<Words: Sequence<String>>(_ words: Words) {
        for word in words where !contains(word) {
            let hash = Self.hash(word)
            if index.find(hash) >= 0 {
                sharingHashes.insert(word)
            } else {
                index.set(hash, Int32(self.words.count))
                self.words.append(word)
                var word = word
                let bit = word.withUTF8(Self.sketchBit)
                if bit < 64 { sketch.0 |= 1 << UInt64(bit) } else { sketch.1 |= 1 << UInt64(bit - 64) }
            }
        }
    }

    init(arrayLiteral words: String...) { self.init(words) }

    func contains(_ word: String) -> Bool {
        var bytes = word  // `withUTF8` needs a var; a native string is not copied
        let position = bytes.withUTF8 { bytes in
            let bit = Self.sketchBit(bytes)
            let sketched = bit < 64 ? sketch.0 & (1 << UInt64(bit)) != 0 : sketch.1 & (1 << UInt64(bit - 64)) != 0
            return sketched ? index.find(KeyHasher.nonZeroKey(bytes)) : -1
        }
        if position >= 0, words[Int(position)] == word { return true }
        return !sharingHashes.isEmpty && sharingHashes.contains(word)
    }

    var count: Int { words.count + sharingHashes.count }

    static func == (left: WordSet, right: WordSet) -> Bool {
        left.count == right.count && left.words.allSatisfy(right.contains) && left.sharingHashes.allSatisfy(right.contains)
    }

    /// Where a word's length, first and last byte put it in `sketch`, 0 to 127.
    @inline(__always)
    private static func sketchBit(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let first = bytes.first, let last = bytes.last else { return 0 }
        return (bytes.count &* 37 &+ Int(first) &* 7 &+ Int(last)) & 127
    }

    /// `KeyHasher`'s key of the UTF-8 bytes (case-folded: the comparison after it is exact).
    private static func hash(_ word: String) -> UInt64 {
        var word = word  // `withUTF8` needs a var; a native string is not copied
        return word.withUTF8(KeyHasher.nonZeroKey)
    }
}
