import DyadCore
import Foundation

/// Distributional word classes: words that stand in the same contexts share a class, so a
/// model that learned "*resigned* after a verb-like word" also knows something about a word it
/// never saw tagged but met in the same contexts in raw text (Koo, Carreras and Collins 2008 used
/// Brown clusters this way).
///
/// The classes come from `scripts/word-clusters.py` (the exchange algorithm over treebank and
/// news text), which writes comment lines starting with `#` and then one line per word (words
/// starting with `#` are left out): the word lowercased with digits read as 9, then its class in
/// up to three clusterings, coarse to fine (`police\t3\t17\t240`). Models store
/// the table they were trained with (keyed by a hash of the folded form, without the words), so
/// a model and its classes never part.
public struct WordClusters: Sendable {
    /// Clusterings per word at most (each one a level, coarse to fine).
    public static let maxLevels = 3
    /// Classes per clustering at most: a class id fits in 10 bits; 1023 marks "no class".
    public static let maxClasses = 1023
    static let bitsPerLevel: UInt32 = 10
    static let noClass: UInt32 = 0x3FF
    /// The packed value of a word without classes: "no class" at every level.
    static let unknown: UInt32 = 0x3FFF_FFFF

    /// Folded-form hash (`foldedHash`) -> packed classes, ascending by hash.
    public let entries: [(key: UInt64, classes: UInt32)]
    let index: HashIndex

    /// No classes at all: every word is unknown (a model trained without clusters).
    public static let empty = WordClusters(entries: [])

    init(entries: [(key: UInt64, classes: UInt32)]) {
        self.entries = entries
        var index = HashIndex(minimumCapacity: entries.count)
        for entry in entries { index.set(entry.key, Int32(bitPattern: entry.classes)) }
        self.index = index
    }

    /// Reads the text format of `scripts/word-clusters.py`. Throws on a line that is not a word
    /// and 1-3 class numbers below `maxClasses`, on lines with different numbers of classes, and
    /// on a word given twice, naming the line.
    public init(text: String, name: String) throws {
        var byKey: [UInt64: UInt32] = [:]
        var levels: Int?
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            let classes = fields.dropFirst().map { Int($0) }
            guard fields.count >= 2, fields.count <= Self.maxLevels + 1, !fields[0].isEmpty,
                classes.allSatisfy({ $0.map { (0..<Self.maxClasses).contains($0) } ?? false })
            else {
                throw WordClustersError(
                    message: "\(name) line \(offset + 1): expected a word and 1-\(Self.maxLevels) class numbers below \(Self.maxClasses)")
            }
            if levels == nil { levels = classes.count }
            guard classes.count == levels else {
                throw WordClustersError(message: "\(name) line \(offset + 1): \(classes.count) classes, earlier lines have \(levels!)")
            }
            var packed = Self.unknown
            for (level, value) in classes.enumerated() {
                let shift = UInt32(level) * Self.bitsPerLevel
                packed = packed & ~(Self.noClass << shift) | UInt32(value!) << shift
            }
            let key = Self.foldedHash(String(fields[0]))
            guard byKey.updateValue(packed, forKey: key) == nil else {
                throw WordClustersError(message: "\(name) line \(offset + 1): \(fields[0]) is listed twice")
            }
        }
        self.init(entries: byKey.sorted { $0.key < $1.key }.map { (key: $0.key, classes: $0.value) })
    }

    /// Reads a file written by `scripts/word-clusters.py`.
    public init(contentsOf url: URL) throws {
        let data = try Data(contentsOf: url)
        guard let text = String(data: data, encoding: .utf8) else {
            throw WordClustersError(message: "\(url.lastPathComponent) is not UTF-8 text")
        }
        try self.init(text: text, name: url.lastPathComponent)
    }

    public var count: Int { entries.count }

    /// Appends the table as model files store it: a count (UInt32), then per entry the key
    /// (UInt64) and the packed classes (UInt32), ascending by key.
    func encode(into out: inout [UInt8]) {
        ModelFile.append(&out, UInt32(entries.count))
        for entry in entries {
            ModelFile.append(&out, entry.key)
            ModelFile.append(&out, entry.classes)
        }
    }

    /// Reads a table written by `encode(into:)`; `fail` makes the error of the model's kind.
    static func decode(_ reader: inout ModelFile.Reader, fail: (String) -> any Error) throws -> WordClusters {
        let count: UInt32 = try reader.read()
        var entries: [(key: UInt64, classes: UInt32)] = []
        entries.reserveCapacity(Int(count))
        for _ in 0..<count {
            let key: UInt64 = try reader.read()
            let classes: UInt32 = try reader.read()
            guard key != 0, classes <= unknown, entries.last.map({ $0.key < key }) ?? true else {
                throw fail("bad word-cluster entry \(entries.count)")
            }
            entries.append((key, classes))
        }
        return WordClusters(entries: entries)
    }

    /// The packed classes of the word whose folded form hashes to `key`; `unknown` when it has none.
    @inline(__always)
    func classes(ofFolded key: UInt64) -> UInt32 {
        let found = index.find(key)  // packed values fit in 30 bits: negative means absent
        return found < 0 ? Self.unknown : UInt32(found)
    }

    /// The class of `packed` at `level` (0 coarse ... 2 fine), `noClass` when there is none.
    @inline(__always)
    static func level(_ level: Int, of packed: UInt32) -> UInt64 {
        UInt64((packed >> (UInt32(level) * bitsPerLevel)) & noClass)
    }

    /// The key of a word: FNV-1a of its bytes with ASCII letters lowercased and every digit read
    /// as 9, as the clustering script folds them.
    static func foldedHash(_ word: String) -> UInt64 {
        Array(word.utf8).withUnsafeBufferPointer { ParserWords.formHash($0, 0..<$0.count) }
    }
}

/// A word-cluster file or table that cannot be used.
public struct WordClustersError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
