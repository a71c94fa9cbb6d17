import DyadCore
import Foundation
import XCTest
@testable import DyadStore

/// Stores for the test cases: a fresh SQLite file, or the PostgreSQL database CI starts
/// (`DYAD_TEST_POSTGRES_URL`), emptied first. Nothing is mocked.
enum StoreFixture {
    static var postgresURL: String? {
        let url = ProcessInfo.processInfo.environment["DYAD_TEST_POSTGRES_URL"]
        return url?.isEmpty == false ? url : nil
    }

    static func temporaryPath(_ name: String = "store.db") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dyad-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(name).path
    }

    static func location(_ dialect: SQLDialect) throws -> StoreLocation {
        switch dialect {
        case .sqlite:
            return .sqlite(path: try temporaryPath())
        case .postgres:
            guard let url = postgresURL else { throw XCTSkip("DYAD_TEST_POSTGRES_URL is not set; PostgreSQL cases skipped") }
            try emptyPostgres(url)
            return .postgres(url: url)
        }
    }

    /// Drops every table of the test database, so each case starts from nothing.
    static func emptyPostgres(_ url: String) throws {
        #if !PostgreSQL
        throw XCTSkip("built without the PostgreSQL trait; PostgreSQL cases skipped")
        #else
        let backend = try PostgresBackend(url: url)
        defer { backend.close() }
        try backend.transaction { db in
            try db.execute("DROP SCHEMA IF EXISTS public CASCADE")
            try db.execute("CREATE SCHEMA public")
        }
        #endif
    }

    static func open(_ dialect: SQLDialect) throws -> EventStore {
        try EventStore(try location(dialect))
    }
}

/// Events and articles written for the tests.
enum Fixture {
    static func actor(_ code: String, _ text: String, at start: Int = 0) -> EventActor {
        let country = code.count >= 3 ? String(code.prefix(3)) : nil
        return EventActor(code: code, country: country, text: text, start: start, end: start + text.count,
                          resolution: .dictionary, name: text)
    }

    static func event(doc: String, sentence: Int = 0, source: String?, target: String?, code: String,
                      date: String? = nil, sentenceStart: Int = 0, text: String = "") -> Event {
        let type = CAMEOEventTable.standard[code]
        let src = source.map { actor($0, $0.lowercased(), at: sentenceStart) }
        let tgt = target.map { actor($0, $0.lowercased(), at: sentenceStart + 10) }
        return Event(
            id: Event.stableID(document: doc, sentence: sentence, source: source, target: target, code: code, trigger: sentenceStart),
            document: doc, sentence: sentence, source: src, target: tgt, code: code,
            quadClass: type?.quadClass ?? 0, goldstein: type?.goldstein ?? 0, ploverCategory: type?.ploverCategory ?? "",
            ploverMode: "", negated: false, modality: .asserted, date: date, sentenceText: text,
            sentenceSpan: TextSpan(start: sentenceStart, end: sentenceStart + text.count, text: text),
            trigger: TextSpan(start: sentenceStart + 5, end: sentenceStart + 9, text: "verb"), rule: "test:1",
            pattern: "test", confidence: 0.8
        )
    }

    /// An article of the given sentences: the first `leadSentences` make the first paragraph,
    /// then one paragraph a sentence.
    static func article(_ id: String, _ sentences: [String], date: String?, source: String? = nil, url: String? = nil,
                        title: String? = nil, leadSentences: Int = 1, events: (_ starts: [Int]) -> [Event]) -> ArticleInput {
        var text = ""
        var stored: [TextSpan] = []
        for (index, sentence) in sentences.enumerated() {
            if !text.isEmpty { text += index < leadSentences ? " " : "\n" }
            let start = text.unicodeScalars.count
            text += sentence
            stored.append(TextSpan(start: start, end: start + sentence.unicodeScalars.count, text: sentence))
        }
        return ArticleInput(
            metadata: DocumentMetadata(id: id, title: title, url: url, source: source, date: date),
            text: text, sentences: stored, events: events(stored.map(\.start))
        )
    }
}
