import DyadCoder
import DyadCore
import DyadNLP
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// Place recognition and disambiguation on sentences written for these tests, the seed checks of
/// dates and places, and toponym scores on TR-News and LGL read from ../shared at test time.
final class GeoparsingTests: XCTestCase {
    static let pipeline = try! TextPipeline.standard()
    static let locator = EventLocator()

    func document(_ text: String, date: String? = "2025-03-29") -> Document {
        Self.pipeline.document(metadata: DocumentMetadata(id: "t", date: date), text: text)
    }

    /// (text, name, country, type) of each place found.
    func places(_ text: String) -> [(String, String, String?, String)] {
        Self.locator.annotate(document(text)).placeValues.map { ($0.text, $0.name, $0.country, $0.type) }
    }

    func place(_ text: String, _ surface: String) -> Place? {
        Self.locator.annotate(document(text)).placeValues.first { $0.text == surface }
    }

    func testGazetteerLoadsCountriesCitiesAndFeatures() {
        let gazetteer = Gazetteer.shared
        XCTAssertGreaterThan(gazetteer.entries.count, 30_000)
        XCTAssertFalse(gazetteer.lookup("Istanbul").isEmpty)
        XCTAssertFalse(gazetteer.lookup("scarborough shoal").isEmpty)
        XCTAssertFalse(gazetteer.lookup("the Arctic").isEmpty)
        let turkey = gazetteer.countries["TR"].map { gazetteer.entries[Int($0)] }
        XCTAssertEqual(turkey?.fips, "TU")
    }

    /// Loading parses the TSV once into flat arrays and a hash index; the time and memory it
    /// takes go to the log (for the README), and every place is reachable by a name.
    func testGazetteerLoadTimeAndSize() throws {
        guard let url = Bundle(for: GoldReader.self).url(forResource: "gazetteer", withExtension: "tsv") ??
                Self.resource("gazetteer.tsv") else { throw XCTSkip("gazetteer.tsv not found") }
        let bytes = try [UInt8](Data(contentsOf: url))
        let before = Self.residentKilobytes()
        let start = Date()
        let gazetteer = Gazetteer(tsv: bytes)
        let seconds = Date().timeIntervalSince(start)
        let grown = Self.residentKilobytes() - before
        print("gazetteer: \(bytes.count) bytes, \(gazetteer.entries.count) places, \(gazetteer.nameCount) names, "
              + "loaded in \(Int(seconds * 1000)) ms, about \(grown / 1024) MB resident")
        // Time is reported, not asserted: benchmarks are not tests.
        XCTAssertGreaterThan(gazetteer.entries.count, 0)
        XCTAssertGreaterThanOrEqual(gazetteer.nameCount, gazetteer.entries.count)
    }

    /// The byte-level parse gives every entry the numbers `Int32(String)` and `Float(String)`
    /// read from its fields, and the names the file gives.
    func testGazetteerFieldsAreReadAsTheirText() throws {
        guard let url = Self.resource("gazetteer.tsv") else { throw XCTSkip("gazetteer.tsv not found") }
        let text = try String(contentsOf: url, encoding: .utf8)
        let gazetteer = Gazetteer(tsv: Array(text.utf8))
        var number = 0
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 12 else { continue }
            let entry = gazetteer.entries[number]
            number += 1
            XCTAssertEqual(entry.geonameID, Int32(fields[1]) ?? 0, String(line))
            XCTAssertEqual(entry.name, fields[2])
            XCTAssertEqual(entry.latitude.bitPattern, (Float(fields[3]) ?? .nan).bitPattern, String(line))
            XCTAssertEqual(entry.longitude.bitPattern, (Float(fields[4]) ?? .nan).bitPattern, String(line))
            XCTAssertEqual(entry.country, fields[5])
            XCTAssertEqual(entry.adm1Name, fields[8])
            XCTAssertEqual(entry.population, Int32(fields[9]) ?? 0, String(line))
        }
        XCTAssertEqual(number, gazetteer.entries.count)
        // Numbers the C parser does not take whole, and bad ones, read as Float(String) reads them.
        let odd = "city\t+7\tA\t1e2\t-0.5\tXX\tXX\t\t\t12x\t\t\n" + "city\t\tB\t\t.\tXX\tXX\t\t\t-3\t\t\n"
        let small = Gazetteer(tsv: Array(odd.utf8))
        // Every shape of decimal the fast path takes or leaves, against Float(String).
        let numbers = ["0", "-0", "5", "5.", ".5", "-.5", "41.0138", "-122.4194", "0.0001", "12345678", "1234567.1",
                       "0.00000000001", "89.99999", "-2", "30", "1.5e3", "nan", "", "-", "+4", "3.4028236e38", "9.9999995"]
        for number in numbers {
            let line = "city\t1\tX\t\(number)\t\(number)\tXX\tXX\t\t\t0\t\t\n"
            let entry = Gazetteer(tsv: Array(line.utf8)).entries[0]
            XCTAssertEqual(entry.latitude.bitPattern, (Float(number) ?? .nan).bitPattern, number)
        }
        XCTAssertEqual(small.entries.map(\.geonameID), [7, 0])
        XCTAssertEqual(small.entries[0].latitude, 100)
        XCTAssertEqual(small.entries[0].longitude, -0.5)
        XCTAssertTrue(small.entries[1].latitude.isNaN)
        XCTAssertTrue(small.entries[1].longitude.isNaN)
        XCTAssertEqual(small.entries.map(\.population), [0, -3])
    }

    static func resource(_ name: String) -> URL? {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/DyadCoder/Resources/\(name)")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// Resident set size from /proc (Linux); 0 elsewhere.
    static func residentKilobytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * 4 : 0
    }

    func testCityWithItsCountry() {
        let istanbul = place("Protesters gathered in Istanbul on Saturday.", "Istanbul")
        XCTAssertEqual(istanbul?.country, "TR")
        XCTAssertEqual(istanbul?.type, "city")
        XCTAssertEqual(istanbul?.geonameID, 745044)
    }

    func testDemonymsNameTheirCountry() {
        let found = places("Turkish police detained dozens of Russian diplomats.")
        XCTAssertEqual(found.map(\.0), ["Turkish", "Russian"])
        XCTAssertEqual(found.map(\.2), ["TR", "RU"])
        XCTAssertEqual(found.map(\.3), ["demonym", "demonym"])
    }

    func testGeorgiaTheCountryBesideItsNeighbours() {
        let georgia = place("Officials in Tbilisi said Georgia would not join talks with Russia and Armenia.", "Georgia")
        XCTAssertEqual(georgia?.country, "GE")
        XCTAssertEqual(georgia?.type, "country")
    }

    func testGeorgiaTheStateInAnAmericanStory() {
        let georgia = place("Farmers in Atlanta and Savannah said Georgia had the wettest spring since Texas and Florida did.", "Georgia")
        XCTAssertEqual(georgia?.country, "US")
        XCTAssertEqual(georgia?.type, "adm1")
        XCTAssertEqual(georgia?.adm1, "USGA")
    }

    func testPeopleNamedLikePlacesAreNoPlaces() {
        XCTAssertTrue(places("George Washington crossed the river with his troops.").allSatisfy { $0.0 != "Washington" })
        XCTAssertTrue(places("President Jackson spoke to the crowd.").allSatisfy { $0.0 != "Jackson" })
        // Once a name is a person, later bare uses are that person too.
        XCTAssertTrue(places("Michael Jordan scored twice. Jordan said the team played well.").isEmpty)
    }

    func testJordanTheCountryAndWashingtonTheCapital() {
        XCTAssertEqual(place("Refugees crossed into Jordan from Syria.", "Jordan")?.country, "JO")
        let washington = place("Envoys held talks in Washington with the State Department.", "Washington")
        XCTAssertEqual(washington?.adm1, "USDC")
    }

    func testCityAndStateTogetherResolveTogether() {
        let paris = place("The fair opened in Paris, Texas, near the Oklahoma line.", "Paris")
        XCTAssertEqual(paris?.country, "US")
        XCTAssertEqual(paris?.adm1, "USTX")
    }

    func testNamedFeaturesAndAreas() {
        XCTAssertEqual(place("Ships sailed near Scarborough Shoal at dawn.", "Scarborough Shoal")?.type, "shoal")
        XCTAssertEqual(place("Fighting spread across the West Bank and Gaza.", "West Bank")?.country, "PS")
        let county = place("Deputies searched a barn in Rapides Parish overnight.", "Rapides Parish")
        XCTAssertEqual(county?.type, "adm2")
    }

    func testCountiesSitInTheirState() {
        let county = place("Deputies searched a barn in Butler County, Ohio, on Friday.", "Butler County")
        XCTAssertEqual(county?.type, "adm2")
        XCTAssertEqual(county?.adm1, "USOH")
        XCTAssertNotNil(county?.latitude)
        // Without a state in the text the area has no coordinates rather than a guessed one.
        XCTAssertNil(place("Deputies searched a barn in Butler County on Friday.", "Butler County")?.latitude)
    }

    func testOffsetsAreCharactersOfTheOriginalText() {
        let text = "Café owners in İzmir and “Ankara” protested."
        let annotations = Self.locator.annotate(document(text))
        let scalars = Array(text.unicodeScalars)
        for place in annotations.placeValues {
            XCTAssertEqual(String(String.UnicodeScalarView(scalars[place.start..<place.end])), place.text)
        }
        XCTAssertTrue(annotations.placeValues.contains { $0.name == "Ankara" })
    }

    // MARK: Event dates and places

    /// An event of the sentence holding `verb`, as the coder would give it.
    func event(_ document: Document, verb: String) throws -> Event {
        let original = document.original
        let range = try XCTUnwrap(original.range(of: verb))
        let start = original.unicodeScalars.distance(from: original.startIndex, to: range.lowerBound)
        let byte = original.utf8.distance(from: original.startIndex, to: range.lowerBound)
        let sentence = try XCTUnwrap(document.sentences.firstIndex {
            document.originalByteRange(ofTokens: $0.tokens).contains(byte)
        })
        let span = TextSpan(start: start, end: start + verb.unicodeScalars.count, text: verb)
        return Event(id: "e", document: document.id, sentence: sentence, source: nil, target: nil, code: "010",
                     quadClass: 1, goldstein: 0, ploverCategory: "", ploverMode: "", negated: false,
                     modality: .asserted, date: document.metadata.date, sentenceText: "", sentenceSpan: span,
                     trigger: span, rule: "", pattern: "", confidence: 1)
    }

    func locate(_ text: String, date: String?, verb: String) throws -> Event {
        let document = document(text, date: date)
        let located = Self.locator.locate([try event(document, verb: verb)], in: document)
        return try XCTUnwrap(located.first)
    }

    func testEventTakesTheDateOfItsClauseAndThePlaceOfItsLocationPhrase() throws {
        let text = "Police detained 40 people in Ankara on Friday. The governor resigned."
        let detained = try locate(text, date: "2025-03-29", verb: "detained")
        XCTAssertEqual(detained.date, "2025-03-28")
        XCTAssertEqual(detained.dateSource, .relative)
        XCTAssertEqual(detained.datePrecision, .day)
        XCTAssertEqual(detained.place?.name, "Ankara")
        // No time expression: the article date; no location phrase: the article's main place.
        let resigned = try locate(text, date: "2025-03-29", verb: "resigned")
        XCTAssertEqual(resigned.date, "2025-03-29")
        XCTAssertEqual(resigned.dateSource, .article)
        XCTAssertEqual(resigned.place?.name, "Ankara")
    }

    func testNoArticleDateNeverInventsOne() throws {
        let undated = try locate("Police detained 40 people in Ankara on Friday.", date: nil, verb: "detained")
        XCTAssertNil(undated.date)
        XCTAssertEqual(undated.dateSource, .unresolved)
        let absolute = try locate("Police detained 40 people on 28 March 2025.", date: nil, verb: "detained")
        XCTAssertEqual(absolute.date, "2025-03-28")
        XCTAssertEqual(absolute.dateSource, .text)
    }

    func testAnUnnamedShoalIsTheShoalTheArticleNames() throws {
        let text = "Navies held drills off a disputed South China Sea shoal on Friday. A frigate watched from Scarborough Shoal."
        let drills = try locate(text, date: "2025-03-29", verb: "held")
        XCTAssertEqual(drills.place?.name, "Scarborough Shoal")
    }

    // MARK: Real data from ../shared

    static func sharedFile(_ relative: String) -> URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared").appendingPathComponent(relative)
    }

    /// The seed checks of issue 5, on the events' sentences (which events the coder finds is
    /// the coder's business; their dates and places are the locator's).
    func testSeedArticlesDateAndPlaceTheirEvents() throws {
        let url = Self.sharedFile("eval/seed.gold.jsonl")
        guard let data = try? String(contentsOf: url, encoding: .utf8) else { throw XCTSkip("no \(url.path)") }
        var articles: [String: (String, String)] = [:]
        for line in data.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            if let id = object?["id"] as? String, let text = object?["text"] as? String, let date = object?["date"] as? String {
                articles[id] = (text, date)
            }
        }
        let checks: [(String, String, String, String?)] = [
            ("seed-1", "criticized", "2021-05-18", nil),
            ("seed-1", "dismissed", "2021-05-17", nil),
            ("seed-3", "accused", "2025-03-28", "Greenland"),
            ("seed-4", "rallied", "2025-03-29", "Istanbul"),
            ("seed-5", "staged", "2025-03-28", "Scarborough Shoal"),
        ]
        for (id, verb, date, place) in checks {
            let (text, articleDate) = try XCTUnwrap(articles[id])
            let event = try locate(text, date: articleDate, verb: verb)
            XCTAssertEqual(event.date, date, "\(id) \(verb)")
            if let place { XCTAssertEqual(event.place?.name, place, "\(id) \(verb)") }
        }
    }

    struct Scores {
        var gold = 0, predicted = 0, matched = 0, resolvable = 0, near = 0
        var f1: Double {
            let p = Double(matched) / Double(max(predicted, 1)), r = Double(matched) / Double(max(gold, 1))
            return p + r == 0 ? 0 : 2 * p * r / (p + r)
        }
        var accuracy: Double { Double(near) / Double(max(resolvable, 1)) }
    }

    /// What `scripts/geo_eval.py` computes: span-overlap recognition and accuracy within 161 km.
    func score(_ relative: String) throws -> Scores {
        let url = Self.sharedFile("corpora/geoparsing_geowebnews_lgl_trnews/" + relative)
        // On Linux `XMLParser(contentsOf:)` returns a parser for a missing file: test for the file.
        guard FileManager.default.fileExists(atPath: url.path), let parser = XMLParser(contentsOf: url) else {
            throw XCTSkip("no \(url.path)")
        }
        let reader = GoldReader()
        parser.delegate = reader
        XCTAssertTrue(parser.parse(), "\(relative) does not parse")
        var scores = Scores()
        for article in reader.articles {
            let document = Self.pipeline.document(metadata: DocumentMetadata(id: article.id, date: article.date),
                                                  text: article.text)
            let predicted = Self.locator.annotate(document).placeValues
            scores.gold += article.toponyms.count
            scores.predicted += predicted.count
            var used = Set<Int>()
            for toponym in article.toponyms {
                guard let number = predicted.indices.first(where: {
                    !used.contains($0) && predicted[$0].end > toponym.start && predicted[$0].start < toponym.end
                }) else { continue }
                used.insert(number)
                scores.matched += 1
                guard let lat = toponym.lat, let lon = toponym.lon else { continue }
                scores.resolvable += 1
                if let plat = predicted[number].latitude, let plon = predicted[number].longitude,
                   Self.kilometres(lat, lon, plat, plon) <= 161 { scores.near += 1 }
            }
        }
        return scores
    }

    static func kilometres(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let p1 = lat1 * .pi / 180, p2 = lat2 * .pi / 180
        let dp = p2 - p1, dl = (lon2 - lon1) * .pi / 180
        let a = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2)
        return 2 * 6371 * asin(min(1, a.squareRoot()))
    }

    func testTRNewsToponymsFloors() throws {
        let scores = try score("TR-News.xml")
        print("TR-News: F1 \(scores.f1), accuracy within 161 km \(scores.accuracy) on \(scores.resolvable)")
        XCTAssertEqual(scores.gold, 1319)
        XCTAssertGreaterThanOrEqual(scores.f1, 0.85, "TR-News recognition F1")
        XCTAssertGreaterThanOrEqual(scores.accuracy, 0.75, "TR-News accuracy within 161 km")
    }

    func testLGLToponymsFloors() throws {
        let scores = try score("lgl.xml")
        print("LGL: F1 \(scores.f1), accuracy within 161 km \(scores.accuracy) on \(scores.resolvable)")
        XCTAssertGreaterThanOrEqual(scores.f1, 0.77, "LGL recognition F1")
        XCTAssertGreaterThanOrEqual(scores.accuracy, 0.685, "LGL accuracy within 161 km")
    }
}

/// Reads TR-News and LGL XML: articles with text, date and toponyms (offsets, coordinates).
final class GoldReader: NSObject, XMLParserDelegate {
    struct Toponym { var start = 0, end = 0; var lat: Double?, lon: Double? }
    struct Article { var id = "", text = "", date: String?; var toponyms: [Toponym] = [] }

    var articles: [Article] = []
    private var article = Article()
    private var toponym: Toponym?
    private var buffer = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        buffer = ""
        if name == "article" { article = Article(id: attributes["docid"] ?? "") }
        if name == "toponym" { toponym = Toponym() }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { buffer += string }

    func parser(_ parser: XMLParser, foundCDATA block: Data) { buffer += String(decoding: block, as: UTF8.self) }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let value = buffer.trimmingCharacters(in: .whitespacesAndNewlines)
        switch name {
        case "text": article.text = buffer
        case "dltime": article.date = String(value.prefix(10))
        case "start": toponym?.start = Int(value) ?? 0
        case "end": toponym?.end = Int(value) ?? 0
        case "lat": toponym?.lat = Double(value)
        case "lon": toponym?.lon = Double(value)
        case "toponym": if let toponym { article.toponyms.append(toponym) }; toponym = nil
        case "article": articles.append(article)
        default: break
        }
        buffer = ""
    }
}
