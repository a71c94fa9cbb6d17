/// A place resolved to one gazetteer entry: what GDELT's geography columns and the JSONL `place`
/// object carry.
public struct Place: Sendable, Hashable {
    /// Gazetteer name ("Istanbul", "Scarborough Shoal").
    public var name: String
    /// `country`, `adm1`, `city`, `demonym` (a country named by its adjective), `adm2`, or a
    /// feature type from the hand-written list (`sea`, `shoal`, `region`, `base`, ...).
    public var type: String
    public var latitude: Double?
    public var longitude: Double?
    /// ISO 3166-1 alpha-2 code of the country the place is in.
    public var country: String?
    /// FIPS 10-4 country code, as GDELT writes it.
    public var fipsCountry: String?
    /// GDELT-style ADM1 code: FIPS country + ADM1 ("USTX", "TU34"); the country code for countries.
    public var adm1: String?
    /// Name of the first-level subdivision, when known ("Texas").
    public var adm1Name: String?
    /// Name of the country, for GDELT's FullName.
    public var countryName: String?
    /// GeoNames id; nil for hand-written features.
    public var geonameID: Int?
    /// The words of the text that named it and their character offsets in the article text.
    public var text: String
    public var start: Int
    public var end: Int

    public init(name: String, type: String, latitude: Double?, longitude: Double?, country: String?,
                fipsCountry: String?, adm1: String?, adm1Name: String?, countryName: String?,
                geonameID: Int?, text: String, start: Int, end: Int) {
        self.name = name
        self.type = type
        self.latitude = latitude
        self.longitude = longitude
        self.country = country
        self.fipsCountry = fipsCountry
        self.adm1 = adm1
        self.adm1Name = adm1Name
        self.countryName = countryName
        self.geonameID = geonameID
        self.text = text
        self.start = start
        self.end = end
    }

    /// GDELT Geo_Type: 1 country, 2 US state, 3 US city or landmark, 4 world city or landmark,
    /// 5 world ADM1.
    public var gdeltType: Int {
        switch type {
        case "country", "demonym": return 1
        case "adm1": return country == "US" ? 2 : 5
        // A county placed at its state's centre is, for GDELT, in that state.
        case "adm2": return country == nil ? 0 : (country == "US" ? 2 : 5)
        default:
            // A sea or region with no country is a landmark (4), as GDELT codes "Black Sea".
            return country == "US" ? 3 : 4
        }
    }
}

/// How precise a date is.
public enum DatePrecision: String, Sendable, Hashable, Codable {
    case day, week, month, year, decade
}

/// Where an event's date came from.
public enum DateSource: String, Sendable, Hashable, Codable {
    /// A calendar date written in the sentence ("29 March 2025", "in January").
    case text
    /// A relative expression of the sentence resolved against the article date ("on Friday").
    case relative
    /// No time expression governs the clause: the article's date.
    case article
    /// A relative expression with no article date to resolve it against: left undated.
    case unresolved
}
