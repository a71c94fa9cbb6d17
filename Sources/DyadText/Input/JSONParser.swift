import Foundation

/// A JSON value (RFC 8259) as `JSONParser` reads it.
enum JSONValue: Equatable, Sendable {
    case string(String)
    /// The number as written, already checked against the grammar; `text(ofNumber:)` gives the
    /// text a record uses.
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object(JSONObject)
}

/// A JSON object's members in input order.
///
/// Duplicate keys are kept and a lookup finds the last one: JSONSerialization, which read JSONL
/// before, kept the last, and the same input should still give the same record.
struct JSONObject: Equatable, Sendable {
    struct Member: Equatable, Sendable {
        var key: String
        var value: JSONValue
    }

    var members: [Member]

    init(_ members: [Member] = []) { self.members = members }

    subscript(key: String) -> JSONValue? {
        var index = members.endIndex
        while index > members.startIndex {
            index -= 1
            if members[index].key == key { return members[index].value }
        }
        return nil
    }
}

extension JSONValue {
    /// The text of a number read as a field, e.g. an id: what JSONSerialization and
    /// `NSNumber.stringValue` gave, so that ids and dates stay what they were. A 64-bit integer
    /// is its digits (`-0` is `0`); a literal over 17 characters goes through `Decimal` (plain
    /// digits, `9007199254740993.0` is `9007199254740993`); anything else through `Double`'s
    /// description (`1.0`, `1000.0` for `1e3`, `1e+21`, `2.5e-05`). Nil where JSONSerialization
    /// refused the document because the number did not fit (`1e400`).
    static func text(ofNumber literal: String) -> String? {
        let utf8 = literal.utf8
        // Only a lower-case `e` counted as an exponent there; `1E3` took the integer attempt,
        // failed it and ended as a Double, as it does here.
        let exponentIndex = utf8.firstIndex(of: UInt8(ascii: "e"))
        let isInteger = exponentIndex == nil && !utf8.contains(UInt8(ascii: "."))
        let mantissaLength = utf8.distance(from: utf8.startIndex, to: exponentIndex ?? utf8.endIndex)
        if isInteger {
            if utf8.first == UInt8(ascii: "-") {
                if mantissaLength <= 19, let value = Int64(literal) { return String(value) }
            } else if mantissaLength <= 20, let value = UInt64(literal) {
                return String(value)
            }
        }
        var exponent = 0
        if let exponentIndex, let parsed = Int(literal[utf8.index(after: exponentIndex)...]) {
            exponent = parsed
        }
        if mantissaLength > 17, (-128...127).contains(exponent), let decimal = Decimal(string: literal), decimal.isFinite {
            return decimal.description
        }
        if let double = Double(literal), double.isFinite { return double.description }
        return nil
    }
}

/// Reads one JSON value straight from UTF-8 bytes.
///
/// RFC 8259, with JSONSerialization's choices (it read JSONL before) where they differ, so that
/// a line reads or fails as it did: a UTF-8 byte order mark before the value is skipped; a comma
/// before a closing `]` or `}` is allowed. Unlike it, numbers no Double holds (`1e400`) are kept as
/// written, not refused.
/// One deliberate difference: a lone surrogate escape (`\uD800` not followed by a low surrogate),
/// which it refused, becomes U+FFFD and is counted, as invalid UTF-8 is. Nesting deeper than
/// `maximumDepth` is refused rather than recursed into.
///
/// The bytes should be valid UTF-8 (`TextDecoding.withRepairedUTF8`): strings are made from
/// byte slices, and `String(decoding:)` would repair anything invalid without counting it.
struct JSONParser {
    /// JSONSerialization's limit: 512 nested arrays and objects are read, 513 are refused.
    static let maximumDepth = 512

    struct Failure: Error, Equatable {
        enum Reason: Equatable, Sendable {
            case unexpectedEnd
            case unexpectedByte(UInt8)
            case controlCharacterInString
            case invalidEscape
            case invalidNumber
            case tooDeep
            /// Something other than white space after the value.
            case trailingBytes
        }

        var reason: Reason
        /// Where in the bytes the problem was found.
        var offset: Int
    }

    struct Document: Equatable {
        var value: JSONValue
        /// Lone surrogate escapes replaced by U+FFFD.
        var replacedSurrogates: Int
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var depth = 0
    private var replacedSurrogates = 0
    /// The decoded bytes of a string with escapes, reused from one such string to the next.
    private var scratch: [UInt8] = []

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The one value in `bytes`, with white space around it allowed and nothing else.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> Document {
        var parser = JSONParser(bytes: bytes)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { parser.position = 3 }
        parser.skipWhitespace()
        let value = try parser.value()
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.failure(.trailingBytes) }
        return Document(value: value, replacedSurrogates: parser.replacedSurrogates)
    }

    static func parse(_ bytes: [UInt8]) throws(Failure) -> Document {
        try bytes.withUnsafeBufferPointer { (buffer) throws(Failure) -> Document in try parse(buffer) }
    }

    private func failure(_ reason: Failure.Reason, at offset: Int? = nil) -> Failure {
        Failure(reason: reason, offset: offset ?? position)
    }

    /// The failure for the byte at `position`, or for the end of the input.
    private func unexpected() -> Failure {
        position < bytes.count ? failure(.unexpectedByte(bytes[position])) : failure(.unexpectedEnd)
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    /// The value starting at `position` (white space already skipped).
    private mutating func value() throws(Failure) -> JSONValue {
        guard position < bytes.count else { throw failure(.unexpectedEnd) }
        switch bytes[position] {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "{"): return .object(try object())
        case UInt8(ascii: "["): return .array(try array())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw unexpected()
        }
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let length = word.utf8CodeUnitCount
        guard position + length <= bytes.count else { throw failure(.unexpectedEnd) }
        for offset in 0..<length where bytes[position + offset] != word.utf8Start[offset] {
            throw failure(.unexpectedByte(bytes[position + offset]), at: position + offset)
        }
        position += length
    }

    /// Counts one more level of nesting and steps over the opening bracket.
    private mutating func enterContainer() throws(Failure) {
        guard depth < Self.maximumDepth else { throw failure(.tooDeep) }
        depth += 1
        position += 1
    }

    private mutating func array() throws(Failure) -> [JSONValue] {
        try enterContainer()
        defer { depth -= 1 }
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return elements
        }
        while true {
            elements.append(try value())
            skipWhitespace()
            guard position < bytes.count else { throw failure(.unexpectedEnd) }
            switch bytes[position] {
            case UInt8(ascii: "]"):
                position += 1
                return elements
            case UInt8(ascii: ","):
                position += 1
                skipWhitespace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    return elements
                }
            default:
                throw unexpected()
            }
        }
    }

    private mutating func object() throws(Failure) -> JSONObject {
        try enterContainer()
        defer { depth -= 1 }
        var members: [JSONObject.Member] = []
        // One allocation for a record's few fields instead of one per doubling.
        members.reserveCapacity(8)
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return JSONObject(members)
        }
        while true {
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw unexpected() }
            let key = try string()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw unexpected() }
            position += 1
            skipWhitespace()
            members.append(JSONObject.Member(key: key, value: try value()))
            skipWhitespace()
            guard position < bytes.count else { throw failure(.unexpectedEnd) }
            switch bytes[position] {
            case UInt8(ascii: "}"):
                position += 1
                return JSONObject(members)
            case UInt8(ascii: ","):
                position += 1
                skipWhitespace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                    position += 1
                    return JSONObject(members)
                }
            default:
                throw unexpected()
            }
        }
    }

    /// The string whose opening quote is at `position`. Without escapes (most strings) it is
    /// made straight from its bytes.
    private mutating func string() throws(Failure) -> String {
        position += 1
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
            if byte < 0x20 { throw failure(.controlCharacterInString) }
            position += 1
        }
        throw failure(.unexpectedEnd)
    }

    /// The rest of a string that starts at `start` and has an escape at `position`.
    private mutating func escapedString(from start: Int) throws(Failure) -> String {
        scratch.removeAll(keepingCapacity: true)
        var runStart = start
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                position += 1
                return String(decoding: scratch, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                try escape()
                runStart = position
                continue
            }
            if byte < 0x20 { throw failure(.controlCharacterInString) }
            position += 1
        }
        throw failure(.unexpectedEnd)
    }

    /// Decodes the escape whose backslash is at `position` into `scratch`.
    private mutating func escape() throws(Failure) {
        let backslash = position
        guard position + 1 < bytes.count else { throw failure(.unexpectedEnd) }
        let kind = bytes[position + 1]
        position += 2
        switch kind {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(kind)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            guard position + 4 <= bytes.count else { throw failure(.unexpectedEnd) }
            guard let unit = hexQuad(at: position) else { throw failure(.invalidEscape, at: backslash) }
            position += 4
            var scalar = UInt32(unit)
            switch unit {
            case 0xD800...0xDBFF:
                // A high surrogate pairs with a `\uDC00`...`\uDFFF` right after it; otherwise it
                // stands alone and what follows is read on its own.
                if position + 6 <= bytes.count, bytes[position] == UInt8(ascii: "\\"),
                   bytes[position + 1] == UInt8(ascii: "u"), let low = hexQuad(at: position + 2),
                   (0xDC00...0xDFFF).contains(low)
                {
                    scalar = 0x10000 + (UInt32(unit - 0xD800) << 10) + UInt32(low - 0xDC00)
                    position += 6
                } else {
                    scalar = 0xFFFD
                    replacedSurrogates += 1
                }
            case 0xDC00...0xDFFF:
                scalar = 0xFFFD
                replacedSurrogates += 1
            default:
                break
            }
            appendUTF8(scalar)
        default:
            throw failure(.invalidEscape, at: backslash)
        }
    }

    /// The four hex digits at `offset` as a UTF-16 code unit; nil if any is not a hex digit.
    private func hexQuad(at offset: Int) -> UInt16? {
        var unit: UInt16 = 0
        for index in offset..<offset + 4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            unit = unit << 4 | UInt16(digit)
        }
        return unit
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// The number starting at `position`, as written: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func number() throws(Failure) -> String {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else { throw failure(.invalidNumber, at: start) }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
        } else {
            skipDigits()
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else { throw failure(.invalidNumber, at: start) }
            skipDigits()
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < bytes.count, isDigit(bytes[position]) else { throw failure(.invalidNumber, at: start) }
            skipDigits()
        }
        // Kept as written, even when no Double holds it (`1e400`): a field Dyad never reads
        // costs no record; one it reads keeps its text (`InputReader`).
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    private mutating func skipDigits() {
        while position < bytes.count, isDigit(bytes[position]) { position += 1 }
    }
}
