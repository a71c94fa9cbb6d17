/// Writes one JSON object with its keys in the order given, for line-oriented output.
///
/// Foundation's encoders do not promise key order, and a JSONL consumer reading by eye or a
/// diff of two runs wants the same order every time; this writer also avoids building
/// dictionaries for every line on the hot path.
public struct JSONObjectWriter: Sendable {
    public private(set) var output: String = "{"
    private var isFirst = true

    public init() {}

    public mutating func add(_ key: String, _ value: String?) {
        beginMember(key)
        if let value { JSONObjectWriter.appendQuoted(value, to: &output) } else { output += "null" }
    }

    public mutating func add(_ key: String, _ value: Int?) {
        beginMember(key)
        if let value { output += String(value) } else { output += "null" }
    }

    public mutating func add(_ key: String, _ value: Double?) {
        beginMember(key)
        if let value, value.isFinite { output += String(value) } else { output += "null" }
    }

    public mutating func add(_ key: String, _ value: Bool) {
        beginMember(key)
        output += value ? "true" : "false"
    }

    /// Adds a value that is already JSON text (a nested object or array).
    public mutating func addRaw(_ key: String, json: String) {
        beginMember(key)
        output += json
    }

    /// The finished object.
    public func finished() -> String { output + "}" }

    private mutating func beginMember(_ key: String) {
        if !isFirst { output += "," }
        isFirst = false
        JSONObjectWriter.appendQuoted(key, to: &output)
        output += ":"
    }

    /// A JSON array of already-encoded values.
    public static func array(_ elements: [String]) -> String { "[" + elements.joined(separator: ",") + "]" }

    /// A JSON string literal.
    public static func quoted(_ string: String) -> String {
        var result = ""
        appendQuoted(string, to: &result)
        return result
    }

    /// Appends `string` as a JSON string literal, escaping quotes, backslashes and control
    /// characters (RFC 8259); everything else is written as UTF-8.
    public static func appendQuoted(_ string: String, to output: inout String) {
        output += "\""
        var pendingStart = string.utf8.startIndex
        let utf8 = string.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x22 || byte == 0x5C || byte < 0x20 {
                output += String(string[pendingStart..<index])
                switch byte {
                case 0x22: output += "\\\""
                case 0x5C: output += "\\\\"
                case 0x0A: output += "\\n"
                case 0x0D: output += "\\r"
                case 0x09: output += "\\t"
                default:
                    let hex = String(byte, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }
                pendingStart = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        output += String(string[pendingStart..<utf8.endIndex])
        output += "\""
    }
}
