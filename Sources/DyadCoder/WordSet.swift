import DyadCore

/// A fixed set of words, tested by their UTF-8 bytes.
///
/// The clause rules ask whether a word is in some class (time words, modals, clause breakers)
/// for nearly every token of every clause. `Set<String>` answers with a seeded SipHash of the
/// word each time; this hashes its bytes with `KeyHasher` into a `HashIndex` and compares the word
/// found, so a miss, the usual answer, costs a few dozen instructions.
struct WordSet: Sendable, Equatable, ExpressibleByArrayLiteral {
    private var index = HashIndex()
    /// The words, by the position `index` gives.
    private var words: [String] = []
    /// Words whose 64-bit hash another word already has (in practice none).
    private var sharingHashes: Set<String> = []

    init<Words: Sequence<String>>(_ words: Words) {
        for word in words where !contains(word) {
            let hash = Self.hash(word)
            if index.find(hash) >= 0 {
                sharingHashes.insert(word)
            } else {
                index.set(hash, Int32(self.words.count))
                self.words.append(word)
            }
        }
    }

    init(arrayLiteral words: String...) { self.init(words) }

    func contains(_ word: String) -> Bool {
        let position = index.find(Self.hash(word))
        if position >= 0, words[Int(position)] == word { return true }
        return !sharingHashes.isEmpty && sharingHashes.contains(word)
    }

    var count: Int { words.count + sharingHashes.count }

    static func == (left: WordSet, right: WordSet) -> Bool {
        left.count == right.count && left.words.allSatisfy(right.contains) && left.sharingHashes.allSatisfy(right.contains)
    }

    /// `KeyHasher`'s key of the UTF-8 bytes (case-folded: the comparison after it is exact).
    private static func hash(_ word: String) -> UInt64 {
        var word = word  // `withUTF8` needs a var; a native string is not copied
        return word.withUTF8(KeyHasher.nonZeroKey)
    }
}
