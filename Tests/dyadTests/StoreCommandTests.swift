import Foundation
import XCTest

/// `dyad ingest`, the query commands and `dyad export` as a user runs them, on a SQLite store
/// in a temporary folder and text written for the test.
final class StoreCommandTests: XCTestCase {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// A dyad process in `folder`, not started, its output thrown away unless the caller says
    /// otherwise.
    func process(_ arguments: [String], in folder: URL) -> Process {
        let process = Process()
        process.executableURL = CommandLineTests.dyadURL
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["DYAD_CACHE_DIR"] = DyadProcessTestCase.lexiconCacheFolder.path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        return process
    }

    func dyad(_ arguments: [String], in folder: URL) throws -> Run {
        let process = self.process(arguments, in: folder)
        let outURL = folder.appendingPathComponent("out-\(UUID().uuidString)")
        let errURL = folder.appendingPathComponent("err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Run(status: process.terminationStatus,
                   stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                   stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    func testIngestQueryAndExport() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dyad-store-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let feed = """
            {"id":"t1","date":"2024-03-04","source":"Test Wire","text":"Russia condemned the United States on Monday. The United States imposed sanctions on Russia."}
            {"id":"t2","date":"2024-03-04","source":"Other Wire","text":"Russia condemned the United States over the new measures."}
            """
        try feed.write(to: folder.appendingPathComponent("feed.jsonl"), atomically: true, encoding: .utf8)
        let first = try dyad(["ingest", "feed.jsonl"], in: folder)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stderr.contains("2 stored, 0 skipped"), first.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("dyad.db").path), "--db defaults to dyad.db")
        let second = try dyad(["ingest", "feed.jsonl"], in: folder)
        XCTAssertTrue(second.stderr.contains("0 stored, 2 skipped"), second.stderr)

        let events = try dyad(["events", "--source", "RUS", "--target", "USA", "--format", "jsonl"], in: folder)
        XCTAssertEqual(events.status, 0, events.stderr)
        XCTAssertTrue(events.stdout.contains("\"num_articles\":2"), events.stdout)
        let relations = try dyad(["relations", "USA", "RUS", "--by", "day", "--format", "csv"], in: folder)
        XCTAssertTrue(relations.stdout.hasPrefix("day,direction,events"), relations.stdout)
        XCTAssertTrue(relations.stdout.contains("2024-03-04"), relations.stdout)

        let export = try dyad(["export", "--gdelt", "events"], in: folder)
        XCTAssertEqual(export.status, 0, export.stderr)
        let rows = export.stdout.split(separator: "\n")
        XCTAssertFalse(rows.isEmpty)
        XCTAssertTrue(rows.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 61 })
    }

    /// A feed of `count` short articles written for the test, in three outlets.
    func writeFeed(_ count: Int, in folder: URL) throws {
        let lines = (0..<count).map { index in
            let day = String(format: "%02d", 1 + index % 28)
            return #"{"id":"k\#(index)","date":"2024-03-\#(day)","source":"Wire \#(index % 3)","text":"Russia condemned Ukraine over attack number \#(index). Police in Kyiv arrested \#(index % 7 + 2) protesters on Monday."}"#
        }
        try lines.joined(separator: "\n").write(to: folder.appendingPathComponent("feed.jsonl"), atomically: true, encoding: .utf8)
    }

    /// What a store holds, without the columns that depend on when it was written: its events
    /// (sorted CSV rows less id and date_added) and its articles per outlet.
    func contents(of store: String, in folder: URL) throws -> [String] {
        let events = try dyad(["events", "--db", store, "--format", "csv"], in: folder)
        XCTAssertEqual(events.status, 0, events.stderr)
        // The id is the first field and date_added the last; neither holds a comma.
        let rows = events.stdout.split(separator: "\n").dropFirst().map { line -> String in
            guard let first = line.firstIndex(of: ","), let last = line.lastIndex(of: ","), first < last else { return String(line) }
            return String(line[line.index(after: first)..<last])
        }
        let sources = try dyad(["sources", "--db", store, "--format", "csv"], in: folder)
        XCTAssertEqual(sources.status, 0, sources.stderr)
        return rows.sorted() + sources.stdout.split(separator: "\n").map(String.init)
    }

    /// kill -9 in the middle of an ingest, then the same ingest again: the store holds exactly
    /// what one clean run stores (a batch is a transaction; articles stored before are skipped).
    func testKilledIngestThenRerunEqualsACleanRun() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dyad-store-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try writeFeed(300, in: folder)
        let started = Date()
        let clean = try dyad(["ingest", "feed.jsonl", "--db", "clean.db", "--batch", "10"], in: folder)
        XCTAssertEqual(clean.status, 0, clean.stderr)
        let cleanSeconds = Date().timeIntervalSince(started)

        let process = self.process(["ingest", "feed.jsonl", "--db", "killed.db", "--batch", "10", "--quiet"], in: folder)
        try process.run()
        Thread.sleep(forTimeInterval: cleanSeconds * 0.7)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal, "the ingest was killed while it ran")
        let rerun = try dyad(["ingest", "feed.jsonl", "--db", "killed.db", "--batch", "10"], in: folder)
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        XCTAssertEqual(try contents(of: "killed.db", in: folder), try contents(of: "clean.db", in: folder))
    }

    /// Three ingests of one feed into one store at once: one copy of each article and event.
    func testConcurrentIngestsStoreOneCopy() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dyad-store-concurrent-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try writeFeed(120, in: folder)
        let clean = try dyad(["ingest", "feed.jsonl", "--db", "clean.db", "--batch", "10"], in: folder)
        XCTAssertEqual(clean.status, 0, clean.stderr)
        let runs = (0..<3).map { _ in self.process(["ingest", "feed.jsonl", "--db", "shared.db", "--batch", "10", "--quiet"], in: folder) }
        for process in runs { try process.run() }
        for process in runs { process.waitUntilExit() }
        XCTAssertEqual(runs.map(\.terminationStatus), [0, 0, 0])
        XCTAssertEqual(try contents(of: "shared.db", in: folder), try contents(of: "clean.db", in: folder))
    }

    /// The store's GDELT export is what `code --format gdelt` writes for the same input, column by
    /// column, geography included; only the store's own GlobalEventID and DATEADDED differ.
    func testStoreExportEqualsCodeColumnByColumn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dyad-store-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let feed = """
            {"id":"t1","date":"2024-03-04","source":"Test Wire","url":"https://example.org/t1","text":"Russia condemned the United States in Moscow on Monday. Turkish police arrested three journalists in Ankara."}
            {"id":"t2","date":"2024-03-05","source":"Other Wire","url":"https://example.org/t2","text":"Kenyan troops attacked rebels near Mogadishu on Tuesday."}
            """
        try feed.write(to: folder.appendingPathComponent("feed.jsonl"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try dyad(["ingest", "feed.jsonl"], in: folder).status, 0)
        let exported = try dyad(["export", "--gdelt", "events"], in: folder)
        let coded = try dyad(["code", "--format", "gdelt", "feed.jsonl"], in: folder)
        XCTAssertEqual(exported.status, 0, exported.stderr)
        XCTAssertEqual(coded.status, 0, coded.stderr)
        let rows = { (text: String) in text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) } }
        let store = rows(exported.stdout), direct = rows(coded.stdout)
        XCTAssertEqual(store.count, 3)
        XCTAssertEqual(store.count, direct.count)
        for (a, b) in zip(store, direct) {
            XCTAssertEqual(a.count, 61)
            for column in 0..<min(a.count, b.count) where column != 0 && column != 59 {
                XCTAssertEqual(a[column], b[column], "column \(column + 1) of \(b[0])")
            }
            XCTAssertFalse(a[52].isEmpty, "ActionGeo_FullName is filled")
        }
    }

    func testBadStoresExitWithTwo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dyad-store-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = try dyad(["events", "--db", "none.db"], in: folder)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("no store"), missing.stderr)
        try Data(repeating: 0x42, count: 4096).write(to: folder.appendingPathComponent("junk.db"))
        let junk = try dyad(["actors", "--db", "junk.db"], in: folder)
        XCTAssertEqual(junk.status, 2)
        XCTAssertTrue(junk.stderr.contains("not a SQLite database or is corrupt"), junk.stderr)
    }
}
