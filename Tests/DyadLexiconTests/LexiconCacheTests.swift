@testable import DyadLexicon
import Foundation
import XCTest

/// The lexicon cache on dictionaries written to a temporary folder.
final class LexiconCacheTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("dyad-cache-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        // A test may have made a folder read-only; make it writable again to remove it.
        if let paths = FileManager.default.enumerator(atPath: folder.path) {
            for case let path as String in paths {
                try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.appendingPathComponent(path).path)
            }
        }
        try FileManager.default.removeItem(at: folder)
    }

    /// The test dictionaries written as files, in the order `load(urls:)` is given them.
    private func dictionaryFiles() throws -> [(URL, PetrarchFileKind)] {
        let dictionaries = folder.appendingPathComponent("dictionaries")
        try FileManager.default.createDirectory(at: dictionaries, withIntermediateDirectories: true)
        return try snapshotTestDictionaries.map { file in
            let url = dictionaries.appendingPathComponent(file.name)
            try file.data.write(to: url)
            return (url, file.kind)
        }
    }

    private func cacheFiles(_ cache: LexiconCache) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: cache.directory.path)) ?? []).sorted()
    }

    func testAMissWritesASnapshotAndAHitReadsIt() throws {
        let urls = try dictionaryFiles()
        let cache = LexiconCache(directory: folder.appendingPathComponent("cache/dyad"))
        let built = try PetrarchDictionaries.load(urls: urls, cache: cache)
        XCTAssertFalse(built.fromCache)
        XCTAssertEqual(built.cacheNotes, [])
        let key = LexiconCache.key(for: snapshotTestDictionaries)
        XCTAssertEqual(cacheFiles(cache), [cache.fileURL(for: key).lastPathComponent], "one snapshot, no temporary file left")
        XCTAssertTrue(cache.fileURL(for: key).lastPathComponent.hasPrefix("lexicon-"))
        XCTAssertEqual(cache.fileURL(for: key).lastPathComponent.count, "lexicon-".count + 16 + ".dyadlex".count)

        let cached = try PetrarchDictionaries.load(urls: urls, cache: cache)
        XCTAssertTrue(cached.fromCache)
        XCTAssertEqual(cached.cacheNotes, [])
        assertSameLexicon(cached.lexicon, built.lexicon)
        // Without a cache nothing is read or written.
        XCTAssertFalse(try PetrarchDictionaries.load(urls: urls, cache: nil).fromCache)
    }

    func testTheFolderKeepsTheMostRecentlyUsedSnapshots() throws {
        let urls = try dictionaryFiles()
        let cache = LexiconCache(directory: folder.appendingPathComponent("pruned"))
        let loaded = try PetrarchDictionaries.load(urls: urls, cache: cache)
        let key = LexiconCache.key(for: snapshotTestDictionaries)
        // Older snapshots of other keys, and a file that is not a snapshot.
        let old = (1...LexiconCache.keptSnapshots + 2).map { cache.fileURL(for: UInt64($0)) }
        for (age, url) in old.enumerated() {
            try Data("x".utf8).write(to: url)
            let seconds = Date().addingTimeInterval(-Double(1000 + age)).timeIntervalSince1970
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: seconds)], ofItemAtPath: url.path)
        }
        try Data("keep".utf8).write(to: cache.directory.appendingPathComponent("notes.txt"))
        // A hit renews the snapshot it read, so pruning keeps it even if it was written long ago.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 0)], ofItemAtPath: cache.fileURL(for: key).path)
        XCTAssertTrue(try PetrarchDictionaries.load(urls: urls, cache: cache).fromCache)
        try cache.store(loaded.lexicon, key: 999)
        let left = Set(cacheFiles(cache))
        XCTAssertEqual(left.filter { $0.hasSuffix(".dyadlex") }.count, LexiconCache.keptSnapshots)
        XCTAssertTrue(left.contains(cache.fileURL(for: key).lastPathComponent))
        XCTAssertTrue(left.contains(cache.fileURL(for: 999).lastPathComponent))
        XCTAssertTrue(left.contains("notes.txt"))
        // The oldest go first.
        XCTAssertFalse(left.contains(old.last!.lastPathComponent))
        XCTAssertTrue(left.contains(old.first!.lastPathComponent))
    }

    func testChangedBytesNamesOrKindsMissTheCache() throws {
        let urls = try dictionaryFiles()
        let cache = LexiconCache(directory: folder.appendingPathComponent("cache"))
        _ = try PetrarchDictionaries.load(urls: urls, cache: cache)
        // One code's case changed: another dictionary, another key.
        let actors = urls[0].0
        let text = try String(contentsOf: actors, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "[ZRB]", with: "[zrb]").utf8).write(to: actors)
        let changed = try PetrarchDictionaries.load(urls: urls, cache: cache)
        XCTAssertFalse(changed.fromCache)
        XCTAssertTrue(changed.lexicon.issues.contains { $0.message.contains("not upper case") })
        XCTAssertEqual(cacheFiles(cache).count, 2)
        XCTAssertTrue(try PetrarchDictionaries.load(urls: urls, cache: cache).fromCache)

        var files = snapshotTestDictionaries
        let key = LexiconCache.key(for: files)
        files[0].name = "u.actors.txt"
        XCTAssertNotEqual(LexiconCache.key(for: files), key, "file names are in every rule")
        files = snapshotTestDictionaries
        files[3].kind = .verbs
        XCTAssertNotEqual(LexiconCache.key(for: files), key)
        XCTAssertNotEqual(LexiconCache.key(for: Array(snapshotTestDictionaries.reversed())), key)
        XCTAssertEqual(LexiconCache.key(for: snapshotTestDictionaries), key)
    }

    func testACacheThatCannotBeWrittenStillLoads() throws {
        let urls = try dictionaryFiles()
        // A file where the folder should be: no one, root included, can make the folder.
        let blocked = folder.appendingPathComponent("blocked")
        try Data("x".utf8).write(to: blocked)
        let loaded = try PetrarchDictionaries.load(urls: urls, cache: LexiconCache(directory: blocked.appendingPathComponent("dyad")))
        XCTAssertFalse(loaded.fromCache)
        XCTAssertFalse(loaded.lexicon.actors.isEmpty)
        XCTAssertEqual(loaded.cacheNotes.count, 1)
        XCTAssertTrue(loaded.cacheNotes.first?.contains("cannot create") == true, "\(loaded.cacheNotes)")

        // A read-only folder (which root may write all the same).
        let readOnly = folder.appendingPathComponent("read-only")
        try FileManager.default.createDirectory(at: readOnly, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: readOnly.path)
        let again = try PetrarchDictionaries.load(urls: urls, cache: LexiconCache(directory: readOnly))
        XCTAssertFalse(again.lexicon.actors.isEmpty)
        if !again.cacheNotes.isEmpty {
            XCTAssertTrue(again.cacheNotes[0].contains("cannot write"), "\(again.cacheNotes)")
            XCTAssertEqual(cacheFiles(LexiconCache(directory: readOnly)), [], "no temporary file left")
        }
    }

    func testADamagedSnapshotIsRebuiltAndReplaced() throws {
        let urls = try dictionaryFiles()
        let cache = LexiconCache(directory: folder.appendingPathComponent("cache"))
        let built = try PetrarchDictionaries.load(urls: urls, cache: cache)
        let file = cache.fileURL(for: LexiconCache.key(for: snapshotTestDictionaries))
        let bytes = try Data(contentsOf: file)
        for damage in [bytes.prefix(bytes.count / 2), Data("garbage".utf8), Data()] {
            try damage.write(to: file)
            let rebuilt = try PetrarchDictionaries.load(urls: urls, cache: cache)
            XCTAssertFalse(rebuilt.fromCache)
            XCTAssertEqual(rebuilt.cacheNotes.count, 1)
            XCTAssertTrue(rebuilt.cacheNotes.first?.contains(file.path) == true, "\(rebuilt.cacheNotes)")
            assertSameLexicon(rebuilt.lexicon, built.lexicon)
            XCTAssertEqual(try Data(contentsOf: file), bytes, "the damaged file is replaced")
            XCTAssertTrue(try PetrarchDictionaries.load(urls: urls, cache: cache).fromCache)
        }
    }

    func testALexiconInDyadsFormatIsCachedToo() throws {
        let lexiconFolder = folder.appendingPathComponent("lexicon")
        try FileManager.default.createDirectory(at: lexiconFolder, withIntermediateDirectories: true)
        for (name, text) in testFiles { try Data(text.utf8).write(to: lexiconFolder.appendingPathComponent(name)) }
        let cache = LexiconCache(directory: folder.appendingPathComponent("cache"))
        let built = try Lexicon.load(folder: lexiconFolder, cache: cache)
        XCTAssertFalse(built.fromCache)
        let cached = try Lexicon.load(folder: lexiconFolder, cache: cache)
        XCTAssertTrue(cached.fromCache)
        assertSameLexicon(cached.lexicon, built.lexicon)
        assertSameLexicon(cached.lexicon, Lexicon(files: testFiles))
        XCTAssertNotEqual(LexiconCache.key(format: "Dyad", files: [("a.txt", "", Data("x".utf8))]),
                          LexiconCache.key(format: "TABARI/PETRARCH", files: [("a.txt", "", Data("x".utf8))]))
    }

    func testDefaultDirectoryFollowsTheEnvironment() {
        XCTAssertEqual(LexiconCache.defaultDirectory(environment: ["DYAD_CACHE_DIR": "/c/d", "XDG_CACHE_HOME": "/x", "HOME": "/h"]).path, "/c/d")
        XCTAssertEqual(LexiconCache.defaultDirectory(environment: ["DYAD_CACHE_DIR": "", "XDG_CACHE_HOME": "/x", "HOME": "/h"]).path, "/x/dyad")
        XCTAssertEqual(LexiconCache.defaultDirectory(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/h"]).path, "/h/.cache/dyad")
        XCTAssertEqual(LexiconCache.defaultDirectory(environment: ["HOME": "/h"]).path, "/h/.cache/dyad")
    }
}
