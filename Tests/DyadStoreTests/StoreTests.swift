import XCTest
@testable import DyadStore

// The same cases on both engines. PostgreSQL cases skip only when DYAD_TEST_POSTGRES_URL is
// unset (CI always sets it, see .ci/run).

final class SQLiteStoreTests: XCTestCase {
    let cases = StoreCases(dialect: .sqlite)
    func testSameEventFromTwoSourcesIsOneEvent() throws { try cases.sameEventFromTwoSourcesIsOneEvent() }
    func testTwoSentencesOfOneArticleAreOneArticle() throws { try cases.twoSentencesOfOneArticleAreOneArticle() }
    func testEventsThatMustStayApart() throws { try cases.eventsThatMustStayApart() }
    func testPlacesKeepEventsApartWhenKnown() throws { try cases.placesKeepEventsApartWhenKnown() }
    func testWindowDecidesHowFarApartDatesMayBe() throws { try cases.windowDecidesHowFarApartDatesMayBe() }
    func testRootEventsAreInTheLead() throws { try cases.rootEventsAreInTheLead() }
    func testReingestStoresNothingNew() throws { try cases.reingestStoresNothingNew() }
    func testFailedBatchLeavesNothing() throws { try cases.failedBatchLeavesNothing() }
    func testEventFilters() throws { try cases.eventFilters() }
    func testRelationsBothDirections() throws { try cases.relationsBothDirections() }
    func testActorsSourcesAndSearch() throws { try cases.actorsSourcesAndSearch() }
    func testGDELTExports() throws { try cases.gdeltExports() }
    func testOlderSchemaIsMigrated() throws { try cases.olderSchemaIsMigrated() }
    func testNewerSchemaIsRefused() throws { try cases.newerSchemaIsRefused() }
}

final class PostgresStoreTests: XCTestCase {
    let cases = StoreCases(dialect: .postgres)
    func testSameEventFromTwoSourcesIsOneEvent() throws { try cases.sameEventFromTwoSourcesIsOneEvent() }
    func testTwoSentencesOfOneArticleAreOneArticle() throws { try cases.twoSentencesOfOneArticleAreOneArticle() }
    func testEventsThatMustStayApart() throws { try cases.eventsThatMustStayApart() }
    func testPlacesKeepEventsApartWhenKnown() throws { try cases.placesKeepEventsApartWhenKnown() }
    func testWindowDecidesHowFarApartDatesMayBe() throws { try cases.windowDecidesHowFarApartDatesMayBe() }
    func testRootEventsAreInTheLead() throws { try cases.rootEventsAreInTheLead() }
    func testReingestStoresNothingNew() throws { try cases.reingestStoresNothingNew() }
    func testFailedBatchLeavesNothing() throws { try cases.failedBatchLeavesNothing() }
    func testEventFilters() throws { try cases.eventFilters() }
    func testRelationsBothDirections() throws { try cases.relationsBothDirections() }
    func testActorsSourcesAndSearch() throws { try cases.actorsSourcesAndSearch() }
    func testGDELTExports() throws { try cases.gdeltExports() }
    func testOlderSchemaIsMigrated() throws { try cases.olderSchemaIsMigrated() }
    func testNewerSchemaIsRefused() throws { try cases.newerSchemaIsRefused() }
}
