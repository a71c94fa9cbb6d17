import Foundation
import DyadCore

/// Writes events as GDELT 2.0 Events export rows: 61 tab-separated columns, no header, codes as
/// strings with their leading zeros, FractionDate and QuadClass as real files compute them
/// (see the project's shared `reference/gdelt-formats.md`). The action geography comes from the
/// event's place; an empty geography has Geo_Type 0 and seven empty fields.
public struct GDELTEventWriter: Sendable {
    /// Codes that name a country or region (three letters each), to split actor codes into
    /// GDELT's country, known-group and type columns.
    public let countryCodes: Set<String>
    public let knownGroupCodes: Set<String>
    public let typeCodes: Set<String>

    public init(countryCodes: Set<String>, knownGroupCodes: Set<String>, typeCodes: Set<String>) {
        self.countryCodes = countryCodes
        self.knownGroupCodes = knownGroupCodes
        self.typeCodes = typeCodes
    }

    /// One row, 61 fields. `url` fills SOURCEURL (the document id when there is none).
    public func row(_ event: Event, url: String?, isRootEvent: Bool) -> String {
        var fields: [String] = []
        fields.reserveCapacity(61)
        fields.append(String(Self.numericID(event.id)))
        let (day, monthYear, year, fraction) = Self.dateFields(event.date)
        fields += [day, monthYear, year, fraction]
        fields += actorFields(event.source)
        fields += actorFields(event.target)
        fields.append(isRootEvent ? "1" : "0")
        fields.append(event.code)
        fields.append(event.baseCode)
        fields.append(event.rootCode)
        fields.append(String(event.quadClass))
        fields.append(Self.number(event.goldstein))
        fields += ["1", "1", "1", "0"]  // NumMentions, NumSources, NumArticles, AvgTone: one report, tone not measured
        fields += Self.geoFields(event.source?.place)
        fields += Self.geoFields(event.target?.place)
        fields += Self.geoFields(event.place)
        fields.append(day.isEmpty ? "" : day + "000000")
        fields.append(EventTSV.clean(url ?? event.document))
        return fields.joined(separator: "\t")
    }

    /// Geo_Type, FullName, CountryCode (FIPS 10-4), ADM1Code, ADM2Code, Lat, Long, FeatureID.
    /// FeatureID is the GeoNames id where GDELT writes a GNS or GNIS id, and the FIPS country or
    /// US state code for countries and states, as GDELT does.
    static func geoFields(_ place: Place?) -> [String] {
        let type = place?.gdeltType ?? 0
        guard let place, type != 0 else { return ["0", "", "", "", "", "", "", ""] }
        let country = place.countryName ?? ""
        let fips = place.fipsCountry ?? ""
        var adm1 = place.adm1 ?? fips
        var fullName: String
        var feature: String
        switch type {
        case 1:
            fullName = place.country == nil ? place.name : country
            adm1 = fips
            feature = fips
        case 2:
            fullName = [place.name, country].joined(separator: ", ")
            feature = String(adm1.dropFirst(2))
        case 5:
            fullName = [place.name, country].filter { !$0.isEmpty }.joined(separator: ", ")
            feature = place.geonameID.map(String.init) ?? adm1
        default:
            fullName = [place.name, place.adm1Name ?? "", country].filter { !$0.isEmpty }.joined(separator: ", ")
            feature = place.geonameID.map(String.init) ?? adm1
        }
        if place.country == nil { adm1 = "" }
        fullName = EventTSV.clean(fullName)
        return [String(type), fullName, fips, adm1, "", coordinate(place.latitude), coordinate(place.longitude), feature]
    }

    /// At most six significant digits, no trailing zeros ("49.25", "-123.133").
    static func coordinate(_ value: Double?) -> String {
        guard let value else { return "" }
        var text = String(format: "%.4f", value)
        while text.contains("."), text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Code, NAME, country, known group, ethnic, religion 1 and 2, type 1 to 3.
    func actorFields(_ actor: EventActor?) -> [String] {
        guard let actor else { return Array(repeating: "", count: 10) }
        var country = "", group = "", types: [String] = []
        var index = actor.code.startIndex
        while actor.code.distance(from: index, to: actor.code.endIndex) >= 3 {
            let next = actor.code.index(index, offsetBy: 3)
            let part = String(actor.code[index..<next])
            if country.isEmpty, countryCodes.contains(part) { country = part }
            else if group.isEmpty, knownGroupCodes.contains(part), !typeCodes.contains(part) { group = part }
            else if typeCodes.contains(part), types.count < 3 { types.append(part) }
            index = next
        }
        let name = (actor.name ?? actor.text).uppercased()
        return [actor.code, EventTSV.clean(name), country, group, "", "", ""]
            + types + Array(repeating: "", count: 3 - types.count)
    }

    /// GDELT's integer ids: the event's 64-bit hash, kept positive.
    static func numericID(_ hexID: String) -> UInt64 {
        (UInt64(hexID, radix: 16) ?? 0) >> 1
    }

    /// Day, MonthYear, Year, FractionDate from `YYYY-MM-DD`; empty when the date is unknown.
    static func dateFields(_ date: String?) -> (String, String, String, String) {
        guard var date else { return ("", "", "", "") }
        // GDELT has only day dates: a month or year ("last month", "in 2004") is its first day,
        // as GDELT dates "last year" events to a day a year back.
        if date.count == 7 { date += "-01" } else if date.count == 4, Int(date) != nil { date += "-01-01" }
        guard date.count >= 10 else { return ("", "", "", "") }
        let digits = date.prefix(10).filter(\.isNumber)
        guard digits.count == 8, let year = Int(digits.prefix(4)), let month = Int(digits.dropFirst(4).prefix(2)),
              let day = Int(digits.suffix(2)) else { return ("", "", "", "") }
        let fraction = Double(year) + Double((month - 1) * 30 + day) / 365
        return (String(digits), String(digits.prefix(6)), String(year), fourDecimals(fraction))
    }

    static func fourDecimals(_ value: Double) -> String {
        let scaled = (value * 10000).rounded()
        let whole = Int(scaled) / 10000
        let part = abs(Int(scaled) % 10000)
        let digits = String(part)
        return "\(whole).\(String(repeating: "0", count: 4 - digits.count))\(digits)"
    }

    /// Goldstein as real files print it: "-10.0", "3.4".
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return String(rounded)
    }
}
