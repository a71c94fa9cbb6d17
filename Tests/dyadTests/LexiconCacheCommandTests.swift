import Foundation
import XCTest

/// `--lexicon-cache` and `--no-lexicon-cache` as a user meets them, on dictionaries written here.
final class LexiconCacheCommandTests: DyadProcessTestCase {
    /// A dictionary folder (invented names, one mistake so that there is an issue to list) and
    /// an article to code with it.
    private func fixtures() throws -> (dictionaries: String, article: String, cache: String) {
        let actors = try temporaryFile("t.actors.txt", Data("QUENDIA [QND]\nZARBOR [ZRB]\nNOCODE\n".utf8))
        let folder = URL(fileURLWithPath: actors).deletingLastPathComponent()
        try Data("OFFICIAL [~GOV]\n".utf8).write(to: folder.appendingPathComponent("t.agents.txt"))
        try Data("--- PRAISE [051] ---\nPRAISE {PRAISED PRAISES PRAISING}\n".utf8).write(to: folder.appendingPathComponent("t.verbs.txt"))
        let article = try temporaryFile("news.txt", Data("Quendia praised Zarbor on Monday.\n".utf8))
        let cache = URL(fileURLWithPath: article).deletingLastPathComponent().appendingPathComponent("cache").path
        return (folder.path, article, cache)
    }

    func testASecondRunLoadsFromTheCacheAndCodesTheSame() throws {
        let (dictionaries, article, cache) = try fixtures()
        let arguments = ["code", "--dictionaries", dictionaries, "--lexicon-cache", cache, "--dictionary-issues", article]
        let cold = try dyad(arguments)
        XCTAssertEqual(cold.status, 0, cold.stderr)
        XCTAssertFalse(cold.stderr.contains("from cache"), cold.stderr)
        XCTAssertTrue(cold.stdout.contains("\"051\""), cold.stdout)
        let files = try FileManager.default.contentsOfDirectory(atPath: cache)
        XCTAssertEqual(files.count, 1)
        XCTAssertTrue(files.first?.hasSuffix(".dyadlex") == true, "\(files)")

        let warm = try dyad(arguments)
        XCTAssertEqual(warm.status, 0, warm.stderr)
        XCTAssertTrue(warm.stderr.contains("loaded from cache in"), warm.stderr)
        XCTAssertEqual(warm.stdout, cold.stdout)
        // The same issues listed either way.
        let issues = { (run: Run) in run.stderr.split(separator: "\n").filter { $0.contains("t.actors.txt:3") } }
        XCTAssertFalse(issues(cold).isEmpty, cold.stderr)
        XCTAssertEqual(issues(warm), issues(cold))
    }

    func testNoLexiconCacheReadsAndWritesNothing() throws {
        let (dictionaries, article, cache) = try fixtures()
        let run = try dyad(["code", "--dictionaries", dictionaries, "--no-lexicon-cache", article])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache))
        let both = try dyad(["code", "--dictionaries", dictionaries, "--no-lexicon-cache", "--lexicon-cache", cache, article])
        XCTAssertEqual(both.status, 1, both.stderr)
    }

    func testADamagedCacheFileIsReportedAndReplaced() throws {
        let (dictionaries, article, cache) = try fixtures()
        let arguments = ["code", "--dictionaries", dictionaries, "--lexicon-cache", cache, article]
        let cold = try dyad(arguments)
        let file = URL(fileURLWithPath: cache).appendingPathComponent(try XCTUnwrap(FileManager.default.contentsOfDirectory(atPath: cache).first))
        try Data("damaged".utf8).write(to: file)
        let damaged = try dyad(arguments)
        XCTAssertEqual(damaged.status, 0, damaged.stderr)
        XCTAssertTrue(damaged.stderr.contains("dyad: lexicon cache: \(file.path)"), damaged.stderr)
        XCTAssertEqual(damaged.stdout, cold.stdout)
        XCTAssertTrue(try dyad(arguments).stderr.contains("loaded from cache"))
    }

    func testACacheThatCannotBeWrittenIsReportedAndCodingGoesOn() throws {
        let (dictionaries, article, _) = try fixtures()
        let blocked = try temporaryFile("not-a-folder", Data("x".utf8))
        let run = try dyad(["code", "--dictionaries", dictionaries, "--lexicon-cache", blocked + "/dyad", article])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("dyad: lexicon cache: cannot create"), run.stderr)
        XCTAssertTrue(run.stdout.contains("\"051\""), run.stdout)
    }

    func testTheBundledLexiconIsCachedToo() throws {
        let article = try temporaryFile("news.txt", Data("Turkish police arrested three Greek journalists on Monday.\n".utf8))
        let cache = URL(fileURLWithPath: article).deletingLastPathComponent().appendingPathComponent("cache").path
        let cold = try dyad(["code", "--lexicon-cache", cache, article])
        XCTAssertEqual(cold.status, 0, cold.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cache).count, 1)
        let warm = try dyad(["code", "--lexicon-cache", cache, article])
        XCTAssertEqual(warm.stdout, cold.stdout)
        XCTAssertTrue(warm.stdout.contains("\"173\""), warm.stdout)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cache).count, 1)
        // The bundled lexicon says nothing of where it came from, cached or not.
        XCTAssertEqual(warm.stderr, cold.stderr)
    }

    func testValidateUsesTheCacheToo() throws {
        let folder = Self.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/reference/petrarch/p1-suite")
        let records = folder.appendingPathComponent("PETR.UnitTest.records.xml").path
        guard FileManager.default.fileExists(atPath: records) else { throw XCTSkip("../shared is absent") }
        let cache = try temporaryFile("placeholder", Data()) + "-cache"
        let arguments = ["validate", records, "--dictionaries", folder.path, "--lexicon-cache", cache]
        let cold = try dyad(arguments)
        let warm = try dyad(arguments)
        XCTAssertEqual(warm.status, 0, warm.stderr)
        XCTAssertTrue(warm.stderr.contains("loaded from cache"), warm.stderr)
        XCTAssertEqual(warm.stdout, cold.stdout)
    }
}
