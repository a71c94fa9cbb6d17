import DyadCore
@testable import DyadLexicon
import Foundation
import XCTest

/// TABARI/PETRARCH dictionaries written for these tests (invented names): dated actors with
/// synonyms, agents (one a prefix), verbs with every element the reader makes, synsets, a paired
/// code, a WEIS-style code CAMEO lacks, discards, and mistakes, so that `issues` and
/// `approximations` are not empty.
let snapshotTestDictionaries: [PetrarchDictionaryFile] = [
    PetrarchDictionaryFile(name: "t.actors.txt", kind: .actors, text: """
        QUENDIA_REPUBLIC [QND]
        +QUENDIANS
        MARLO_VANT
        \t[QNDGOV 990101-20031231]
        \t[QNDOPP >031231]
        \t[QNDELI]
        ZARBOR [ZRB]
        TWIN_CITIES [TWA/TWB]
        NOCODE
        BADDATE [ZRB 2001-13]
        """),
    PetrarchDictionaryFile(name: "t.agents.txt", kind: .agents, text: """
        !FOLK! = KEEPER, KEEPERS
        LIGHTHOUSE!FOLK! [~LHK]
        HARBOR_WARDEN [~CST]
        OFFICIAL [~GOV]
        GLASS_GUILD [GLD~]
        """),
    PetrarchDictionaryFile(name: "t.verbs.txt", kind: .verbs, text: """
        &SWEETS
        +HONEY_CAKES
        +SUGAR
        --- WHISTLE [041] ---
        WHISTLE {WHISTLED WHOSTLE}
        TOOT [042]
        - * AT + [043]
        - NEVER_* [044:045]
        - * &SWEETS TO + [046]
        - + WAS * BY $ [047]
        - * ^ LOUDLY % [048]
        - % * ABOUT + [0331]
        - * FOR { HELP } (FROM +) [249]
        - * NOCODE
        --- PRAISE [051] ---
        PRAISE {PRAISED PRAISES PRAISING}
        --- SAID [010] ---
        SAID
        --- WHEEL_+SPIN [050] ---
        WHEEL_+SPIN {WHEEL_+SPUN}
        """),
    PetrarchDictionaryFile(name: "t.discards.txt", kind: .discards, text: "PUMPKIN_RACE\n+CROQUET TOURNAMENT # story\n"),
]

/// `/work/shared` seen from this file: Tests/DyadLexiconTests -> package root -> ../shared.
func sharedFolder(_ relative: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared").appendingPathComponent(relative)
}

/// Asserts that two lexicons hold the same things, part by part: what `snapshot()` must keep.
func assertSameLexicon(_ reloaded: Lexicon, _ original: Lexicon, file: StaticString = #filePath, line: UInt = #line) {
    let vocabulary = (reloaded.vocabulary, original.vocabulary)
    XCTAssertEqual(vocabulary.0.words, vocabulary.1.words, "words", file: file, line: line)
    XCTAssertEqual(vocabulary.0.ids, vocabulary.1.ids, "word ids", file: file, line: line)
    XCTAssertEqual(vocabulary.0.wordBytes, vocabulary.1.wordBytes, "word bytes", file: file, line: line)
    XCTAssertEqual(vocabulary.0.wordEnds, vocabulary.1.wordEnds, "word ends", file: file, line: line)
    XCTAssertTrue(sameSlots(vocabulary.0.byteIndex, vocabulary.1.byteIndex), "byte index", file: file, line: line)
    let trie = (reloaded.actorPhrases, original.actorPhrases)
    XCTAssertTrue(sameSlots(trie.0.edges, trie.1.edges), "trie edges", file: file, line: line)
    XCTAssertEqual(trie.0.payloads, trie.1.payloads, "trie payloads", file: file, line: line)
    XCTAssertEqual(trie.0.entryCases, trie.1.entryCases, "entry cases", file: file, line: line)
    XCTAssertEqual(trie.0.firstWords, trie.1.firstWords, "first words", file: file, line: line)
    XCTAssertEqual(reloaded.actors, original.actors, "actors", file: file, line: line)
    for (reloadedPatterns, originalPatterns, what) in [(reloaded.verbPatterns, original.verbPatterns, "verb"),
                                                        (reloaded.nounPatterns, original.nounPatterns, "noun")] {
        XCTAssertEqual(reloadedPatterns, originalPatterns, "\(what) patterns", file: file, line: line)
        // What EventPattern.init derives from the stored fields, checked so that a change there shows.
        for (lemma, patterns) in originalPatterns {
            XCTAssertEqual(reloadedPatterns[lemma]?.map(\.requiredWords), patterns.map(\.requiredWords), file: file, line: line)
            XCTAssertEqual(reloadedPatterns[lemma]?.map(\.dativePreposition), patterns.map(\.dativePreposition), file: file, line: line)
            XCTAssertEqual(reloadedPatterns[lemma]?.map(\.dativeWords), patterns.map(\.dativeWords), file: file, line: line)
        }
    }
    XCTAssertEqual(reloaded.lemmatizer.irregular, original.lemmatizer.irregular, "irregular forms", file: file, line: line)
    XCTAssertEqual(reloaded.lemmatizer.knownLemmas, original.lemmatizer.knownLemmas, "known lemmas", file: file, line: line)
    XCTAssertEqual(reloaded.lemmatizer.irregularParticiples, original.lemmatizer.irregularParticiples, file: file, line: line)
    XCTAssertEqual(reloaded.agentTypes, original.agentTypes, "agent types", file: file, line: line)
    XCTAssertEqual(reloaded.knownGroupCodes, original.knownGroupCodes, file: file, line: line)
    XCTAssertEqual(reloaded.countryCodes, original.countryCodes, file: file, line: line)
    XCTAssertEqual(reloaded.eventTable.codes, original.eventTable.codes, "event codes", file: file, line: line)
    XCTAssertEqual(reloaded.eventTable.codes.map { reloaded.eventTable[$0] }, original.eventTable.codes.map { original.eventTable[$0] },
                   "event types", file: file, line: line)
    XCTAssertEqual(reloaded.codeStyle, original.codeStyle, file: file, line: line)
    XCTAssertEqual(reloaded.approximations, original.approximations, "approximations", file: file, line: line)
    XCTAssertEqual(reloaded.discards, original.discards, "discards", file: file, line: line)
    XCTAssertEqual(reloaded.pairedCodes, original.pairedCodes, "paired codes", file: file, line: line)
    XCTAssertEqual(reloaded.issues, original.issues, "issues", file: file, line: line)
}

private func sameSlots(_ one: HashIndex, _ other: HashIndex) -> Bool {
    one.count == other.count && one.slots.count == other.slots.count
        && zip(one.slots, other.slots).allSatisfy { $0.key == $1.key && ($0.key == 0 || $0.value == $1.value) }
}

/// The snapshot round trip: bytes -> lexicon -> the same bytes, and the same lexicon.
@discardableResult
func assertRoundTrip(_ original: Lexicon, file: StaticString = #filePath, line: UInt = #line) throws -> Lexicon {
    let bytes = original.snapshot()
    let reloaded = try Lexicon(snapshot: bytes)
    XCTAssertTrue(reloaded.snapshot() == bytes, "the reloaded lexicon's snapshot differs", file: file, line: line)
    assertSameLexicon(reloaded, original, file: file, line: line)
    return reloaded
}

final class LexiconSnapshotTests: XCTestCase {
    private func testLexicon() -> Lexicon {
        PetrarchDictionaries.lexicon(files: snapshotTestDictionaries).lexicon
    }

    /// The entries a phrase (lower-case words) matches in full, as codes valid on a date.
    private func codes(_ lexicon: Lexicon, _ phrase: String, on date: Int? = nil, tokenText: String = "x") -> [String] {
        let ids = phrase.split(separator: " ").map { lexicon.vocabulary.id(of: String($0)) }
        let found = lexicon.actorPhrases.matches(at: 0, wordIds: ids, limit: ids.count) { _ in ArraySlice(Array(tokenText.utf8)) }
        guard let longest = found.first, longest.length == ids.count else { return [] }
        return lexicon.entries(longest.entries, on: date).map(\.code)
    }

    func testPetrarchDictionariesRoundTrip() throws {
        let original = testLexicon()
        // The test dictionaries reach what they are meant to reach.
        XCTAssertFalse(original.issues.isEmpty)
        XCTAssertFalse(original.approximations.isEmpty)
        XCTAssertFalse(original.pairedCodes.isEmpty)
        XCTAssertNil(CAMEOEventTable.standard["249"])
        XCTAssertNotNil(original.eventTable["249"])
        let reloaded = try assertRoundTrip(original)

        XCTAssertEqual(codes(reloaded, "quendians"), ["QND"])
        XCTAssertEqual(codes(reloaded, "marlo vant", on: 20020505).first, "QNDGOV")
        XCTAssertEqual(codes(reloaded, "marlo vant", on: 20050101).first, "QNDOPP")
        XCTAssertEqual(codes(reloaded, "marlo vant", on: 19800101), ["QNDELI"])
        XCTAssertEqual(codes(reloaded, "twin cities"), ["TWA/TWB"])
        XCTAssertEqual(codes(reloaded, "lighthousekeepers"), ["LHK"])
        XCTAssertEqual(reloaded.actors.first { $0.code == "GLD" }?.role, ActorEntry.prefixAgentRole)
        XCTAssertEqual(reloaded.vocabulary.id(of: "Whistle"), original.vocabulary.id(of: "whistle"))
        XCTAssertEqual(reloaded.vocabulary.id(of: "nosuchword"), -1)
        let id = { (word: String) in reloaded.vocabulary.id(of: word) }
        let whistle = Dictionary(grouping: reloaded.verbPatterns[id("whistle")] ?? [], by: \.code)
        XCTAssertEqual(whistle["043"]?.first?.elements, [.word(id("at")), .target])
        XCTAssertEqual(whistle["044"]?.first?.elements, [.wordJustBefore(id("never"))])
        XCTAssertEqual(whistle["044"]?.first?.pairedCode, "045")
        XCTAssertEqual(whistle["046"]?.first?.elements, [.oneOf([[id("honey"), id("cakes")], [id("sugar")]]), .word(id("to")), .target])
        XCTAssertEqual(whistle["047"]?.first?.elements, [.wordBefore(id("was")), .word(id("by")), .source])
        XCTAssertEqual(whistle["048"]?.first?.elements, [.skip, .word(id("loudly")), .target])
        XCTAssertEqual(whistle["0331"]?.first?.elements, [.compoundSubject, .word(id("about")), .target])
        XCTAssertEqual(whistle["043"]?.first?.source, LexiconSource(file: "t.verbs.txt", line: 7))
        XCTAssertEqual(reloaded.lemmatizer.verbLemma("whostle"), "whistle")
        XCTAssertEqual(reloaded.lemmatizer.verbLemma("spun"), "spin")
        XCTAssertEqual(reloaded.discards.map(\.story), [false, true])
        XCTAssertEqual(reloaded.issues.map(\.description), original.issues.map(\.description))
        XCTAssertEqual(reloaded.eventTable["249"], original.eventTable["249"])
        XCTAssertEqual(reloaded.codeStyle, .petrarch)
    }

    func testDyadLexiconRoundTripsCaseRequirementsTargetHeadsAndNouns() throws {
        var files = testFiles
        files.append(("nouns.txt", "173 arrest of +\n042 visit by $ to +diplomat\n"))
        let original = Lexicon(files: files)
        XCTAssertFalse(original.actorPhrases.entryCases.isEmpty)
        let reloaded = try assertRoundTrip(original)
        let text = Array("us US".utf8)
        let ids: [Int32] = [reloaded.vocabulary.id(of: "us"), reloaded.vocabulary.id(of: "US")]
        XCTAssertTrue(reloaded.actorPhrases.matches(at: 0, wordIds: ids, limit: 2) { _ in text[0..<2] }.isEmpty)
        XCTAssertEqual(reloaded.actorPhrases.matches(at: 1, wordIds: ids, limit: 2) { _ in text[3..<5] }.count, 1)
        let visit = reloaded.nounPatterns[reloaded.vocabulary.id(of: "visit")]?.first
        XCTAssertEqual(visit?.elements.last, .targetHead(reloaded.vocabulary.id(of: "diplomat")))
        XCTAssertEqual(reloaded.lemmatizer.verbLemma("held"), "hold")
        XCTAssertTrue(reloaded.lemmatizer.isPastParticiple("stood"))
        XCTAssertEqual(reloaded.codeStyle, .dyad)
    }

    func testEmptyLexiconRoundTrips() throws {
        try assertRoundTrip(Lexicon())
    }

    func testBundledLexiconRoundTrips() throws {
        try assertRoundTrip(try Lexicon.bundled())
    }

    func testProductionDictionariesRoundTrip() throws {
        let folder = sharedFolder("reference/petrarch/dictionaries")
        guard FileManager.default.fileExists(atPath: folder.path) else { throw XCTSkip("\(folder.path) is absent") }
        try assertRoundTrip(try PetrarchDictionaries.load(directory: folder))
    }

    func testValidationSuiteDictionariesRoundTrip() throws {
        let folder = sharedFolder("reference/petrarch/p1-suite")
        guard FileManager.default.fileExists(atPath: folder.path) else { throw XCTSkip("\(folder.path) is absent") }
        try assertRoundTrip(try PetrarchDictionaries.load(directory: folder))
    }

    /// The bytes of the test dictionaries' snapshot, pinned to the format version. When this
    /// fails, the lexicon builder (or the snapshot layout) now makes something else from the same
    /// text: bump `LexiconSnapshot.formatVersion` so that caches built by the old code are not
    /// used, then pin the new hash here.
    func testBuiltLexiconIsPinnedToTheFormatVersion() {
        var hasher = ContentHasher()
        hasher.add(testLexicon().snapshot())
        let pinned: (version: UInt32, hash: UInt64) = (2, 0x8e4f_9b2b_6015_9ac9)
        XCTAssertEqual(LexiconSnapshot.formatVersion, pinned.version, "update the pinned hash with the version")
        XCTAssertEqual(hasher.value, pinned.hash,
                       "the lexicon built from the test dictionaries changed: bump LexiconSnapshot.formatVersion and pin 0x\(String(hasher.value, radix: 16))")
    }

    // MARK: - Damaged snapshots

    func testWrongMagicVersionAndRandomBytesAreRefused() {
        let bytes = testLexicon().snapshot()
        var wrongMagic = bytes
        wrongMagic[0] = UInt8(ascii: "X")
        XCTAssertThrowsError(try Lexicon(snapshot: wrongMagic)) { XCTAssertEqual($0 as? LexiconSnapshotError, .notASnapshot) }
        var wrongVersion = bytes
        wrongVersion[8] &+= 1
        XCTAssertThrowsError(try Lexicon(snapshot: wrongVersion)) {
            XCTAssertEqual($0 as? LexiconSnapshotError, .unsupportedVersion(found: LexiconSnapshot.formatVersion + 1))
            XCTAssertTrue("\($0)".contains("version"))
        }
        XCTAssertThrowsError(try Lexicon(snapshot: []))
        XCTAssertThrowsError(try Lexicon(snapshot: Array("not a snapshot at all".utf8))) { XCTAssertEqual($0 as? LexiconSnapshotError, .notASnapshot) }
        var generator = SeededGenerator(seed: 7)
        for length in [1, 8, 31, 32, 33, 100, 4096] {
            let random = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            XCTAssertThrowsError(try Lexicon(snapshot: random))
            XCTAssertThrowsError(try Lexicon(snapshot: LexiconSnapshot.magic + random))
        }
    }

    func testTruncatedSnapshotsThrowWhereverTheyAreCut() {
        let bytes = testLexicon().snapshot()
        for cut in 0..<bytes.count {
            XCTAssertThrowsError(try Lexicon(snapshot: Array(bytes.prefix(cut))), "cut at \(cut)")
        }
        // With the body length patched to the cut and no checksum, every section reader meets the
        // end of its bytes somewhere: each must throw, naming where. Every third cut, and every
        // cut near the start of a section.
        var cuts = Set(stride(from: LexiconSnapshot.headerSize, to: bytes.count, by: 3))
        var sectionStart = LexiconSnapshot.headerSize
        while sectionStart + 12 <= bytes.count {
            cuts.formUnion(sectionStart..<min(sectionStart + 40, bytes.count))
            let length = bytes[sectionStart + 4..<sectionStart + 12].reversed().reduce(0) { $0 << 8 | Int($1) }
            sectionStart += 12 + length
        }
        var sections = Set<String>()
        for cut in cuts.sorted() {
            var truncated = Array(bytes.prefix(cut))
            withUnsafeBytes(of: UInt64(cut - LexiconSnapshot.headerSize).littleEndian) { truncated.replaceSubrange(16..<24, with: $0) }
            XCTAssertThrowsError(try Lexicon(snapshot: truncated, verifyingChecksum: false), "cut at \(cut)") { error in
                if case .truncated(let section)? = error as? LexiconSnapshotError { sections.insert(section) }
            }
        }
        XCTAssertEqual(sections.count, SnapshotSection.allCases.count, "\(sections)")
    }

    func testFlippedBytesAreCaughtByTheChecksumAndNeverCrashTheReaders() throws {
        let bytes = testLexicon().snapshot()
        for position in stride(from: LexiconSnapshot.headerSize, to: bytes.count, by: 7) {
            var damaged = bytes
            damaged[position] ^= 0x10
            XCTAssertThrowsError(try Lexicon(snapshot: damaged)) { XCTAssertEqual($0 as? LexiconSnapshotError, .checksumMismatch) }
        }
        // Past the checksum, the readers check what they read: damage either throws or reads as
        // some other lexicon, never traps.
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<3000 {
            var damaged = bytes
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let position = Int.random(in: LexiconSnapshot.headerSize..<bytes.count, using: &generator)
                damaged[position] = UInt8.random(in: 0...255, using: &generator)
            }
            if let lexicon = try? Lexicon(snapshot: damaged, verifyingChecksum: false) {
                _ = codes(lexicon, "marlo vant", on: 20020505, tokenText: "Marlo")
                _ = lexicon.vocabulary.id(of: "whistle")
            }
        }
    }

    func testErrorsSayWhatIsWrong() {
        XCTAssertEqual("\(LexiconSnapshotError.truncated(section: "actor entries"))", "the snapshot is truncated in its actor entries")
        XCTAssertTrue("\(LexiconSnapshotError.malformed(section: "string table", detail: "string 3 is not valid UTF-8"))".contains("UTF-8"))
        // A string table whose bytes are not UTF-8.
        var writer = BinaryWriter()
        writer.writeCount(1)
        writer.write(contentsOf: [UInt32(2)])
        writer.writeCount(2)
        writer.write(bytes: [0xC3, 0x28])
        var reader = BinaryReader(writer.bytes)
        XCTAssertThrowsError(try SnapshotStringTable(reading: &reader)) { error in
            guard case SnapshotFault.malformed(let detail)? = error as? SnapshotFault else { return XCTFail("\(error)") }
            XCTAssertTrue(detail.contains("UTF-8"), detail)
        }
    }

    func testBinaryReaderReadsWhatTheWriterWrote() throws {
        var writer = BinaryWriter()
        writer.write(UInt8(7))
        writer.write(Int32(-2))
        writer.write(UInt64(0x0102_0304_0506_0708))
        writer.write(contentsOf: [Int64(-1), 5, Int64.max])
        XCTAssertEqual(Array(writer.bytes[5..<13]), [8, 7, 6, 5, 4, 3, 2, 1], "little-endian")
        var reader = BinaryReader(writer.bytes)
        XCTAssertEqual(try reader.read(UInt8.self), 7)
        XCTAssertEqual(try reader.read(Int32.self), -2)
        XCTAssertEqual(try reader.read(UInt64.self), 0x0102_0304_0506_0708)
        XCTAssertThrowsError(try reader.readArray(Int64.self, count: 4))
        XCTAssertThrowsError(try reader.readArray(Int64.self, count: Int(UInt32.max)))
        XCTAssertEqual(try reader.readArray(Int64.self, count: 3), [-1, 5, Int64.max])
        XCTAssertThrowsError(try reader.read(UInt8.self))
    }

    func testContentHasherSeparatesFieldsAndSeesEveryByte() {
        func hash(_ fields: [String]) -> UInt64 {
            var hasher = ContentHasher()
            for field in fields { hasher.add(field) }
            return hasher.value
        }
        XCTAssertNotEqual(hash(["ab", "c"]), hash(["a", "bc"]))
        XCTAssertNotEqual(hash(["abcdefgh"]), hash(["abcdefgh", ""]))
        XCTAssertNotEqual(hash(["USA"]), hash(["usa"]))
        let text = String(repeating: "The quick brown fox. ", count: 10)
        var seen = Set([hash([text])])
        for index in text.utf8.indices {
            var bytes = Array(text.utf8)
            bytes[text.utf8.distance(from: text.utf8.startIndex, to: index)] ^= 1
            seen.insert(hash([String(decoding: bytes, as: UTF8.self)]))
        }
        XCTAssertEqual(seen.count, text.utf8.count + 1)
    }
}

/// A small deterministic generator (SplitMix64), so that failures repeat.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
