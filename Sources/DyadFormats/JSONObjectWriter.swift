import DyadCore

/// Writes one JSON object with its keys in the order given, for line-oriented output.
///
/// Foundation's encoders do not promise key order, and a JSONL consumer reading by eye or a
/// diff of two runs wants the same order every time. It writes UTF-8 bytes into one buffer,
/// nested objects included (`beginObject`). This is the writer for the commands' own objects
/// (annotations, queries, reports); event lines, the hot path of `dyad code`, go through
/// `JSONLineWriter`, which shares its text rules (`JSONText`).
public struct JSONObjectWriter: Sendable {
    private var bytes: [UInt8] = [UInt8(ascii: "{")]
    private var isFirst = true

    public init() {}

    public mutating func add(_ key: StaticString, _ value: String?) {
        beginMember(key)
        if let value { Self.appendQuoted(value, to: &bytes) } else { appendNull() }
    }

    public mutating func add(_ key: StaticString, _ value: Int?) {
        beginMember(key)
        if let value { Self.appendInteger(value, to: &bytes) } else { appendNull() }
    }

    public mutating func add(_ key: StaticString, _ value: Double?) {
        beginMember(key)
        guard let value, value.isFinite else { return appendNull() }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: JSONText.maxNumberLength) { text in
            let count = JSONText.write(value, to: text.baseAddress!)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[..<count]))
        }
    }

    public mutating func add(_ key: StaticString, _ value: Bool) {
        beginMember(key)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// Adds a value that is already JSON text (a nested object or array).
    public mutating func addRaw(_ key: StaticString, json: String) {
        beginMember(key)
        bytes.append(contentsOf: json.utf8)
    }

    /// Opens a nested object under `key`; the members added until `endObject()` go into it.
    public mutating func beginObject(_ key: StaticString) {
        beginMember(key)
        bytes.append(UInt8(ascii: "{"))
        isFirst = true
    }

    /// Closes the object `beginObject` opened.
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        isFirst = false
    }

    public mutating func addNull(_ key: StaticString) {
        beginMember(key)
        appendNull()
    }

    /// The finished object.
    public func finished() -> String {
        String(unsafeUninitializedCapacity: bytes.count + 1) { buffer in
            let count = buffer.initialize(fromContentsOf: bytes)
            buffer[count] = UInt8(ascii: "}")
            return count + 1
        }
    }

    private mutating func appendNull() { bytes.append(contentsOf: "null".utf8) }

    /// Members whose keys are data (column names, modes), escaped as any string is.
    public mutating func add(name key: String, _ value: String?) {
        beginMember(name: key)
        if let value { Self.appendQuoted(value, to: &bytes) } else { appendNull() }
    }

    public mutating func add(name key: String, _ value: Int?) {
        beginMember(name: key)
        if let value { Self.appendInteger(value, to: &bytes) } else { appendNull() }
    }

    public mutating func addRaw(name key: String, json: String) {
        beginMember(name: key)
        bytes.append(contentsOf: json.utf8)
    }

    private mutating func beginMember(name key: String) {
        if !isFirst { bytes.append(UInt8(ascii: ",")) }
        isFirst = false
        Self.appendQuoted(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Keys are the program's own literals, written as they are: none needs escaping.
    private mutating func beginMember(_ key: StaticString) {
        if !isFirst { bytes.append(UInt8(ascii: ",")) }
        isFirst = false
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { key in
            assert(!key.contains(where: JSONText.needsEscape), "a JSON key that needs escaping")
            bytes.append(contentsOf: key)
        }
        bytes.append(contentsOf: "\":".utf8)
    }

    /// A JSON array of already-encoded values.
    public static func array(_ elements: [String]) -> String { "[" + elements.joined(separator: ",") + "]" }

    /// A JSON string literal.
    public static func quoted(_ string: String) -> String {
        var result: [UInt8] = []
        appendQuoted(string, to: &result)
        return String(decoding: result, as: UTF8.self)
    }

    /// Appends `string` as a JSON string literal, escaping quotes, backslashes and control
    /// characters (RFC 8259); everything else is written as UTF-8.
    public static func appendQuoted(_ string: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var string = string  // `withUTF8` needs a var; a native string is not copied
        string.withUTF8 { bytes in
            // Runs between escapes are copied whole: most strings have no escape at all.
            var runStart = 0
            while true {
                let escape = JSONText.firstEscape(in: bytes, from: runStart)
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<escape]))
                guard escape < bytes.count else { break }
                appendEscaped(bytes[escape], to: &output)
                runStart = escape + 1
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func appendEscaped(_ byte: UInt8, to output: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: JSONText.maxEscapeLength) { escape in
            let count = JSONText.writeEscape(byte, to: escape.baseAddress!)
            output.append(contentsOf: UnsafeBufferPointer(rebasing: escape[..<count]))
        }
    }

    private static func appendInteger(_ value: Int, to output: inout [UInt8]) {
        // Digits into a stack buffer: no String for every offset and count.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: DecimalText.maxIntegerLength) { text in
            let count = DecimalText.write(value, to: text.baseAddress!)
            output.append(contentsOf: UnsafeBufferPointer(rebasing: text[..<count]))
        }
    }
}
