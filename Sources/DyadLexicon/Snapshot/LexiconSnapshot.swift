import DyadCore

/// A compiled `Lexicon` as bytes, so that a program that codes with the same dictionaries again
/// loads it instead of reading and compiling their text (see `LexiconCache`).
///
/// # Format
/// Little-endian throughout.
///
///     header  magic "DYADLEX\0" (8 bytes), format version (UInt32), reserved (UInt32, 0),
///             body length (UInt64), body checksum (UInt64: `ContentHasher` over the body)
///     body    sections, each a four-letter ASCII tag, its length in bytes (UInt64), its content:
///             STRS strings, VOCB vocabulary, ACTR actor entries, TRIE actor phrases,
///             VPAT verb patterns, NPAT noun patterns, LEMM lemmatizer, SETS code sets,
///             EVTB event table, CODE code style, approximations, paired codes and code
///             adjustments,
///             DISC discards, ISSU issues
///
/// Every string is stored once, in STRS (the UTF-8 bytes of all of them and where each ends),
/// and referred to elsewhere by its number; `0xFFFF_FFFF` stands for nil. Counts and offsets
/// are UInt32. The fields of a list of values are stored as columns (every actor's code, then
/// every actor's name ...), so that reading a column is one copy. Hash tables (the
/// vocabulary's byte index, the trie's edges) are stored slot by slot, 16 bytes each (key,
/// value, 4 zero bytes), and read back as they are, not rebuilt. Dictionaries and sets are
/// written in sorted order, so that a lexicon always gives the same bytes.
///
/// The checksum catches damaged files; every read is bounds-checked and every index checked
/// against what it indexes besides, so that no file, however made, can crash a reader.
///
/// # Versions
/// Bump `formatVersion` when (a) the layout changes, or (b) the code that builds lexicons from
/// text changes what it builds: the PETRARCH reader, `LexiconBuilder`, the tokenizer that splits
/// phrases, the vocabulary, the trie. A snapshot of another version is refused, never misread;
/// and because the version is part of `LexiconCache`'s key, an old cache is simply not found.
/// (The cache key also holds the executable's size and time, so a cache is not shared across
/// builds even when (b) slips past; the version still guards snapshots read by other means.)
/// `LexiconSnapshotTests.testBuiltLexiconIsPinnedToTheFormatVersion` fails when (b) happens
/// without a bump.
public enum LexiconSnapshot {
    public static let formatVersion: UInt32 = 2
    static let magic: [UInt8] = Array("DYADLEX\0".utf8)
    static let headerSize = 32
}

/// Why bytes could not be read as a lexicon snapshot.
public enum LexiconSnapshotError: Error, Equatable, CustomStringConvertible {
    /// The bytes do not begin with the snapshot magic.
    case notASnapshot
    /// A snapshot of another format version (an older or newer Dyad).
    case unsupportedVersion(found: UInt32)
    /// The body does not hash to the checksum in the header: the file is damaged.
    case checksumMismatch
    /// The bytes end inside a section (or the header).
    case truncated(section: String)
    /// A section holds something no snapshot writer writes.
    case malformed(section: String, detail: String)

    public var description: String {
        switch self {
        case .notASnapshot: "not a Dyad lexicon snapshot (bad magic bytes)"
        case .unsupportedVersion(let found):
            "snapshot format version \(found), but this build reads version \(LexiconSnapshot.formatVersion) only"
        case .checksumMismatch: "the snapshot's checksum does not match its contents (a damaged file)"
        case .truncated(let section): "the snapshot is truncated in its \(section)"
        case .malformed(let section, let detail): "the snapshot's \(section) is malformed: \(detail)"
        }
    }
}

/// The sections of a snapshot, in the order they are written.
enum SnapshotSection: String, CaseIterable {
    case strings = "STRS", vocabulary = "VOCB", actors = "ACTR", actorPhrases = "TRIE"
    case verbPatterns = "VPAT", nounPatterns = "NPAT", lemmatizer = "LEMM", codeSets = "SETS"
    case eventTable = "EVTB", coding = "CODE", discards = "DISC", issues = "ISSU"

    /// The tag as the UInt32 its four ASCII bytes make, read little-endian.
    var code: UInt32 {
        rawValue.utf8.reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The section's name in messages.
    var name: String {
        switch self {
        case .strings: "string table"
        case .vocabulary: "vocabulary"
        case .actors: "actor entries"
        case .actorPhrases: "actor phrase trie"
        case .verbPatterns: "verb patterns"
        case .nounPatterns: "noun patterns"
        case .lemmatizer: "lemmatizer"
        case .codeSets: "code sets"
        case .eventTable: "event table"
        case .coding: "coding settings"
        case .discards: "discards"
        case .issues: "issues"
        }
    }

    /// A tag found in a file, as text when it is printable ASCII.
    static func describe(_ code: UInt32) -> String {
        let bytes = (0..<4).map { UInt8(truncatingIfNeeded: code >> ($0 * 8)) }
        if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return String(decoding: bytes, as: UTF8.self) }
        return "0x" + String(code, radix: 16)
    }
}

extension Lexicon {
    /// The lexicon as bytes that `init(snapshot:)` reads back into an equal lexicon.
    public func snapshot() -> [UInt8] {
        var strings = SnapshotStringTableBuilder()
        var sections: [(SnapshotSection, BinaryWriter)] = []
        func add(_ section: SnapshotSection, _ body: (inout BinaryWriter, inout SnapshotStringTableBuilder) -> Void) {
            var writer = BinaryWriter()
            body(&writer, &strings)
            sections.append((section, writer))
        }
        add(.vocabulary) { writer, _ in vocabulary.write(to: &writer) }
        add(.actors) { writer, strings in ActorEntry.write(actors, to: &writer, strings: &strings) }
        add(.actorPhrases) { writer, _ in actorPhrases.write(to: &writer) }
        add(.verbPatterns) { writer, strings in EventPattern.write(verbPatterns, to: &writer, strings: &strings) }
        add(.nounPatterns) { writer, strings in EventPattern.write(nounPatterns, to: &writer, strings: &strings) }
        add(.lemmatizer) { writer, strings in lemmatizer.write(to: &writer, strings: &strings) }
        add(.codeSets) { writer, strings in
            for set in [agentTypes, knownGroupCodes, countryCodes] { writer.writeStrings(set.sorted(), strings: &strings) }
        }
        add(.eventTable) { writer, strings in eventTable.write(to: &writer, strings: &strings) }
        add(.coding) { writer, strings in writeCodingSettings(to: &writer, strings: &strings) }
        add(.discards) { writer, strings in DiscardPhrase.write(discards, to: &writer, strings: &strings) }
        add(.issues) { writer, strings in LexiconIssue.write(issues, to: &writer, strings: &strings) }

        var stringSection = BinaryWriter()
        strings.write(to: &stringSection)
        var body = BinaryWriter()
        for (section, writer) in [(SnapshotSection.strings, stringSection)] + sections {
            body.write(section.code)
            body.write(UInt64(writer.bytes.count))
            body.write(bytes: writer.bytes)
        }
        var hasher = ContentHasher()
        hasher.add(body.bytes)
        var header = BinaryWriter()
        header.write(bytes: LexiconSnapshot.magic)
        header.write(LexiconSnapshot.formatVersion)
        header.write(UInt32(0))
        header.write(UInt64(body.bytes.count))
        header.write(hasher.value)
        return header.bytes + body.bytes
    }

    /// Reads a lexicon back from `snapshot()`'s bytes. Throws `LexiconSnapshotError` on bytes that
    /// are not a snapshot of this format version, damaged or cut short.
    public init(snapshot bytes: [UInt8]) throws {
        try self.init(snapshot: bytes, verifyingChecksum: true)
    }

    /// `verifyingChecksum: false` lets tests reach the section readers with damaged bytes.
    init(snapshot bytes: [UInt8], verifyingChecksum: Bool) throws {
        var reader = try Self.readHeader(bytes, verifyingChecksum: verifyingChecksum)
        let strings = try reader.section(.strings) { try SnapshotStringTable(reading: &$0) }
        let vocabulary = try reader.section(.vocabulary) { try Vocabulary(reading: &$0) }
        let wordCount = vocabulary.words.count
        let actors = try reader.section(.actors) { try ActorEntry.read(from: &$0, strings: strings) }
        let actorPhrases = try reader.section(.actorPhrases) { try PhraseTrie(reading: &$0, entryCount: actors.count) }
        let verbPatterns = try reader.section(.verbPatterns) { try EventPattern.read(from: &$0, strings: strings, wordCount: wordCount) }
        let nounPatterns = try reader.section(.nounPatterns) { try EventPattern.read(from: &$0, strings: strings, wordCount: wordCount) }
        let lemmatizer = try reader.section(.lemmatizer) { try Lemmatizer(reading: &$0, strings: strings) }
        let codeSets = try reader.section(.codeSets) { reader in
            try (0..<3).map { _ in Set(try reader.readStrings(strings)) }
        }
        let eventTable = try reader.section(.eventTable) { try CAMEOEventTable(reading: &$0, strings: strings) }
        self.init(eventTable: eventTable)
        try reader.section(.coding) { try readCodingSettings(from: &$0, strings: strings) }
        let discards = try reader.section(.discards) { try DiscardPhrase.read(from: &$0, strings: strings) }
        let issues = try reader.section(.issues) { try LexiconIssue.read(from: &$0, strings: strings) }
        guard reader.remaining == 0 else {
            throw LexiconSnapshotError.malformed(section: "body", detail: "\(reader.remaining) byte(s) after the last section")
        }
        self.vocabulary = vocabulary
        self.actors = actors
        self.actorPhrases = actorPhrases
        self.verbPatterns = verbPatterns
        self.nounPatterns = nounPatterns
        self.lemmatizer = lemmatizer
        (agentTypes, knownGroupCodes, countryCodes) = (codeSets[0], codeSets[1], codeSets[2])
        self.discards = discards
        self.issues = issues
    }

    /// Checks the header (magic, version, length, checksum) and returns a reader at the body.
    private static func readHeader(_ bytes: [UInt8], verifyingChecksum: Bool) throws -> BinaryReader {
        let magic = LexiconSnapshot.magic
        guard bytes.prefix(magic.count).elementsEqual(magic.prefix(bytes.count)) else { throw LexiconSnapshotError.notASnapshot }
        var reader = BinaryReader(bytes, from: magic.count)
        let version: UInt32, reserved: UInt32, length: UInt64, checksum: UInt64
        do {
            guard bytes.count >= magic.count else { throw SnapshotFault.truncated }
            version = try reader.read(UInt32.self)
            // The version first: another version's header may be laid out differently.
            guard version == LexiconSnapshot.formatVersion else { throw LexiconSnapshotError.unsupportedVersion(found: version) }
            reserved = try reader.read(UInt32.self)
            length = try reader.read(UInt64.self)
            checksum = try reader.read(UInt64.self)
        } catch SnapshotFault.truncated {
            throw LexiconSnapshotError.truncated(section: "header")
        }
        guard reserved == 0 else { throw LexiconSnapshotError.malformed(section: "header", detail: "reserved field is \(reserved), not 0") }
        guard length <= UInt64(reader.remaining) else { throw LexiconSnapshotError.truncated(section: "body") }
        guard length == UInt64(reader.remaining) else {
            throw LexiconSnapshotError.malformed(section: "header", detail: "\(UInt64(reader.remaining) - length) byte(s) after the body")
        }
        if verifyingChecksum {
            var hasher = ContentHasher()
            bytes.withUnsafeBytes { hasher.add(UnsafeRawBufferPointer(rebasing: $0[LexiconSnapshot.headerSize...])) }
            guard hasher.value == checksum else { throw LexiconSnapshotError.checksumMismatch }
        }
        return reader
    }

    private func writeCodingSettings(to writer: inout BinaryWriter, strings: inout SnapshotStringTableBuilder) {
        writer.write(UInt8(codeStyle == .dyad ? 0 : 1))
        let approximations = self.approximations.sorted { $0.key < $1.key }
        writer.writeStrings(approximations.map(\.key), strings: &strings)
        writer.write(contentsOf: approximations.map { Int64($0.value) })
        let pairedCodes = self.pairedCodes.sorted { $0.key < $1.key }
        writer.writeStrings(pairedCodes.map(\.key), strings: &strings)
        writer.write(contentsOf: pairedCodes.map { strings.number($0.value) })
        let adjustments = codeAdjustments.allRules
        writer.writeStrings(adjustments.map(\.kind.rawValue), strings: &strings)
        writer.writeStrings(adjustments.map(\.rule.prefix), strings: &strings)
        writer.writeStrings(adjustments.map(\.rule.code), strings: &strings)
        writer.writeStrings(adjustments.map(\.rule.source.file), strings: &strings)
        writer.write(contentsOf: adjustments.map { Int64($0.rule.source.line) })
    }

    private mutating func readCodingSettings(from reader: inout BinaryReader, strings: SnapshotStringTable) throws {
        switch try reader.read(UInt8.self) {
        case 0: codeStyle = .dyad
        case 1: codeStyle = .petrarch
        case let other: throw SnapshotFault.malformed("unknown code style \(other)")
        }
        let approximationKeys = try reader.readStrings(strings)
        let approximationCounts = try reader.readArray(Int64.self, count: approximationKeys.count)
        approximations = try SnapshotFault.dictionary(approximationKeys, approximationCounts.map { Int($0) })
        let pairedKeys = try reader.readStrings(strings)
        let pairedValues = try strings.strings(try reader.readArray(UInt32.self, count: pairedKeys.count))
        pairedCodes = try SnapshotFault.dictionary(pairedKeys, pairedValues)
        let kinds = try reader.readStrings(strings)
        let prefixes = try reader.readStrings(strings)
        let codes = try reader.readStrings(strings)
        let files = try reader.readStrings(strings)
        let lines = try reader.readArray(Int64.self, count: kinds.count)
        guard prefixes.count == kinds.count, codes.count == kinds.count, files.count == kinds.count else {
            throw SnapshotFault.malformed("code adjustment columns of different lengths")
        }
        var adjustments = CodeAdjustments()
        for index in kinds.indices {
            guard let kind = CodeAdjustments.Kind(rawValue: kinds[index]) else {
                throw SnapshotFault.malformed("unknown code adjustment kind \(kinds[index])")
            }
            adjustments.add(kind, prefix: prefixes[index], code: codes[index],
                            source: LexiconSource(file: files[index], line: Int(lines[index])))
        }
        codeAdjustments = adjustments
    }
}
