import DyadCore
@testable import DyadFormats
import Foundation
import XCTest

/// The JSONL `place` object and GDELT's action geography, on places written for these tests.
final class PlaceFormatTests: XCTestCase {
    func place(_ name: String, type: String, country: String?, fips: String?, adm1: String?, adm1Name: String? = nil,
               countryName: String?, id: Int?, lat: Double = 41.0138, lon: Double = 28.9497) -> Place {
        Place(name: name, type: type, latitude: lat, longitude: lon, country: country, fipsCountry: fips, adm1: adm1,
              adm1Name: adm1Name, countryName: countryName, geonameID: id, text: name, start: 3, end: 3 + name.count)
    }

    func testJSONLPlaceObject() throws {
        let json = EventJSONL.place(place("Istanbul", type: "city", country: "TR", fips: "TU", adm1: "TU34",
                                          countryName: "Turkey", id: 745044))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        XCTAssertEqual(object["name"] as? String, "Istanbul")
        XCTAssertEqual(object["lat"] as? Double, 41.0138)
        XCTAssertEqual(object["country"] as? String, "TR")
        XCTAssertEqual(object["type"] as? String, "city")
        XCTAssertEqual(object["id"] as? Int, 745044)
        XCTAssertEqual(object["start"] as? Int, 3)
        XCTAssertEqual(EventJSONL.place(nil), "null")
    }

    func testGDELTGeographyByType() {
        let city = GDELTEventWriter.geoFields(place("Istanbul", type: "city", country: "TR", fips: "TU", adm1: "TU34",
                                                    countryName: "Turkey", id: 745044))
        XCTAssertEqual(city, ["4", "Istanbul, Turkey", "TU", "TU34", "", "41.0138", "28.9497", "745044"])
        let country = GDELTEventWriter.geoFields(place("Iraq", type: "country", country: "IQ", fips: "IZ", adm1: "IZ",
                                                       countryName: "Iraq", id: 99237, lat: 33, lon: 44))
        XCTAssertEqual(country, ["1", "Iraq", "IZ", "IZ", "", "33", "44", "IZ"])
        let state = GDELTEventWriter.geoFields(place("Texas", type: "adm1", country: "US", fips: "US", adm1: "USTX",
                                                     countryName: "United States", id: 4736286, lat: 31.5, lon: -99.3))
        XCTAssertEqual(state, ["2", "Texas, United States", "US", "USTX", "", "31.5", "-99.3", "TX"])
        let demonym = GDELTEventWriter.geoFields(place("Turkey", type: "demonym", country: "TR", fips: "TU", adm1: "TU",
                                                       countryName: "Turkey", id: 298795, lat: 39, lon: 35))
        XCTAssertEqual(demonym[0], "1")
        XCTAssertEqual(GDELTEventWriter.geoFields(nil), ["0", "", "", "", "", "", "", ""])
    }

    func testPartialDatesBecomeTheFirstDayForGDELT() {
        XCTAssertEqual(GDELTEventWriter.dateFields("2021-03").0, "20210301")
        XCTAssertEqual(GDELTEventWriter.dateFields("2004").0, "20040101")
        XCTAssertEqual(GDELTEventWriter.dateFields(nil).0, "")
    }
}
