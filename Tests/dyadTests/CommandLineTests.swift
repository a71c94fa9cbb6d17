import Foundation
import XCTest

/// Runs the built `dyad` binary as a user would: the helpers the command tests share.
class DyadProcessTestCase: XCTestCase {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `dyad` executable next to the test bundle in the build folder.
    static var dyadURL: URL {
        let folder = Bundle.main.executableURL?.deletingLastPathComponent()
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var candidate = folder.appendingPathComponent("dyad")
        if !FileManager.default.fileExists(atPath: candidate.path) {
            // On some layouts the xctest bundle sits one folder deeper.
            candidate = folder.deletingLastPathComponent().appendingPathComponent("dyad")
        }
        return candidate
    }

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The lexicon cache of every run the tests make (`$DYAD_CACHE_DIR`), so that they write
    /// nothing into the user's own cache.
    static let lexiconCacheFolder = FileManager.default.temporaryDirectory.appendingPathComponent("dyad-test-cache-\(UUID().uuidString)")

    override class func tearDown() {
        try? FileManager.default.removeItem(at: lexiconCacheFolder)
        super.tearDown()
    }

    func dyad(_ arguments: [String], stdin: Data? = nil) throws -> Run {
        try run(Self.dyadURL, arguments, stdin: stdin ?? Data())
    }

    /// Runs a shell script with `$DYAD` set to the binary, in the package root: for redirections
    /// the tests cannot make with pipes.
    func dyadShell(_ script: String) throws -> Run {
        try run(URL(fileURLWithPath: "/bin/sh"), ["-c", script], environment: ["DYAD": Self.dyadURL.path])
    }

    /// Runs a program in the package root with the tests' lexicon cache. Output goes to files,
    /// not pipes, so a large output can never block the child.
    private func run(_ executable: URL, _ arguments: [String], environment extra: [String: String] = [:],
                     stdin: Data? = nil) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DYAD_CACHE_DIR"] = Self.lexiconCacheFolder.path
        environment.merge(extra) { _, new in new }
        process.environment = environment
        process.currentDirectoryURL = Self.packageRoot
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dyad-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("stdout"), errURL = folder.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        if let stdin {
            let inURL = folder.appendingPathComponent("stdin")
            FileManager.default.createFile(atPath: inURL.path, contents: stdin)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        }
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Run(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        )
    }

    func temporaryFile(_ name: String, _ data: Data) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dyad-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

}

/// Input handling, exit codes and help of every command.
final class CommandLineTests: DyadProcessTestCase {
    func testVersionDateAndOneErrorPrefix() throws {
        XCTAssertTrue(try dyad(["--version"]).stdout.hasPrefix("dyad "))
        var run = try dyad(["code", "--bogus"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasPrefix("dyad: error: Unknown option"), run.stderr)
        run = try dyad(["code", "--date", "2025-02-30", "-"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("--date must be a day"), run.stderr)
        // Plain text has no date of its own: --date gives it one, and "on Friday" resolves.
        run = try dyad(["code", "--format", "tsv", "--date", "2025-03-30", "-"],
                       stdin: Data("Police in Nairobi arrested three journalists on Friday.".utf8))
        XCTAssertEqual(run.status, 0)
        XCTAssertTrue(run.stdout.contains("2025-03-28"), run.stdout)
    }

    /// Output that cannot be written is an error (exit 3), never a success; a standard error
    /// that cannot be written is no reason to crash; a reader that has gone ends the run early.
    func testFailedWritesAreReportedAndNeverCrash() throws {
        var run = try dyadShell("\"$DYAD\" code examples/news.txt > /dev/full")
        XCTAssertEqual(run.status, 3)
        XCTAssertTrue(run.stderr.contains("cannot write standard output"), run.stderr)
        run = try dyadShell("\"$DYAD\" code examples/news.txt > /dev/null 2>&-; echo status $?")
        XCTAssertEqual(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "status 0")
        // A full standard error loses no event: the count matches a run that can write it.
        run = try dyadShell("\"$DYAD\" code examples/news.txt 2>/dev/full | wc -l")
        XCTAssertEqual(run.status, 0)
        let written = try dyadShell("\"$DYAD\" code examples/news.txt 2>/dev/null | wc -l")
        let events = Int(written.stdout.trimmingCharacters(in: .whitespaces.union(.newlines))) ?? 0
        XCTAssertGreaterThan(events, 5)
        XCTAssertEqual(Int(run.stdout.trimmingCharacters(in: .whitespaces.union(.newlines))), events)
        run = try dyadShell("\"$DYAD\" code --format tsv examples/news.txt | head -1")
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.stdout.split(separator: "\n").count, 1)
    }

    /// TSV names each event and where it happened, as GDELT's columns do.
    func testTSVHasEventNameAndPlace() throws {
        let run = try dyad(["code", "--format", "tsv", "-"],
                           stdin: Data("Foreign ministers from Norway and Finland met in Oslo on Tuesday.".utf8))
        XCTAssertEqual(run.status, 0, run.stderr)
        let rows = run.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        let header = try XCTUnwrap(rows.first)
        let row = try XCTUnwrap(rows.dropFirst().first)
        XCTAssertEqual(row.count, header.count)
        func column(_ name: String) -> String? { header.firstIndex(of: name).map { row[$0] } }
        XCTAssertEqual(column("cameo"), "040")
        XCTAssertEqual(column("event_name"), "Consult, not specified below")
        XCTAssertEqual(column("place"), "Oslo, Norway")
    }

    /// Bad arguments say what is wrong and what is accepted, before any work.
    func testArgumentMessagesSayWhatIsAccepted() throws {
        var run = try dyad(["code", "--threads", "-1", "examples/news.txt"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("--threads must be at least 1"), run.stderr)
        for bad in ["2017-13-45", "yesterday", "2017-02-30"] {
            run = try dyad(["events", "--since", bad, "--db", "/nonexistent/store.sqlite"])
            XCTAssertEqual(run.status, 1, bad)
            XCTAssertTrue(run.stderr.contains("--since takes a day as YYYY-MM-DD"), run.stderr)
        }
        run = try dyad(["relations", "USA", "RUS", "--until", "2017-02"])
        XCTAssertTrue(run.stderr.contains("--until takes a day as YYYY-MM-DD, not '2017-02'"), run.stderr)
        run = try dyad(["code", "--dictionaries", "/nonexistent", "examples/news.txt"])
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.stderr.contains("--dictionaries /nonexistent: no such folder"), run.stderr)
        XCTAssertFalse(run.stderr.contains("NSCocoaErrorDomain"), run.stderr)
    }

    func testSplitCutsTheBundledExampleIntoItsFourArticles() throws {
        let run = try dyad(["split", "examples/news.txt"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let articles = try jsonLines(run.stdout)
        XCTAssertEqual(articles.count, 4)
        XCTAssertEqual((articles.first?["text"] as? String)?.hasPrefix("Foreign ministers from Norway"), true)
        XCTAssertEqual((articles[safe: 1]?["text"] as? String)?.hasPrefix("A cargo ship"), true)
        XCTAssertEqual(articles[safe: 2]?["dateline"] as? String, "GENEVA (Dyad Wire)")
        XCTAssertEqual((articles[safe: 2]?["text"] as? String)?.hasPrefix("Negotiators"), true)
        XCTAssertEqual(articles[safe: 3]?["kicker"] as? String, "PROTESTS")
        XCTAssertEqual((articles[safe: 3]?["text"] as? String)?.hasPrefix("Police in Nairobi"), true)
    }

    func testBinaryInputIsRefusedNamingTheFile() throws {
        let path = try temporaryFile("image.bin", Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01, 0x02]))
        let run = try dyad(["split", path])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("image.bin"), run.stderr)
        XCTAssertTrue(run.stderr.lowercased().contains("binary"), run.stderr)
    }

    func testBadJSONLineIsReportedWithItsLineWhileOthersGoOn() throws {
        let lines = [
            #"{"id":"a","text":"The council met on Monday."}"#,
            #"{"id":"b","text": this is not json"#,
            #"{"id":"c","text":"The mayor resigned."}"#,
        ]
        let path = try temporaryFile("feed.jsonl", Data(lines.joined(separator: "\n").utf8))
        let run = try dyad(["split", path])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains(":2"), run.stderr)
        let ids = try jsonLines(run.stdout).compactMap { $0["id"] as? String }
        XCTAssertEqual(ids, ["a", "c"])
    }

    func testStrictStopsAtTheFirstBadLine() throws {
        let lines = [#"{"id":"a","text":"One."}"#, "{oops", #"{"id":"c","text":"Three."}"#]
        let path = try temporaryFile("feed.jsonl", Data(lines.joined(separator: "\n").utf8))
        let run = try dyad(["split", "--strict", path])
        XCTAssertEqual(run.status, 2)
        XCTAssertFalse(run.stdout.contains("\"c\""))
    }

    func testStrictCodingWritesTheEventsBeforeTheBadLine() throws {
        // More records than one batch, so some are still being coded when reading stops.
        var lines = (0..<600).map { #"{"id":"d\#($0)","text":"Russian troops attacked Ukrainian positions near Kharkiv."}"# }
        lines.insert("{oops", at: 400)
        let path = try temporaryFile("feed.jsonl", Data(lines.joined(separator: "\n").utf8))
        let run = try dyad(["code", "--strict", path])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains(":401"), run.stderr)
        let docs = Set(try jsonLines(run.stdout).compactMap { $0["doc"] as? String })
        XCTAssertEqual(docs, Set((0..<400).map { "d\($0)" }), "every record before the bad line, none after")
    }

    func testEmptyFileGetsAClearMessage() throws {
        let path = try temporaryFile("empty.txt", Data())
        let run = try dyad(["split", path])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("empty"), run.stderr)
    }

    func testInvalidUTF8IsRepairedAndCounted() throws {
        var bytes = Data("The minister visited Ankara".utf8)
        bytes.append(contentsOf: [0xFF, 0xFE])
        bytes.append(contentsOf: Data(" on Friday.\n".utf8))
        let path = try temporaryFile("latin.txt", bytes)
        let run = try dyad(["split", path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("\u{FFFD}"))
        XCTAssertTrue(run.stderr.contains("repaired"), run.stderr)
        // In a folder, the warning names the file that needed it, not the folder.
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        try Data("The minister left Ankara on Friday.\n".utf8).write(to: folder.appendingPathComponent("clean.txt"))
        let inFolder = try dyad(["split", folder.path])
        XCTAssertEqual(inFolder.status, 0, inFolder.stderr)
        XCTAssertTrue(inFolder.stderr.contains("\(path): repaired 2"), inFolder.stderr)
    }

    func testTwentyMegabyteSingleLineIsRead() throws {
        let sentence = "The committee reviewed the budget and the minister answered questions. "
        let line = String(repeating: sentence, count: 20_000_000 / sentence.utf8.count)
        let path = try temporaryFile("long.txt", Data(line.utf8))
        let run = try dyad(["split", "--no-segment", path])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try jsonLines(run.stdout).count, 1)
    }

    func testUnknownOptionIsAUsageErrorWithExitOne() throws {
        let run = try dyad(["split", "--no-such-option"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("no-such-option"), run.stderr)
    }

    func testMissingFileIsAnInputError() throws {
        let run = try dyad(["split", "/nonexistent/feed.txt"])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("/nonexistent/feed.txt"), run.stderr)
    }

    func testEveryCommandHelpGivesAnExample() throws {
        for command in ["split", "tag", "bench", "train", "code", "eval", "explain", "lexicon"] {
            let run = try dyad([command, "--help"])
            XCTAssertEqual(run.status, 0, command)
            XCTAssertTrue(run.stdout.contains("Example"), "\(command) --help has no example")
        }
    }

    func testTagWritesOneCoNLLULinePerTokenWithChunks() throws {
        let run = try dyad(["tag", "-"], stdin: Data("The minister arrested three journalists on Friday.\n".utf8))
        XCTAssertEqual(run.status, 0, run.stderr)
        let rows = run.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: "\t") }
        XCTAssertEqual(rows.map { String($0[1]) }, ["The", "minister", "arrested", "three", "journalists", "on", "Friday", "."])
        XCTAssertEqual(rows[safe: 2].map { String($0[3]) }, "VERB")
        XCTAssertEqual(rows[safe: 0].map { String($0[9]) }, "Chunk=B-NP")
    }

    func testTagKeepsCoNLLUTokensAndReplacesOnlyUPOS() throws {
        let conllu = """
            # sent_id = t1
            # text = Ministers don't agree.
            1\tMinisters\tminister\tX\tNNS\t_\t4\tnsubj\t_\t_
            2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
            2\tdo\tdo\tX\tVBP\t_\t4\taux\t_\t_
            3\tn't\tnot\tX\tRB\t_\t4\tadvmod\t_\t_
            4\tagree\tagree\tX\tVB\t_\t0\troot\t_\tSpaceAfter=No
            5\t.\t.\tX\t.\t_\t4\tpunct\t_\t_


            """
        let path = try temporaryFile("in.conllu", Data(conllu.utf8))
        let run = try dyad(["tag", "--conllu", path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: true)
        XCTAssertEqual(lines.count, 8)
        XCTAssertEqual(lines[0], "# sent_id = t1")
        XCTAssertEqual(lines[3], "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_")
        let tags = lines.filter { !$0.hasPrefix("#") && !$0.hasPrefix("2-3") }.map { $0.split(separator: "\t")[3] }
        XCTAssertEqual(tags, ["NOUN", "AUX", "PART", "VERB", "PUNCT"])
        XCTAssertTrue(lines[6].hasSuffix("\tVB\t_\t0\troot\t_\tSpaceAfter=No"))
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
