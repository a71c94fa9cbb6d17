/// RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled; lines end
/// with `\n` (what pandas, R and BigQuery read by default).
public enum CSVWriter {
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }

    public static func field(_ value: String) -> String {
        let needsQuotes = value.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else { return value }
        var quoted = "\""
        for character in value {
            if character == "\"" { quoted += "\"\"" } else { quoted.append(character) }
        }
        return quoted + "\""
    }
}
