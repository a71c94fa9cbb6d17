/// Writes one JSON object with its keys in the order given, for line-oriented output.
///
/// Foundation's encoders do not promise key order, and a JSONL consumer reading by eye or a
/// diff of two runs wants the same order every time; this writer also avoids building
/// dictionaries for every line on the hot path. It writes UTF-8 bytes into one buffer, nested
/// objects included (`beginObject`), because output is a large share of the work on short
/// documents.
public struct JSONObjectWriter: Sendable {
    private var bytes: [UInt8] = [UInt8(ascii: "{")]
    private var isFirst = true

    public init() {}

    /// A writer that appends the object to `buffer`, which it holds until `finish(into:)` hands
    /// it back: many objects are written into one buffer without copying.
    public init(appendingTo buffer: inout [UInt8]) {
        bytes = []
        swap(&bytes, &buffer)
        bytes.append(UInt8(ascii: "{"))
    }

    /// Closes the object and hands the buffer back (see `init(appendingTo:)`).
    public mutating func finish(into buffer: inout [UInt8]) {
        bytes.append(UInt8(ascii: "}"))
        swap(&bytes, &buffer)
        bytes = []
    }

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
    ///
    /// `,"key":` goes in with one append: a line has some 70 members, and five appends each
    /// (every one checking uniqueness and capacity) were a third of the writing.
    private mutating func beginMember(_ key: StaticString) {
        let comma = isFirst ? 0 : 1
        isFirst = false
        key.withUTF8Buffer { key in
            assert(!key.contains { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }, "a JSON key that needs escaping")
            let count = comma + key.count + 3
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { member in
                member[0] = UInt8(ascii: ",")
                member[comma] = UInt8(ascii: "\"")
                _ = UnsafeMutableBufferPointer(rebasing: member[(comma + 1)...]).initialize(from: key)
                member[count - 2] = UInt8(ascii: "\"")
                member[count - 1] = UInt8(ascii: ":")
                bytes.append(contentsOf: UnsafeBufferPointer(member))
            }
        }
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
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: JSONText.maxIntegerLength) { text in
            let count = JSONText.write(value, to: text.baseAddress!)
            output.append(contentsOf: UnsafeBufferPointer(rebasing: text[..<count]))
        }
    }
}
