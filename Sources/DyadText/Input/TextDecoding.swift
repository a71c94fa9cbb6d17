import Foundation

/// Bytes to text: UTF-8 only, repaired rather than refused, with the repairs counted.
///
/// Latin-1 and other encodings are not guessed: a guess that is wrong silently corrupts names,
/// while a counted repair (U+FFFD) is visible in the statistics and in the output.
public struct DecodedText: Sendable, Equatable {
    public var text: String
    /// Invalid UTF-8 sequences replaced by U+FFFD (one per maximal invalid subpart, as Swift's
    /// `String(decoding:)` and Python's `errors="replace"` count them).
    public var repairedSequences: Int
    /// Whether a leading UTF-8 byte order mark was dropped.
    public var droppedByteOrderMark: Bool

    public init(text: String, repairedSequences: Int, droppedByteOrderMark: Bool) {
        self.text = text
        self.repairedSequences = repairedSequences
        self.droppedByteOrderMark = droppedByteOrderMark
    }
}

public enum TextDecoding {
    /// How far into a file a NUL byte marks it as binary before any record is read.
    public static let binaryProbeLength = 8192

    /// Decodes a whole file or record. Throws for empty input and for NUL bytes (binary content),
    /// naming `origin` in the problem.
    public static func decode(_ bytes: [UInt8], origin: String, line: Int? = nil) throws -> DecodedText {
        if bytes.isEmpty {
            throw InputProblem(origin: origin, line: line, message: "empty input")
        }
        // UTF-16 and UTF-32 text says so by its byte order mark: decoded, not refused as binary.
        if let wide = WideUnicode(startOf: bytes[...]) {
            guard let text = String(bytes: bytes[wide.byteOrderMarkLength...], encoding: wide.encoding), !text.contains("\0") else {
                throw InputProblem(origin: origin, line: line, message: "starts with a \(wide.name) byte order mark but is not valid \(wide.name)")
            }
            return DecodedText(text: text, repairedSequences: 0, droppedByteOrderMark: true)
        }
        if let nul = firstNUL(in: bytes[...]) {
            throw InputProblem(
                origin: origin, line: line,
                message: "binary content (NUL byte at offset \(nul)); expected UTF-8 text")
        }
        return decodeRepairing(bytes[...])
    }

    /// Decodes without the empty/binary checks (for fields and lines already checked).
    public static func decodeRepairing(_ bytes: ArraySlice<UInt8>) -> DecodedText {
        let (body, droppedBOM) = droppingByteOrderMark(bytes)
        let repaired = invalidSequenceCount(body)
        // String(decoding:) replaces exactly the subparts counted above.
        let text = String(decoding: body, as: UTF8.self)
        return DecodedText(text: text, repairedSequences: repaired, droppedByteOrderMark: droppedBOM)
    }

    /// Calls `body` with the bytes as valid UTF-8 (a leading byte order mark dropped, invalid
    /// sequences replaced by U+FFFD, as `decodeRepairing` does) and the number replaced, for
    /// readers that parse bytes rather than text. Valid input is passed as it is, uncopied.
    public static func withRepairedUTF8<Result>(
        _ bytes: ArraySlice<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, _ repairedSequences: Int) -> Result
    ) -> Result {
        let (valid, _) = droppingByteOrderMark(bytes)
        let repaired = invalidSequenceCount(valid)
        if repaired == 0 { return valid.withUnsafeBufferPointer { body($0, 0) } }
        var text = String(decoding: valid, as: UTF8.self)
        return text.withUTF8 { body($0, repaired) }
    }

    private static func droppingByteOrderMark(_ bytes: ArraySlice<UInt8>) -> (ArraySlice<UInt8>, dropped: Bool) {
        let start = bytes.startIndex
        if bytes.count >= 3, bytes[start] == 0xEF, bytes[start + 1] == 0xBB, bytes[start + 2] == 0xBF {
            return (bytes.dropFirst(3), true)
        }
        return (bytes, false)
    }

    /// Offset of the first NUL byte, if any.
    public static func firstNUL(in bytes: ArraySlice<UInt8>) -> Int? {
        // memchr rather than a byte loop: every JSONL line is searched whole.
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, let found = memchr(base, 0, buffer.count) else { return nil }
            return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
        }
    }

    /// Counts maximal invalid subparts of UTF-8 (Unicode 15, section 3.9, "U+FFFD substitution
    /// of maximal subparts"): each is what one U+FFFD replaces.
    public static func invalidSequenceCount(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.withUnsafeBufferPointer(invalidSequenceCount)
    }

    private static func invalidSequenceCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var index = 0
        let end = bytes.count
        while index < end {
            // Most text is ASCII: eight bytes at a time while none has its high bit set.
            while end - index >= 8,
                  UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                index += 8
            }
            guard index < end else { break }
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            // Expected length and the allowed range of the second byte (Table 3-7).
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default:
                count += 1
                index += 1
                continue
            }
            var consumed = 1
            var valid = true
            while consumed < length {
                let position = index + consumed
                guard position < end else { valid = false; break }
                let byte = bytes[position]
                let (lo, hi): (UInt8, UInt8) = consumed == 1 ? (low, high) : (0x80, 0xBF)
                guard byte >= lo && byte <= hi else { valid = false; break }
                consumed += 1
            }
            if !valid { count += 1 }
            index += consumed
        }
        return count
    }
}

/// UTF-16 or UTF-32 text, known by its byte order mark.
public struct WideUnicode: Sendable {
    public var name: String
    public var encoding: String.Encoding
    public var byteOrderMarkLength: Int

    /// The encoding the first bytes announce, if they start with a UTF-16 or UTF-32 mark.
    public init?(startOf bytes: ArraySlice<UInt8>) {
        let start = Array(bytes.prefix(4))
        switch start {
        case let b where b.count >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0:
            (name, encoding, byteOrderMarkLength) = ("UTF-32LE", .utf32LittleEndian, 4)
        case let b where b.count >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF:
            (name, encoding, byteOrderMarkLength) = ("UTF-32BE", .utf32BigEndian, 4)
        case let b where b.count >= 2 && b[0] == 0xFF && b[1] == 0xFE:
            (name, encoding, byteOrderMarkLength) = ("UTF-16LE", .utf16LittleEndian, 2)
        case let b where b.count >= 2 && b[0] == 0xFE && b[1] == 0xFF:
            (name, encoding, byteOrderMarkLength) = ("UTF-16BE", .utf16BigEndian, 2)
        default:
            return nil
        }
    }
}
