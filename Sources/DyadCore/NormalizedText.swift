/// Text after normalization, as UTF-8 bytes, with a map from every byte back to the text as read.
///
/// Normalization replaces curly quotes, dashes, odd spaces, entities and ligatures, so the
/// normalized text is shorter or longer than the original. `originalOffsets[i]` is the byte
/// offset in the original text where normalized byte `i` came from; it has one entry past the
/// end so that ranges map back as well.
public struct NormalizedText: Sendable, Hashable {
    public let bytes: [UInt8]
    public let originalOffsets: [Int32]

    public init(bytes: [UInt8], originalOffsets: [Int32]) {
        precondition(originalOffsets.count == bytes.count + 1, "one offset per byte plus the end")
        self.bytes = bytes
        self.originalOffsets = originalOffsets
    }

    /// Text that needed no change: every byte maps to itself.
    public init(unchanged text: String) {
        let bytes = Array(text.utf8)
        self.bytes = bytes
        self.originalOffsets = (0...bytes.count).map { Int32($0) }
    }

    /// The original byte range a normalized byte range came from.
    public func originalRange(_ range: Range<Int>) -> Range<Int> {
        let lower = Int(originalOffsets[range.lowerBound])
        // The end maps from the last byte inside the range, so a replaced character is covered whole.
        let upper = range.isEmpty ? lower : Int(originalOffsets[range.upperBound])
        return lower..<max(lower, upper)
    }

    /// The normalized text of a byte range, as a String.
    public func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}

/// Converts UTF-8 byte offsets into character (Unicode scalar) offsets, as Python's `str` counts
/// them. Built once per text; each lookup is a binary search over scalar starts.
public struct CharacterOffsets: Sendable {
    /// Nil for ASCII text, where every byte is a character: most news, and every document pays
    /// for this table whether or not it has events.
    private let scalarStarts: [Int32]?
    private let byteCount: Int

    public init(utf8 bytes: some Collection<UInt8>) {
        byteCount = bytes.count
        if bytes.allSatisfy({ $0 < 0x80 }) {
            scalarStarts = nil
            return
        }
        var starts: [Int32] = []
        starts.reserveCapacity(bytes.count)
        var offset: Int32 = 0
        for byte in bytes {
            if byte & 0xC0 != 0x80 { starts.append(offset) }
            offset += 1
        }
        scalarStarts = starts
    }

    /// Number of scalars that start before `byteOffset`.
    public func characterOffset(ofByte byteOffset: Int) -> Int {
        guard let scalarStarts else { return min(max(byteOffset, 0), byteCount) }
        var low = 0, high = scalarStarts.count
        while low < high {
            let mid = (low + high) / 2
            if Int(scalarStarts[mid]) < byteOffset { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

/// An article's text as read, with character offsets for any byte range: every span that leaves
/// the pipeline (event evidence, places, times, stored sentences) is written from it, so the
/// bytes and the offset table are built once per document.
public struct OriginalText: Sendable {
    public let bytes: [UInt8]
    public let characters: CharacterOffsets

    public init(_ text: String) {
        bytes = Array(text.utf8)
        characters = CharacterOffsets(utf8: bytes)
    }

    /// Character offsets and words of a byte range, clamped to the text.
    public func span(_ byteRange: Range<Int>) -> TextSpan {
        let lower = min(max(0, byteRange.lowerBound), bytes.count)
        let upper = min(max(lower, byteRange.upperBound), bytes.count)
        return TextSpan(start: characters.characterOffset(ofByte: lower), end: characters.characterOffset(ofByte: upper),
                        text: String(decoding: bytes[lower..<upper], as: UTF8.self))
    }
}

extension Document {
    /// The original words of a range of tokens and their character offsets.
    public func span(ofTokens range: Range<Int>, in original: OriginalText) -> TextSpan {
        original.span(originalByteRange(ofTokens: range))
    }
}
