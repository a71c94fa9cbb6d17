import DyadCore
import DyadText

/// How a phrase word constrains the case of the token it matches: "US" must be written in
/// capitals (else it is the pronoun "us"), "Turkey" capitalized, "police" any way.
public enum CaseRequirement: UInt8, Sendable {
    case any, capitalized, allCaps

    init(word: some StringProtocol) {
        var letters = 0, upper = 0
        for byte in word.utf8 {
            if byte >= 0x41 && byte <= 0x5A { letters += 1; upper += 1 }
            else if byte >= 0x61 && byte <= 0x7A { letters += 1 }
        }
        if letters >= 2 && upper == letters { self = .allCaps }
        else if let first = word.utf8.first, first >= 0x41 && first <= 0x5A { self = .capitalized }
        else if let first = word.utf8.first, first >= 0x80 { self = .capitalized }
        else { self = .any }
    }

    /// Whether a token's bytes meet the requirement.
    func accepts(_ bytes: ArraySlice<UInt8>) -> Bool {
        switch self {
        case .any: return true
        case .capitalized:
            guard let first = bytes.first else { return false }
            return (first >= 0x41 && first <= 0x5A) || first >= 0x80
        case .allCaps:
            for byte in bytes where byte >= 0x61 && byte <= 0x7A { return false }
            return true
        }
    }
}

/// Interns the words of a lexicon as integer ids, so that matching compares integers.
///
/// Words are keyed by their lower-case form. Only lexicon words get ids; a text word the
/// lexicon never uses has no id and cannot match anything, which is what we want.
public struct Vocabulary: Sendable {
    public private(set) var ids: [String: Int32] = [:]
    public private(set) var words: [String] = []
    /// Every token of every document is looked up by its bytes: FNV-1a of the lower-case bytes
    /// -> id, checked against `wordBytes`, so no String is built or SipHashed on that path.
    private(set) var byteIndex = HashIndex()
    /// The lower-case bytes of every word, word `i` ending at `wordEnds[i]`.
    private(set) var wordBytes: [UInt8] = []
    private(set) var wordEnds: [Int32] = []

    public init() {}

    /// A vocabulary from the parts another one saved (a lexicon snapshot): `words` must be the
    /// words of `wordBytes` and `wordEnds`, `ids` their numbers, and `byteIndex` the index built
    /// over them.
    init(ids: [String: Int32], words: [String], wordBytes: [UInt8], wordEnds: [Int32], byteIndex: HashIndex) {
        self.ids = ids
        self.words = words
        self.wordBytes = wordBytes
        self.wordEnds = wordEnds
        self.byteIndex = byteIndex
    }

    /// The id of a word, adding it when new.
    @discardableResult
    public mutating func intern(_ word: String) -> Int32 {
        // Most words come lower case already: one lookup, no new key.
        if let id = ids[word] { return id }
        let key = Vocabulary.key(word)
        if let id = ids[key] { return id }
        let id = Int32(words.count)
        ids[key] = id
        words.append(key)
        let start = wordBytes.count
        wordBytes.append(contentsOf: key.utf8)
        wordEnds.append(Int32(wordBytes.count))
        let hash = wordBytes[start...].withUnsafeBufferPointer { KeyHasher.nonZeroKey($0) }
        // Two words with one 64-bit hash: the later one is found through `ids` instead.
        if byteIndex.find(hash) < 0 { byteIndex.set(hash, id) }
        return id
    }

    /// The id of a word, or -1 when the lexicon does not know it.
    public func id(of word: String) -> Int32 {
        var word = word
        return word.withUTF8 { id(ofBytes: $0) }
    }

    /// The id of the word in a byte range, or -1.
    public func id(of bytes: ArraySlice<UInt8>) -> Int32 {
        bytes.withUnsafeBufferPointer { id(ofBytes: $0) }
    }

    /// The id of a word given as bytes in any case, or -1.
    public func id(ofBytes bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let found = byteIndex.find(KeyHasher.nonZeroKey(bytes))
        if found >= 0, matches(found, bytes) { return found }
        // A miss, or the rare word that shares its hash with another: ask the dictionary.
        return found >= 0 ? (ids[Self.key(ArraySlice(bytes))] ?? -1) : -1
    }

    /// The id of a word given as lower-case bytes and, when the vocabulary has it with those
    /// very bytes, its own String of it (-1 and nil for a word it does not know): a text word
    /// the lexicon uses needs no new String.
    public func lookUp(lowercase bytes: UnsafeBufferPointer<UInt8>) -> (id: Int32, word: String?) {
        let found = byteIndex.find(KeyHasher.nonZeroKey(bytes))
        if found >= 0, matches(found, bytes) { return (found, words[Int(found)]) }
        return (found >= 0 ? (ids[Self.key(ArraySlice(bytes))] ?? -1) : -1, nil)
    }

    /// Whether word `id` is `bytes` lower-cased.
    private func matches(_ id: Int32, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let end = Int(wordEnds[Int(id)])
        let start = id == 0 ? 0 : Int(wordEnds[Int(id) - 1])
        guard end - start == bytes.count else { return false }
        return wordBytes.withUnsafeBufferPointer { stored in
            for offset in 0..<bytes.count where stored[start + offset] != Self.lower(bytes[offset]) { return false }
            return true
        }
    }

    @inline(__always)
    private static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    public func word(_ id: Int32) -> String { id >= 0 && Int(id) < words.count ? words[Int(id)] : "" }

    /// ASCII lower case; other bytes as they are.
    public static func key(_ word: String) -> String { key(ArraySlice(word.utf8)) }

    public static func key(_ bytes: ArraySlice<UInt8>) -> String {
        var needsLowering = false
        for byte in bytes where byte >= 0x41 && byte <= 0x5A { needsLowering = true; break }
        if !needsLowering { return String(decoding: bytes, as: UTF8.self) }
        return String(decoding: bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}

/// A phrase split into words by Dyad's own tokenizer, so that lexicon phrases and text agree on
/// where words begin and end ("People's" is "People" + "'s" in both).
struct PhraseWords {
    var words: [String]
    var cases: [CaseRequirement]

    init(_ phrase: String) {
        let bytes = Array(phrase.utf8)
        let tokens = Tokenizer.shared.tokenize(bytes)
        words = tokens.map { String(decoding: bytes[$0.range], as: UTF8.self) }
        cases = words.map { CaseRequirement(word: $0) }
    }
}

/// A trie over word ids: finds the longest lexicon phrase starting at a position of a text.
public struct PhraseTrie: Sendable {
    /// (node << 32 | word id) + 1 -> child node. Node 0 is the root; the + 1 keeps the key of
    /// the root's edge for word 0 off `HashIndex`'s empty mark. Every token of every sentence
    /// looks its word up here, so it is a flat table, not a `Dictionary`.
    private(set) var edges = HashIndex()
    /// The entries whose phrase ends at a node.
    private(set) var payloads: [[Int32]] = [[]]
    /// The case requirements of each entry's words, by entry.
    private(set) var entryCases: [Int32: [CaseRequirement]] = [:]
    /// Bit `id` is set when word `id` begins some phrase. Most words of a text begin none; this
    /// small bit set answers for them without a probe of the large edge table.
    private(set) var firstWords: [UInt64] = []
    /// Bit `entry` is set when `entryCases` has the entry: most have none, and this answers
    /// for them without hashing the entry (derived from `entryCases`, never saved).
    private var casedEntries: [UInt64] = []

    public init() {}

    /// A trie from the parts another one saved (a lexicon snapshot), as they were.
    init(edges: HashIndex, payloads: [[Int32]], entryCases: [Int32: [CaseRequirement]], firstWords: [UInt64]) {
        self.edges = edges
        self.payloads = payloads
        self.entryCases = entryCases
        self.firstWords = firstWords
        for entry in entryCases.keys { Self.insert(entry, into: &casedEntries) }
    }

    mutating func insert(_ wordIds: [Int32], cases: [CaseRequirement], entry: Int32) {
        if let first = wordIds.first { markFirstWord(first) }
        var node: Int32 = 0
        for word in wordIds {
            let key = Self.edgeKey(node, word)
            let found = edges.find(key)
            if found >= 0 {
                node = found
            } else {
                let next = Int32(payloads.count)
                payloads.append([])
                edges.set(key, next)
                node = next
            }
        }
        payloads[Int(node)].append(entry)
        if cases.contains(where: { $0 != .any }) {
            entryCases[entry] = cases
            Self.insert(entry, into: &casedEntries)
        }
    }

    private mutating func markFirstWord(_ word: Int32) {
        Self.insert(word, into: &firstWords)
    }

    private func isFirstWord(_ word: Int32) -> Bool {
        Self.contains(word, in: firstWords)
    }

    /// Sets bit `number` of a bit set kept as words of 64 bits (nothing for a negative number).
    private static func insert(_ number: Int32, into bits: inout [UInt64]) {
        guard number >= 0 else { return }
        let slot = Int(number) >> 6
        if slot >= bits.count { bits += repeatElement(0, count: slot + 1 - bits.count) }
        bits[slot] |= 1 << UInt64(number & 63)
    }

    @inline(__always)
    private static func contains(_ number: Int32, in bits: [UInt64]) -> Bool {
        let slot = Int(number) >> 6
        return slot < bits.count && bits[slot] & (1 << UInt64(number & 63)) != 0
    }

    /// The same trie over other word ids: `map[id]` is the new id of word `id`.
    func mappingWords(_ map: [Int32]) -> PhraseTrie {
        var result = self
        result.edges = HashIndex(minimumCapacity: edges.count)
        result.firstWords = []
        edges.forEach { key, child in
            let (node, word) = Self.edgeEnds(key)
            result.edges.set(Self.edgeKey(node, map[Int(word)]), child)
            if node == 0 { result.markFirstWord(map[Int(word)]) }
        }
        return result
    }

    /// The (parent node, word id) of an edge key.
    static func edgeEnds(_ key: UInt64) -> (node: Int32, word: Int32) {
        let packed = key &- 1
        return (Int32(bitPattern: UInt32(truncatingIfNeeded: packed >> 32)), Int32(bitPattern: UInt32(truncatingIfNeeded: packed)))
    }

    private static func edgeKey(_ node: Int32, _ word: Int32) -> UInt64 {
        (UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: word))) + 1
    }

    /// Every phrase that starts at `start`, longest first: (length in words, entries).
    /// `wordIds[i]` is the id of text word i (-1 when unknown); `tokenBytes(i)` gives its bytes
    /// for the case check.
    public func matches(
        at start: Int, wordIds: [Int32], limit: Int, tokenBytes: (Int) -> ArraySlice<UInt8>
    ) -> [(length: Int, entries: [Int32])] {
        var found: [(Int, [Int32])] = []
        wordIds.withUnsafeBufferPointer { wordIds in
            forEachMatch(at: start, wordIds: wordIds, limit: limit) { length, entries in
                let accepted = entries.filter { acceptsCase(of: $0, at: start, tokenBytes: tokenBytes) }
                if !accepted.isEmpty { found.append((length, accepted)) }
                return false
            }
        }
        return found
    }

    /// The phrases that start at `start`, longest first, without collecting them: calls `body`
    /// with each phrase's length in words and the entries it ends (whose case requirements
    /// `acceptsCase` checks) until `body` returns true. The actor recognizer looks at every
    /// token of every sentence; this allocates nothing.
    public func forEachMatch(
        at start: Int, wordIds: UnsafeBufferPointer<Int32>, limit: Int, _ body: (_ length: Int, _ entries: [Int32]) -> Bool
    ) {
        guard start < limit, wordIds[start] >= 0, isFirstWord(wordIds[start]) else { return }
        // The nodes the words lead to, in order: node i is the end of words start...start + i.
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: limit - start) { path in
            var depth = 0
            var node: Int32 = 0
            edges.slots.withUnsafeBufferPointer { slots in
                while start + depth < limit {
                    let word = wordIds[start + depth]
                    if word < 0 { break }
                    node = HashIndex.find(Self.edgeKey(node, word), in: slots)
                    guard node >= 0 else { break }
                    path[depth] = node
                    depth += 1
                }
            }
            while depth > 0 {
                let node = Int(path[depth - 1])
                if !payloads[node].isEmpty, body(depth, payloads[node]) { return }
                depth -= 1
            }
        }
    }

    /// Whether the tokens from `start` have the case entry `entry`'s words require ("US" in
    /// capitals); `tokenBytes(i)` gives token i's bytes.
    @inline(__always)
    public func acceptsCase(of entry: Int32, at start: Int, tokenBytes: (Int) -> ArraySlice<UInt8>) -> Bool {
        guard Self.contains(entry, in: casedEntries), let cases = entryCases[entry] else { return true }
        for (offset, requirement) in cases.enumerated() where !requirement.accepts(tokenBytes(start + offset)) {
            return false
        }
        return true
    }
}
