import DyadCore

// The snapshot sections of the word tables: the vocabulary, the actor-phrase trie and the
// lemmatizer, and the hash tables inside the first two.

extension BinaryWriter {
    /// A hash table as its slots: count, then key (UInt64), value (Int32) and 4 zero bytes each.
    mutating func write(_ index: HashIndex) {
        writeCount(index.slots.count)
        for slot in index.slots {
            write(slot.key)
            write(slot.value)
            write(UInt32(0))
        }
    }

    /// Lists of integers as the end of each (UInt32, into the elements that follow) and all
    /// their elements.
    mutating func write<T: FixedWidthInteger>(lists: some Collection<[T]>) {
        writeCount(lists.count)
        var end = 0
        write(contentsOf: lists.map { list -> UInt32 in end += list.count; return UInt32(end) })
        writeCount(end)
        for list in lists { write(contentsOf: list) }
    }
}

extension BinaryReader {
    /// Whether `HashIndex.Slot` sits in memory as it does in a snapshot, so that slots can be
    /// copied in one go rather than one at a time.
    private static let slotsMatchFileLayout = hostIsLittleEndian
        && MemoryLayout<HashIndex.Slot>.stride == 16
        && MemoryLayout<HashIndex.Slot>.offset(of: \.key) == 0
        && MemoryLayout<HashIndex.Slot>.offset(of: \.value) == 8

    /// A hash table written by `write(_: HashIndex)` whose values must lie in `0..<valueLimit`.
    mutating func readHashIndex(valueLimit: Int, _ what: String) throws -> HashIndex {
        let count = try readCount()
        let slots: [HashIndex.Slot]
        if Self.slotsMatchFileLayout {
            slots = try readRaw(HashIndex.Slot.self, count: count)
        } else {
            guard count <= remaining / 16 else { throw SnapshotFault.truncated }
            var read: [HashIndex.Slot] = []
            read.reserveCapacity(count)
            for _ in 0..<count {
                let key = try self.read(UInt64.self)
                let value = try self.read(Int32.self)
                _ = try self.read(UInt32.self)
                read.append(HashIndex.Slot(key: key, value: value))
            }
            slots = read
        }
        for slot in slots where slot.key != 0 && (slot.value < 0 || Int(slot.value) >= valueLimit) {
            throw SnapshotFault.malformed("\(what) holds \(slot.value), not below \(valueLimit)")
        }
        guard let index = HashIndex(slots: slots) else {
            throw SnapshotFault.malformed("\(what) is not a hash table (\(count) slots: not a power of two, or over half full)")
        }
        return index
    }

    /// Lists written by `write(lists:)`.
    mutating func readLists<T: FixedWidthInteger>(_ type: T.Type) throws -> [[T]] {
        let count = try readCount()
        let ends = try readArray(UInt32.self, count: count)
        let elements = try readArray(T.self, count: try readCount())
        try Self.checkEnds(ends, total: elements.count)
        var lists: [[T]] = []
        lists.reserveCapacity(count)
        var start = 0
        for end in ends {
            lists.append(start == Int(end) ? [] : Array(elements[start..<Int(end)]))
            start = Int(end)
        }
        return lists
    }

    /// Checks that `ends` split `total` elements: never decreasing, the last one `total`.
    static func checkEnds(_ ends: [UInt32], total: Int) throws {
        var previous: UInt32 = 0
        for end in ends {
            guard end >= previous else { throw SnapshotFault.malformed("list ends go backwards (\(end) after \(previous))") }
            previous = end
        }
        guard Int(previous) == total else { throw SnapshotFault.malformed("lists end at \(previous), not at \(total)") }
    }
}

extension Vocabulary {
    func write(to writer: inout BinaryWriter) {
        writer.writeCount(words.count)
        writer.write(contentsOf: wordEnds)
        writer.writeCount(wordBytes.count)
        writer.write(contentsOf: wordBytes)
        writer.write(byteIndex)
    }

    /// The words are made from their bytes, not stored again as strings.
    init(reading reader: inout BinaryReader) throws {
        let count = try reader.readCount()
        let ends = try reader.readArray(Int32.self, count: count)
        let bytes = try reader.readArray(UInt8.self, count: try reader.readCount())
        guard ends.allSatisfy({ $0 >= 0 }) else { throw SnapshotFault.malformed("a word ends before the first byte") }
        try BinaryReader.checkEnds(ends.map { UInt32($0) }, total: bytes.count)
        var words: [String] = []
        words.reserveCapacity(count)
        var ids: [String: Int32] = [:]
        ids.reserveCapacity(count)
        try bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            for end in ends {
                guard let word = String(validating: UnsafeBufferPointer(rebasing: buffer[start..<Int(end)]), as: UTF8.self) else {
                    throw SnapshotFault.malformed("word \(words.count) is not valid UTF-8")
                }
                guard ids.updateValue(Int32(words.count), forKey: word) == nil else {
                    throw SnapshotFault.malformed("the word '\(word)' twice")
                }
                words.append(word)
                start = Int(end)
            }
        }
        let index = try reader.readHashIndex(valueLimit: count, "the byte index")
        self.init(ids: ids, words: words, wordBytes: bytes, wordEnds: ends, byteIndex: index)
    }
}

extension PhraseTrie {
    func write(to writer: inout BinaryWriter) {
        writer.write(edges)
        writer.write(lists: payloads)
        let cased = entryCases.sorted { $0.key < $1.key }
        writer.writeCount(cased.count)
        writer.write(contentsOf: cased.map(\.key))
        writer.write(lists: cased.map { $0.value.map(\.rawValue) })
        writer.writeCount(firstWords.count)
        writer.write(contentsOf: firstWords)
    }

    /// Checks every index the matcher follows: edges lead from a node to a later one and each
    /// node has one parent (so a node's depth is its phrase's length), payloads name entries that
    /// exist, and an entry's case requirements are as many as its phrase's words.
    init(reading reader: inout BinaryReader, entryCount: Int) throws {
        let edgeIndex = try reader.readHashIndex(valueLimit: Int(Int32.max), "the edge table")
        let payloads = try reader.readLists(Int32.self)
        var depths = [Int32](repeating: -1, count: payloads.count)
        if !depths.isEmpty { depths[0] = 0 }
        var parents = [Int32](repeating: -1, count: payloads.count)
        for slot in edgeIndex.slots where slot.key != 0 {
            let (node, _) = PhraseTrie.edgeEnds(slot.key)
            let child = Int(slot.value)
            guard node >= 0, node < slot.value, child < payloads.count else {
                throw SnapshotFault.malformed("an edge from node \(node) to node \(child) of \(payloads.count)")
            }
            guard parents[child] < 0 else { throw SnapshotFault.malformed("node \(child) has two parents") }
            parents[child] = node
        }
        // Parents come before their children, so one pass in node order finds every depth.
        for node in 1..<max(payloads.count, 1) where parents[node] >= 0 {
            depths[node] = depths[Int(parents[node])] < 0 ? -1 : depths[Int(parents[node])] + 1
        }
        // Each entry ends one phrase: at one node.
        let unseen = Int32.min
        var entryDepths = [Int32](repeating: unseen, count: entryCount)
        for (node, entries) in payloads.enumerated() {
            for entry in entries {
                guard entry >= 0, Int(entry) < entryCount else { throw SnapshotFault.malformed("node \(node) names entry \(entry) of \(entryCount)") }
                guard entryDepths[Int(entry)] == unseen else { throw SnapshotFault.malformed("entry \(entry) ends two phrases") }
                entryDepths[Int(entry)] = depths[node]
            }
        }
        let casedCount = try reader.readCount()
        let casedEntries = try reader.readArray(Int32.self, count: casedCount)
        let caseLists = try reader.readLists(UInt8.self)
        guard caseLists.count == casedCount else { throw SnapshotFault.malformed("\(casedCount) cased entries, \(caseLists.count) case lists") }
        var entryCases: [Int32: [CaseRequirement]] = [:]
        entryCases.reserveCapacity(casedCount)
        for (entry, raw) in zip(casedEntries, caseLists) {
            guard entry >= 0, Int(entry) < entryCount, entryDepths[Int(entry)] == raw.count else {
                throw SnapshotFault.malformed("entry \(entry) has \(raw.count) case requirement(s), not one per word of its phrase")
            }
            let cases = try raw.map { byte in
                guard let requirement = CaseRequirement(rawValue: byte) else { throw SnapshotFault.malformed("unknown case requirement \(byte)") }
                return requirement
            }
            guard entryCases.updateValue(cases, forKey: entry) == nil else { throw SnapshotFault.malformed("entry \(entry) cased twice") }
        }
        let firstWords = try reader.readArray(UInt64.self, count: try reader.readCount())
        self.init(edges: edgeIndex, payloads: payloads, entryCases: entryCases, firstWords: firstWords)
    }
}

extension Lemmatizer {
    func write(to writer: inout BinaryWriter, strings: inout SnapshotStringTableBuilder) {
        let irregular = self.irregular.sorted { $0.key < $1.key }
        writer.writeStrings(irregular.map(\.key), strings: &strings)
        writer.write(contentsOf: irregular.map { strings.number($0.value) })
        writer.writeStrings(knownLemmas.sorted(), strings: &strings)
        writer.writeStrings(irregularParticiples.sorted(), strings: &strings)
    }

    init(reading reader: inout BinaryReader, strings: SnapshotStringTable) throws {
        let forms = try reader.readStrings(strings)
        let bases = try strings.strings(try reader.readArray(UInt32.self, count: forms.count))
        let irregular = try SnapshotFault.dictionary(forms, bases) { "the irregular form '\($0)' twice" }
        self.init(irregular: irregular, knownLemmas: Set(try reader.readStrings(strings)),
                  irregularParticiples: Set(try reader.readStrings(strings)))
    }
}
