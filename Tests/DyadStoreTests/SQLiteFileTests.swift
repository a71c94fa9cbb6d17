import Foundation
import DyadFormats
import GRDB
import XCTest
@testable import DyadStore

/// What only a SQLite file can do wrong: be missing, be something else, be corrupt, be locked.
final class SQLiteFileTests: XCTestCase {
    func testMissingFileIsReportedForQueries() throws {
        let path = try StoreFixture.temporaryPath()
        XCTAssertThrowsError(try EventStore(.sqlite(path: path), create: false)) { error in
            XCTAssertEqual((error as? StoreError)?.kind, .missing)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "a query must not create a store")
    }

    func testFileThatIsNotSQLiteIsRefused() throws {
        let path = try StoreFixture.temporaryPath()
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try EventStore(.sqlite(path: path))) { error in
            XCTAssertEqual((error as? StoreError)?.kind, .badStore)
            XCTAssertTrue("\(error)".contains("not a SQLite database or is corrupt"), "\(error)")
        }
    }

    func testCorruptStoreIsRefused() throws {
        let path = try StoreFixture.temporaryPath()
        let store = try EventStore(.sqlite(path: path))
        store.close()
        // Overwrite the pages after the header: the schema can no longer be read.
        let handle = try XCTUnwrap(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: 100)
        handle.write(Data(repeating: 0xFF, count: 8000))
        try handle.close()
        try? FileManager.default.removeItem(atPath: path + "-wal")
        try? FileManager.default.removeItem(atPath: path + "-shm")
        XCTAssertThrowsError(try EventStore(.sqlite(path: path))) { error in
            XCTAssertEqual((error as? StoreError)?.kind, .badStore, "\(error)")
        }
    }

    func testOtherSQLiteDatabaseIsNotTakenOver() throws {
        let path = try StoreFixture.temporaryPath()
        let other = try DatabaseQueue(path: path)
        try other.write { try $0.execute(sql: "CREATE TABLE notes (text TEXT)") }
        try other.close()
        XCTAssertThrowsError(try EventStore(.sqlite(path: path))) { error in
            XCTAssertTrue("\(error)".contains("not a Dyad store"), "\(error)")
        }
    }

    func testLockedStoreGetsAClearMessage() throws {
        let path = try StoreFixture.temporaryPath()
        let store = try EventStore(.sqlite(path: path))
        defer { store.close() }
        // Another process holding the write lock, for longer than the store waits.
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true  // the point is to leave the lock held
        let other = try DatabaseQueue(path: path, configuration: configuration)
        try other.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            try db.execute(sql: "INSERT INTO dyad_schema (version) VALUES (2)")
        }
        let article = Fixture.article("a1", ["Freedonia met Sylvania."], date: "2024-03-04") { _ in [] }
        XCTAssertThrowsError(try store.store([article], run: nil)) { error in
            XCTAssertEqual((error as? StoreError)?.kind, .locked, "\(error)")
            XCTAssertTrue("\(error)".contains("locked"))
        }
        try other.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
        try other.close()
        XCTAssertEqual(try store.store([article], run: nil).stored, 1, "works again once the lock is gone")
    }

    func testStoreUsesWAL() throws {
        let path = try StoreFixture.temporaryPath()
        let store = try EventStore(.sqlite(path: path))
        defer { store.close() }
        let mode = try store.backend.read { try $0.scalar("PRAGMA journal_mode").string }
        XCTAssertEqual(mode, "wal")
    }

    func testDatesAndHashes() {
        XCTAssertEqual(StoreDate.normalize("2017/2/7"), "2017-02-07")
        XCTAssertEqual(StoreDate.normalize("2024-03-04T10:00:00Z"), "2024-03-04")
        XCTAssertEqual(StoreDate.normalize("20240304"), "2024-03-04")
        XCTAssertEqual(StoreDate.normalize("2024-03"), "2024-03")
        XCTAssertNil(StoreDate.normalize("yesterday"))
        XCTAssertNil(StoreDate.normalize("2024-13-45"))
        XCTAssertEqual(StoreDate.dayNumber("1970-01-02"), 1)
        XCTAssertEqual(StoreDate.date(ofDay: StoreDate.dayNumber("2024-02-29")!), "2024-02-29")
        XCTAssertEqual(ContentHash.of("a").count, 32)
        XCTAssertNotEqual(ContentHash.of("a"), ContentHash.of("b"))
        XCTAssertEqual(EventStore.ftsQuery("\"ambassador\" OR (expelled*"), "\"ambassador\" \"OR\" \"expelled\"")
    }
}

/// The GDELT export of stored events dates them as `dyad code --format gdelt` does.
final class StoreExportDateTests: XCTestCase {
    func stored(date: String) -> StoredEvent {
        StoredEvent(
            id: 7, date: date, sourceCode: "USAGOV", sourceCountry: "USA", sourceName: "Washington",
            targetCode: "RUS", targetCountry: "RUS", targetName: "Russia", code: "163", baseCode: "163", rootCode: "16",
            quadClass: 4, goldstein: -8, place: "", isRoot: true, numMentions: 1, numSources: 1, numArticles: 1,
            document: "d", url: nil, evidence: "Washington imposed sanctions on Russia.", dateAdded: "20261204120000")
    }

    /// A month or a year stays the event's (its first day), not the day it was stored.
    func testPartialDatesAreKeptAndOnlyMissingOnesTakeTheDayAdded() {
        let writer = GDELTEventWriter(countryCodes: ["USA", "RUS"], knownGroupCodes: [], typeCodes: ["GOV"])
        func day(_ date: String) -> String { EventStore.gdeltEventRow(stored(date: date), writer: writer).components(separatedBy: "\t")[1] }
        XCTAssertEqual(day("2020-05-17"), "20200517")
        XCTAssertEqual(day("2023-04"), "20230401")
        XCTAssertEqual(day("2020"), "20200101")
        XCTAssertEqual(day(""), "20261204")
    }
}
