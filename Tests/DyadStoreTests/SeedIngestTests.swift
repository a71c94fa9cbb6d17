import DyadCoder
import DyadLexicon
import DyadNLP
import DyadText
import Foundation
import XCTest
@testable import DyadStore

/// Real text from the project's shared folder, coded and stored twice: the second run stores
/// nothing and reports every article skipped. Skips when the seed is absent.
final class SeedIngestTests: XCTestCase {
    static let seed = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/seed/news.txt")

    func ingest(into store: EventStore) throws -> BatchOutcome {
        let pipeline = try TextPipeline(tagger: PerceptronTagger.bundled())
        let coder = EventCoder(lexicon: try Lexicon.bundled())
        var articles: [ArticleInput] = []
        for case .success(let record) in try InputReader(path: Self.seed.path) {
            let document = pipeline.document(metadata: record.metadata, text: record.text)
            articles.append(ArticleInput(document: document, events: coder.code(document)))
        }
        let run = try store.beginRun(input: Self.seed.path)
        defer { try? store.finishRun(run) }
        return try store.store(articles, run: run)
    }

    func check(_ dialect: SQLDialect) throws {
        guard FileManager.default.fileExists(atPath: Self.seed.path) else { throw XCTSkip("\(Self.seed.path) is absent") }
        let store = try StoreFixture.open(dialect)
        defer { store.close() }
        let first = try ingest(into: store)
        XCTAssertGreaterThan(first.stored, 1)
        XCTAssertGreaterThan(first.mentions, 0)
        XCTAssertEqual(first.skipped, 0)
        let totals = try store.totals()
        let second = try ingest(into: store)
        XCTAssertEqual(second.stored, 0)
        XCTAssertEqual(second.skipped, first.stored)
        XCTAssertEqual(second.mentions, 0)
        var after = try store.totals()
        after.runs -= 1
        XCTAssertEqual(after, totals, "the second run adds nothing but its run record")
        // Sentences map back to the article text.
        let row = try store.backend.read {
            try $0.query("SELECT s.text, s.start, s.stop, a.text FROM sentences s JOIN articles a ON a.id = s.article_id ORDER BY s.id LIMIT 1")
        }.first
        let text = Array(try XCTUnwrap(row).text(3).unicodeScalars)
        let sentence = String(String.UnicodeScalarView(text[row!.integer(1)..<row!.integer(2)]))
        XCTAssertEqual(sentence, row!.text(0))
    }

    func testSeedTwiceOnSQLite() throws { try check(.sqlite) }
    func testSeedTwiceOnPostgreSQL() throws { try check(.postgres) }
}
