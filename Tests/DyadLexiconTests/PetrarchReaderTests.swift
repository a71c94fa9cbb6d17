@testable import DyadLexicon
import XCTest

/// TABARI/PETRARCH readers on small dictionaries written for these tests (invented entries).
final class PetrarchReaderTests: XCTestCase {
    private func build(_ files: [(String, PetrarchFileKind, String)]) -> Lexicon {
        PetrarchDictionaries.lexicon(files: files.map { PetrarchDictionaryFile(name: $0.0, kind: $0.1, text: $0.2) }).lexicon
    }

    private func codes(_ lexicon: Lexicon, _ phrase: String, on date: Int?) -> [String] {
        let ids = phrase.split(separator: " ").map { lexicon.vocabulary.id(of: String($0)) }
        let found = lexicon.actorPhrases.matches(at: 0, wordIds: ids, limit: ids.count) { _ in ArraySlice(Array("x".utf8)) }
        guard let longest = found.first, longest.length == ids.count else { return [] }
        return lexicon.entries(longest.entries, on: date).map(\.code)
    }

    func testActorsWithSynonymsDatesAndComments() {
        let text = """
            <!-- a block comment
               over two lines -->
            QUENDIA_REPUBLIC [QND] ; a comment
            +QUENDIANS
            +QUENDIA_ # trailing underscore

            MARLO_VANT  # dated codes below
            \t[QNDGOV 990101-20031231]
            \t[QNDOPP >031231]
            \t[QNDELI]
            ZARBOR [zrb]
            NOCODE
            BADDATE [ZRB 2001-13]
            QUENDIA_REPUBLIC [QND]
            """
        let lexicon = build([("test.actors.txt", .actors, text)])
        XCTAssertEqual(codes(lexicon, "quendia republic", on: nil), ["QND"])
        XCTAssertEqual(codes(lexicon, "quendians", on: nil), ["QND"])
        XCTAssertEqual(codes(lexicon, "marlo vant", on: 20020505).first, "QNDGOV")
        XCTAssertEqual(codes(lexicon, "marlo vant", on: 20050101).first, "QNDOPP")
        XCTAssertEqual(codes(lexicon, "marlo vant", on: 19800101), ["QNDELI"])
        XCTAssertEqual(codes(lexicon, "zarbor", on: nil), ["ZRB"])
        let messages = lexicon.issues.map(\.description)
        XCTAssertTrue(messages.contains { $0.contains("test.actors.txt:12") && $0.contains("has no code") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.contains("test.actors.txt:13") && $0.contains("bad date") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.contains("test.actors.txt:14") && $0.contains("duplicate") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.contains("not upper case") })
    }

    func testLatin1LinesAreDecoded() {
        var bytes = Array("CAF\u{C9}_NOIR [CFN]\n".utf8)  // valid UTF-8
        bytes += [0x4D, 0xDC, 0x52, 0x4B, 0x20, 0x5B, 0x4D, 0x52, 0x4B, 0x5D, 0x0A]  // "MÜRK [MRK]" in Latin-1
        let result = PetrarchDictionaries.lexicon(files: [PetrarchDictionaryFile(name: "x.actors.txt", kind: .actors, data: Data(bytes))])
        XCTAssertEqual(codes(result.lexicon, "café noir", on: nil), ["CFN"])
        XCTAssertEqual(codes(result.lexicon, "mürk", on: nil), ["MRK"])
        XCTAssertTrue(result.lexicon.issues.contains { $0.message.contains("Latin-1") })
    }

    func testAgentsWithSubstitutionsPluralsAndPrefixes() {
        let text = """
            !FOLK! = KEEPER, KEEPERS
            LIGHTHOUSE!FOLK! [~LHK]
            HARBOR_WARDEN [~CST] # plural made by the reader
            SKY_PILOT {} [~AIR]
            MOTH_HERDER {MOTH_HERDERFOLK} [~MTH]
            GLASS_GUILD [GLD~]
            BROKEN [GOV]
            """
        let lexicon = build([("t.agents.txt", .agents, text)])
        XCTAssertEqual(codes(lexicon, "lighthousekeepers", on: nil), ["LHK"])
        XCTAssertEqual(codes(lexicon, "harbor wardens", on: nil), ["CST"])
        XCTAssertEqual(codes(lexicon, "sky pilot", on: nil), ["AIR"])
        XCTAssertEqual(codes(lexicon, "sky pilots", on: nil), [])
        XCTAssertEqual(codes(lexicon, "moth herderfolk", on: nil), ["MTH"])
        let guild = lexicon.actors.first { $0.code == "GLD" }
        XCTAssertEqual(guild?.role, ActorEntry.prefixAgentRole)
        XCTAssertTrue(lexicon.issues.contains { $0.source.line == 7 && $0.message.contains("'~'") })
        XCTAssertEqual(lexicon.codeStyle, .petrarch)
    }

    func testVerbBlocksPatternsAndSynsets() {
        let text = """
            &SWEETS
            +HONEY_CAKES
            +SUGAR
            &TREATS  # nested
            +&SWEETS
            +FIGS
            --- WHISTLE [041] ---
            WHISTLE {WHISTLED_LOUDLY WHOSTLE}
            TOOT [042]
            - * AT + [043]
            - NEVER_* [044:045]
            - * &TREATS TO + [046]
            - + WAS * BY $ [047]
            - * ^ LOUDLY % [048]
            - * FOR { HELP } (FROM +) [049]
            - * NOCODE
            - SURELY_&SWEETS EVER * [051]
            --- WHEEL_+SPIN [050] ---
            WHEEL_+SPIN {WHEEL_+SPUN}
            """
        let lexicon = build([("t.verbs.txt", .verbs, text)])
        let whistle = lexicon.vocabulary.id(of: "whistle")
        let patterns = lexicon.verbPatterns[whistle] ?? []
        let byText = Dictionary(grouping: patterns, by: \.code)
        XCTAssertEqual(byText["041"]?.first?.elements, [])
        XCTAssertEqual(byText["043"]?.first?.elements, [.word(lexicon.vocabulary.id(of: "at")), .target])
        // `NEVER_*`: the word stands right before the verb.
        XCTAssertEqual(byText["044"]?.first?.elements, [.wordJustBefore(lexicon.vocabulary.id(of: "never"))])
        XCTAssertEqual(byText["044"]?.first?.pairedCode, "045")
        XCTAssertEqual(lexicon.pairedCodes["t.verbs.txt:11"], "045")
        let id = { (word: String) in lexicon.vocabulary.id(of: word) }
        XCTAssertEqual(byText["046"]?.first?.elements,
                       [.oneOf([[id("honey"), id("cakes")], [id("sugar")], [id("figs")]]), .word(id("to")), .target])
        XCTAssertEqual(byText["047"]?.first?.elements, [.wordBefore(lexicon.vocabulary.id(of: "was")), .word(lexicon.vocabulary.id(of: "by")), .source])
        XCTAssertEqual(byText["048"]?.first?.elements, [.skip, .word(lexicon.vocabulary.id(of: "loudly")), .target])
        XCTAssertEqual(byText["049"]?.first?.elements.count, 4)
        // Words joined by `_` before the verb, a synset member's words too, stand next to each other.
        XCTAssertEqual(Set(byText["051"]?.map(\.elements) ?? []), [
            [.wordBefore(id("ever")), .wordBefore(id("cakes")), .wordJustBefore(id("honey")), .wordJustBefore(id("surely"))],
            [.wordBefore(id("ever")), .wordBefore(id("sugar")), .wordJustBefore(id("surely"))],
        ])
        // The block's patterns apply to each verb of the block; TOOT keeps its own code.
        let toot = lexicon.verbPatterns[lexicon.vocabulary.id(of: "toot")] ?? []
        XCTAssertTrue(toot.contains { $0.code == "042" && $0.elements.isEmpty })
        XCTAssertTrue(toot.contains { $0.code == "043" })
        XCTAssertEqual(lexicon.lemmatizer.verbLemma("whostle"), "whistle")
        // A multi-word verb: the word marked + is the verb, the words before it come before.
        let spin = lexicon.verbPatterns[lexicon.vocabulary.id(of: "spin")] ?? []
        XCTAssertEqual(spin.first?.elements, [.wordBefore(lexicon.vocabulary.id(of: "wheel"))])
        XCTAssertEqual(lexicon.lemmatizer.verbLemma("spun"), "spin")
        // Codes outside CAMEO still make events.
        XCTAssertNotNil(lexicon.eventTable["049"])
        XCTAssertTrue(lexicon.issues.contains { $0.source.line == 16 && $0.message.contains("without a [code]") })
    }

    func testUnknownSynsetIsReportedAndOthersStillLoad() {
        let text = """
            --- HUM [010] ---
            HUM
            - * &NOSUCH [011]
            - * QUIETLY [012]
            """
        let lexicon = build([("t.verbs.txt", .verbs, text)])
        XCTAssertTrue(lexicon.issues.contains { $0.source.line == 3 && $0.message.contains("unknown synset") })
        XCTAssertTrue((lexicon.verbPatterns[lexicon.vocabulary.id(of: "hum")] ?? []).contains { $0.code == "012" })
    }

    func testDiscards() {
        let lexicon = build([("t.discards.txt", .discards, "PUMPKIN_RACE\n+CROQUET TOURNAMENT # story\n")])
        XCTAssertEqual(lexicon.discards.map(\.words), [["pumpkin", "race"], ["croquet", "tournament"]])
        XCTAssertEqual(lexicon.discards.map(\.story), [false, true])
    }

    func testDatesAndKinds() {
        XCTAssertEqual(PetrarchText.date("991231"), 19991231)
        XCTAssertEqual(PetrarchText.date("050102"), 20050102)
        XCTAssertEqual(PetrarchText.date("331108"), 19331108)
        XCTAssertEqual(PetrarchText.date("20121109"), 20121109)
        XCTAssertNil(PetrarchText.date("20121309"))
        XCTAssertNil(PetrarchText.date("1209"))
        XCTAssertEqual(PetrarchFileKind(fileName: "Phoenix.Countries.actors.txt"), .actors)
        XCTAssertEqual(PetrarchFileKind(fileName: "CAMEO.2.0.txt"), .verbs)
        XCTAssertEqual(PetrarchFileKind(fileName: "X.agents.txt"), .agents)
        XCTAssertNil(PetrarchFileKind(fileName: "notes.md"))
    }
}
