import DyadCore
import DyadFormats
import Foundation
import XCTest
@testable import DyadStore

/// The store's behaviour, written once and run against SQLite and PostgreSQL
/// (SQLiteStoreTests, PostgresStoreTests).
struct StoreCases {
    let dialect: SQLDialect

    func open() throws -> EventStore { try StoreFixture.open(dialect) }

    // MARK: One event, many reports

    /// Two outlets report the same expulsion on the same day: one event, two mentions, two
    /// articles, two sources.
    func sameEventFromTwoSourcesIsOneEvent() throws {
        let store = try open()
        defer { store.close() }
        let a = Fixture.article("a1", ["Freedonia expelled the Sylvanian envoy on Monday."], date: "2024-03-04", source: "Daily Planet") {
            [Fixture.event(doc: "a1", source: "FRE", target: "SYLGOV", code: "1711", date: "2024-03-04", sentenceStart: $0[0])]
        }
        let b = Fixture.article("b1", ["The Sylvanian envoy was expelled by Freedonia."], date: "2024-03-04", url: "https://www.bugle.example/x") {
            [Fixture.event(doc: "b1", source: "FRE", target: "SYLGOV", code: "1712", date: "2024-03-04", sentenceStart: $0[0])]
        }
        let outcome = try store.store([a, b], run: nil)
        XCTAssertEqual(outcome.stored, 2)
        XCTAssertEqual(outcome.events, 1)
        XCTAssertEqual(outcome.mentions, 2)
        let events = try store.events()
        XCTAssertEqual(events.count, 1)
        XCTAssertEqual(events[0].numMentions, 2)
        XCTAssertEqual(events[0].numArticles, 2)
        XCTAssertEqual(events[0].numSources, 2)
        XCTAssertEqual(events[0].baseCode, "171")
        XCTAssertEqual(events[0].code, "1711", "the first report's full code")
        XCTAssertTrue(events[0].isRoot)
        XCTAssertEqual(events[0].document, "a1")
    }

    /// Two sentences of one article about the same event: two mentions, one article.
    func twoSentencesOfOneArticleAreOneArticle() throws {
        let store = try open()
        defer { store.close() }
        let a = Fixture.article("a1", ["Freedonia imposed sanctions on Sylvania.", "The sanctions Freedonia imposed on Sylvania bite."], date: "2024-03-04") {
            [Fixture.event(doc: "a1", sentence: 0, source: "FRE", target: "SYL", code: "163", sentenceStart: $0[0]),
             Fixture.event(doc: "a1", sentence: 1, source: "FRE", target: "SYL", code: "163", sentenceStart: $0[1])]
        }
        try store.store([a], run: nil)
        let events = try store.events()
        XCTAssertEqual(events.count, 1)
        XCTAssertEqual(events[0].numMentions, 2)
        XCTAssertEqual(events[0].numArticles, 1)
        XCTAssertEqual(events[0].numSources, 1)
        XCTAssertEqual(events[0].date, "2024-03-04", "the article's date when the event has none")
    }

    /// What must stay apart: another base code, another target, the other direction, another
    /// day (window 0), a missing target, and another place.
    func eventsThatMustStayApart() throws {
        let store = try open()
        defer { store.close() }
        let day = "2024-03-04"
        let lines = Array(repeating: "A sentence written for the test.", count: 6)
        let a = Fixture.article("a1", lines, date: day) { s in [
            Fixture.event(doc: "a1", sentence: 0, source: "FRE", target: "SYL", code: "172", date: day, sentenceStart: s[0]),
            Fixture.event(doc: "a1", sentence: 1, source: "FRE", target: "SYL", code: "173", date: day, sentenceStart: s[1]),
            Fixture.event(doc: "a1", sentence: 2, source: "FRE", target: "OCE", code: "172", date: day, sentenceStart: s[2]),
            Fixture.event(doc: "a1", sentence: 3, source: "SYL", target: "FRE", code: "172", date: day, sentenceStart: s[3]),
            Fixture.event(doc: "a1", sentence: 4, source: "FRE", target: "SYL", code: "172", date: "2024-03-05", sentenceStart: s[4]),
            Fixture.event(doc: "a1", sentence: 5, source: "FRE", target: nil, code: "172", date: day, sentenceStart: s[5]),
        ] }
        let outcome = try store.store([a], run: nil)
        XCTAssertEqual(outcome.events, 6)
        XCTAssertEqual(try store.events().map(\.numMentions), [1, 1, 1, 1, 1, 1])
    }

    /// Known places that differ keep reports apart; a report with no place joins either.
    func placesKeepEventsApartWhenKnown() throws {
        let store = try open()
        defer { store.close() }
        var articles: [ArticleInput] = []
        for (id, place) in [("p1", "Fredonia City"), ("p2", "Port Sylvan"), ("p3", "")] {
            var article = Fixture.article(id, ["Protesters rallied against Freedonia (\(id))."], date: "2024-03-04") {
                [Fixture.event(doc: id, source: "FRECVL", target: "FREGOV", code: "141", sentenceStart: $0[0])]
            }
            article.eventPlaces = [place]
            if !place.isEmpty {
                article.places = [(sentence: 0, place: Place(name: place, type: "city", latitude: 1.5, longitude: 2.5, country: "FR",
                                                           fipsCountry: "FR", adm1: nil, adm1Name: nil, countryName: "Freedonia",
                                                           geonameID: 42, text: place, start: 0, end: place.count))]
            }
            articles.append(article)
        }
        try store.store(articles, run: nil)
        let events = try store.events()
        XCTAssertEqual(events.map(\.place), ["Fredonia City", "Port Sylvan"])
        XCTAssertEqual(events.map(\.numMentions), [2, 1], "the report without a place joins the first match")
        XCTAssertEqual(try store.totals().places, 2, "each article's places are stored")
    }

    /// The window: reports a day apart are one event with `--window 1`, two with the default.
    func windowDecidesHowFarApartDatesMayBe() throws {
        for (window, expected) in [(0, 2), (1, 1)] {
            let store = try open()
            defer { store.close() }
            let a = Fixture.article("a1", ["Freedonia threatened Sylvania."], date: "2024-03-04") {
                [Fixture.event(doc: "a1", source: "FRE", target: "SYL", code: "138", date: "2024-03-04", sentenceStart: $0[0])]
            }
            let b = Fixture.article("b1", ["Freedonia threatened Sylvania again."], date: "2024-03-05") {
                [Fixture.event(doc: "b1", source: "FRE", target: "SYL", code: "138", date: "2024-03-05", sentenceStart: $0[0])]
            }
            try store.store([a, b], run: nil, rule: GroupingRule(windowDays: window))
            XCTAssertEqual(try store.events().count, expected, "window \(window)")
        }
    }

    /// IsRootEvent: an event in the first paragraph (or sentence 0) is a root event; one later
    /// in the article is not.
    func rootEventsAreInTheLead() throws {
        let store = try open()
        defer { store.close() }
        let a = Fixture.article("a1", ["Sylvania hosted talks.", "Freedonia praised Sylvania.", "Later, Freedonia accused Sylvania."],
                                date: "2024-03-04", leadSentences: 2) { s in [
            Fixture.event(doc: "a1", sentence: 1, source: "FRE", target: "SYL", code: "051", sentenceStart: s[1]),
            Fixture.event(doc: "a1", sentence: 2, source: "FRE", target: "SYL", code: "112", sentenceStart: s[2]),
        ] }
        try store.store([a], run: nil)
        let byCode = Dictionary(uniqueKeysWithValues: try store.events().map { ($0.code, $0.isRoot) })
        XCTAssertEqual(byCode["051"], true)
        XCTAssertEqual(byCode["112"], false)
    }

    // MARK: Ingest

    /// The same articles twice: the second time everything is skipped and nothing is added.
    func reingestStoresNothingNew() throws {
        let store = try open()
        defer { store.close() }
        let articles = (0..<5).map { n in
            Fixture.article("d\(n)", ["Freedonia met Sylvania, meeting number \(n)."], date: "2024-03-0\(n + 1)") {
                [Fixture.event(doc: "d\(n)", source: "FRE", target: "SYL", code: "036", sentenceStart: $0[0])]
            }
        }
        let run = try store.beginRun(input: "test")
        let first = try store.store(articles, run: run)
        XCTAssertEqual(first.stored, 5)
        let before = try store.totals()
        let second = try store.store(articles, run: run)
        XCTAssertEqual(second.stored, 0)
        XCTAssertEqual(second.skipped, 5)
        XCTAssertEqual(try store.totals(), before)
        XCTAssertEqual(try store.storedHashes(articles.map(\.contentHash) + ["nothing"]).count, 5)
        try store.finishRun(run)
        let counts = try store.backend.read { try $0.query("SELECT articles_read, articles_stored, articles_skipped, status FROM ingest_runs") }
        XCTAssertEqual(counts.first.map { [$0.integer(0), $0.integer(1), $0.integer(2)] }, [10, 5, 5])
        XCTAssertEqual(counts.first?.text(3), "done")
    }

    /// A batch that fails half-way leaves nothing behind: the next run stores it whole.
    func failedBatchLeavesNothing() throws {
        let store = try open()
        defer { store.close() }
        let a = Fixture.article("a1", ["Freedonia met Sylvania."], date: "2024-03-04") {
            [Fixture.event(doc: "a1", source: "FRE", target: "SYL", code: "036", sentenceStart: $0[0])]
        }
        struct Interrupted: Error {}
        XCTAssertThrowsError(try store.backend.transaction { db -> Void in
            try db.execute("INSERT INTO articles (content_hash, doc_id, source, text, length, sentence_count, lead_end, added) VALUES (?, 'x', '', 'x', 1, 0, 0, '')",
                           [.text(a.contentHash)])
            throw Interrupted()
        })
        XCTAssertEqual(try store.totals().articles, 0)
        XCTAssertEqual(try store.store([a], run: nil).stored, 1)
    }

    // MARK: Queries

    func seedQueries(_ store: EventStore) throws {
        let a = Fixture.article("a1", ["Freedonia imposed sanctions on Sylvania.", "Freedonia expelled Sylvanian diplomats."],
                                date: "2024-03-04", source: "Daily Planet", title: "Sanctions on Sylvania") { s in [
            Fixture.event(doc: "a1", sentence: 0, source: "FREGOV", target: "SYL", code: "163", sentenceStart: s[0], text: "Freedonia imposed sanctions on Sylvania."),
            Fixture.event(doc: "a1", sentence: 1, source: "FRE", target: "SYLGOV", code: "1711", sentenceStart: s[1], text: "Freedonia expelled Sylvanian diplomats."),
        ] }
        let b = Fixture.article("b1", ["Sylvania criticized Freedonia.", "Sylvania and Freedonia agreed to talks."],
                                date: "2024-03-12", url: "https://bugle.example/b1", title: "Talks") { s in [
            Fixture.event(doc: "b1", sentence: 0, source: "SYL", target: "FRE", code: "111", sentenceStart: s[0], text: "Sylvania criticized Freedonia."),
            Fixture.event(doc: "b1", sentence: 1, source: "SYL", target: "FRE", code: "036", sentenceStart: s[1], text: "Sylvania and Freedonia agreed to talks."),
        ] }
        let c = Fixture.article("c1", ["Oceania praised Freedonia."], date: "2024-04-02") { s in [
            Fixture.event(doc: "c1", source: "OCE", target: "FRE", code: "051", sentenceStart: s[0], text: "Oceania praised Freedonia."),
        ] }
        try store.store([a, b, c], run: nil)
    }

    func eventFilters() throws {
        let store = try open()
        defer { store.close() }
        try seedQueries(store)
        func codes(_ build: (inout EventFilter) -> Void) throws -> [String] {
            var filter = EventFilter()
            build(&filter)
            return try store.events(filter).map(\.code)
        }
        XCTAssertEqual(try codes { $0.source = "FRE"; $0.target = "SYL" }, ["163", "1711"])
        XCTAssertEqual(try codes { $0.source = "fregov" }, ["163"], "full code, any case")
        XCTAssertEqual(try codes { $0.source = "FRE"; $0.target = "SYL"; $0.either = true }, ["163", "1711", "111", "036"])
        XCTAssertEqual(try codes { $0.source = "FRE"; $0.either = true }.count, 5)
        XCTAssertEqual(try codes { $0.code = "17" }, ["1711"])
        XCTAssertEqual(try codes { $0.code = "171" }, ["1711"])
        XCTAssertEqual(try codes { $0.code = "1711" }, ["1711"])
        XCTAssertEqual(try codes { $0.quad = 4 }, ["163", "1711"])
        XCTAssertEqual(try codes { $0.since = "2024-03-10"; $0.until = "2024-03" }, ["111", "036"])
        XCTAssertEqual(try codes { $0.text = "diplomats expelled" }, ["1711"])
        XCTAssertEqual(try codes { $0.text = "sanction" }, ["163"], "stemmed like the word in the text")
        XCTAssertEqual(try codes { $0.text = "\" OR 1=1 --" }, [], "query syntax is words, never SQL or FTS syntax")
        XCTAssertEqual(try codes { $0.source = "FRE' OR '1'='1" }, [])
        XCTAssertEqual(try codes { $0.limit = 2 }.count, 2)
        XCTAssertThrowsError(try codes { $0.code = "1; DROP TABLE events" })
        // Read a page at a time, the answer is the same, in the same order, within the limit.
        let all = try store.events(EventFilter()).map(\.id)
        var paged: [Int64] = []
        try store.forEachEvent(matching: EventFilter(), pageSize: 2) { paged.append($0.id) }
        XCTAssertEqual(paged, all)
        var limited = EventFilter()
        limited.limit = 3
        paged = []
        try store.forEachEvent(matching: limited, pageSize: 2) { paged.append($0.id) }
        XCTAssertEqual(paged, Array(all.prefix(3)))
        // Dated by its year only ("in 2024"): in any bound within 2024.
        let d = Fixture.article("d1", ["Oceania hosted Sylvania."], date: nil) { s in [
            Fixture.event(doc: "d1", source: "OCE", target: "SYL", code: "043", date: "2024", sentenceStart: s[0], text: "Oceania hosted Sylvania."),
        ] }
        try store.store([d], run: nil)
        // Partial dates compare by their period: "2024" reaches into June and starts before it.
        XCTAssertEqual(try codes { $0.since = "2024-06-01"; $0.source = "OCE" }, ["043"])
        XCTAssertEqual(Set(try codes { $0.until = "2024-06-01"; $0.source = "OCE" }), ["051", "043"])
        XCTAssertEqual(try codes { $0.until = "2023-12-31"; $0.source = "OCE" }, [])
        XCTAssertEqual(try codes { $0.since = "2025-01-01"; $0.source = "OCE" }, [])
    }

    func relationsBothDirections() throws {
        let store = try open()
        defer { store.close() }
        try seedQueries(store)
        let months = try store.relations("FRE", "SYL", by: .month)
        XCTAssertEqual(months.map(\.direction), ["FRE>SYL", "SYL>FRE"])
        XCTAssertEqual(months[0].period, "2024-03")
        XCTAssertEqual(months[0].quad, [0, 0, 0, 2])
        XCTAssertEqual(months[0].goldsteinSum, CAMEOEventTable.standard["163"]!.goldstein + CAMEOEventTable.standard["1711"]!.goldstein, accuracy: 0.01)
        XCTAssertEqual(months[1].quad, [1, 0, 1, 0])
        XCTAssertEqual(Set(months[1].topCodes.map(\.code)), ["111", "036"])
        let weeks = try store.relations("FRE", "SYL", by: .week)
        XCTAssertEqual(weeks.map(\.period), ["2024-03-04", "2024-03-11"], "weeks start on Monday")
        XCTAssertEqual(try store.relations("FRE", "SYL", by: .day).map(\.period), ["2024-03-04", "2024-03-12"])
    }

    func actorsSourcesAndSearch() throws {
        let store = try open()
        defer { store.close() }
        try seedQueries(store)
        let actors = try store.actors()
        XCTAssertEqual(actors.first?.code, "FRE")
        XCTAssertTrue(actors.contains { $0.code == "OCE" && $0.mentions == 1 })
        // An actor is named as the lexicon names it, even when words found by context ("both
        // governments") are more frequent or come later in the alphabet.
        let named = Fixture.article("n1", ["Quendia praised both governments twice and Quendia again."], date: "2024-05-01") { s in
            var first = Fixture.event(doc: "n1", source: "ZZQ", target: "ZZGOV", code: "051", sentenceStart: s[0])
            first.target = EventActor(code: "ZZGOV", country: "ZZ", text: "both governments", start: s[0] + 16, end: s[0] + 32,
                                      resolution: .context, name: "governments")
            var second = first
            second.code = "052"
            second.target = EventActor(code: "ZZGOV", country: "ZZ", text: "governments", start: s[0] + 21, end: s[0] + 32,
                                       resolution: .context, name: "governments")
            var third = first
            third.code = "053"
            third.target = EventActor(code: "ZZGOV", country: "ZZ", text: "Quendia", start: s[0] + 48, end: s[0] + 55,
                                      resolution: .title, name: "Quendia")
            return [first, second, third]
        }
        try store.store([named], run: nil)
        XCTAssertEqual(try store.actors(limit: 100).first { $0.code == "ZZGOV" }?.name, "Quendia")
        let sources = try store.sources()
        XCTAssertEqual(Set(sources.map(\.source)), ["Daily Planet", "bugle.example", ""])
        XCTAssertEqual(sources.first { $0.source == "Daily Planet" }?.mentions, 2)
        let found = try store.searchArticles("diplomats")
        XCTAssertEqual(found.map(\.document), ["a1"])
        XCTAssertTrue(found[0].snippet.contains("diplomats"))
        XCTAssertEqual(try store.searchArticles("talks").map(\.document), ["b1"], "titles are searched too")
        XCTAssertEqual(try store.searchArticles("\"(*").count, 0)
    }

    // MARK: Export

    func gdeltExports() throws {
        let store = try open()
        defer { store.close() }
        try seedQueries(store)
        let writer = GDELTEventWriter(countryCodes: ["FRE", "SYL", "OCE"], knownGroupCodes: [], typeCodes: ["GOV"])
        var rows: [[String]] = []
        try store.forEachEvent { rows.append(EventStore.gdeltEventRow($0, writer: writer).components(separatedBy: "\t")) }
        XCTAssertEqual(rows.count, 5)
        for row in rows {
            XCTAssertEqual(row.count, 61)
            let type = try XCTUnwrap(CAMEOEventTable.standard[row[26]])
            XCTAssertEqual(row[27], String(row[26].prefix(3)))
            XCTAssertEqual(row[28], String(row[26].prefix(2)))
            XCTAssertEqual(row[29], String(type.quadClass))
            XCTAssertEqual(Double(row[30]), type.goldstein)
            XCTAssertEqual(row[1].count, 8)
            XCTAssertEqual(row[59].count, 14)
        }
        let expelled = try XCTUnwrap(rows.first { $0[26] == "1711" })
        XCTAssertEqual(expelled[5], "FRE")
        XCTAssertEqual(expelled[15], "SYLGOV")
        XCTAssertEqual(expelled[17], "SYL")
        XCTAssertEqual(expelled[22], "GOV")
        XCTAssertEqual(expelled[4], "2024.1753", "FractionDate as real files compute it")
        var mentions: [[String]] = []
        try store.forEachMention { mentions.append(EventStore.gdeltMentionRow($0).components(separatedBy: "\t")) }
        XCTAssertEqual(mentions.count, 5)
        XCTAssertTrue(mentions.allSatisfy { $0.count == 16 })
        XCTAssertEqual(Set(mentions.map { $0[0] }), Set(rows.map { $0[0] }), "mentions point at exported events")
        var gkg: [[String]] = []
        try store.forEachGKGRow { gkg.append($0.components(separatedBy: "\t")) }
        XCTAssertEqual(gkg.count, 3)
        XCTAssertTrue(gkg.allSatisfy { $0.count == 27 })
        XCTAssertEqual(gkg.first?[26], "<PAGE_TITLE>Sanctions on Sylvania</PAGE_TITLE>")
    }

    // MARK: Schema

    /// A store at schema 1 is migrated on open, and text search covers what it held.
    func olderSchemaIsMigrated() throws {
        let location = try StoreFixture.location(dialect)
        let old = try EventStore(location, schemaVersion: 1)
        XCTAssertEqual(try old.schemaVersion(), 1)
        try old.backend.transaction { db in
            try db.execute("INSERT INTO articles (content_hash, doc_id, source, text, length, sentence_count, lead_end, added) VALUES ('h', 'old', '', 'An older article about diplomats.', 33, 1, 0, '')")
        }
        old.close()
        let store = try EventStore(location)
        defer { store.close() }
        XCTAssertEqual(try store.schemaVersion(), EventStore.currentSchemaVersion)
        XCTAssertEqual(try store.searchArticles("diplomats").map(\.document), ["old"])
    }

    func newerSchemaIsRefused() throws {
        let location = try StoreFixture.location(dialect)
        let store = try EventStore(location)
        try store.backend.transaction { try $0.execute("UPDATE dyad_schema SET version = 99") }
        store.close()
        XCTAssertThrowsError(try EventStore(location)) { error in
            XCTAssertEqual((error as? StoreError)?.kind, .newerSchema)
            XCTAssertTrue("\(error)".contains("newer"))
        }
    }
}
