/// Byte and scalar classification for the tokenizer and the sentence splitter, in a namespace so
/// that other files of the module can have helpers of their own.
enum TokenizerBytes {
    /// The class of a non-ASCII scalar; ASCII is classified inline.
    enum ScalarKind: UInt8 {
        /// Unicode spaces and invisible separators (NBSP, thin space, U+2028, BOM): skipped like ' '.
        case space
        /// Letters and combining marks of scripts written with spaces (Latin, Greek, Cyrillic,
        /// Arabic, Hebrew, Indic, ...): part of words.
        case letter
        /// Scripts written without spaces (CJK ideographs, kana, hangul): a run is one token.
        case cjk
        /// U+2019, the curly apostrophe: a clitic inside a word, a closing quote elsewhere.
        case apostrophe
        /// Quotation marks other than U+2019.
        case quote
        /// Dashes and the minus sign; a run of the same one is one token.
        case dash
        /// Other punctuation (ellipsis, inverted marks, CJK and Arabic punctuation).
        case punctuation
        /// Everything else: currency, emoji, U+FFFD, private use.
        case symbol
        /// Joiners, variation selectors, skin tones and tags, which extend the symbol before them.
        case extender
    }

    /// The scalar whose UTF-8 encoding starts at `index`, and its length in bytes; nil when the bytes
    /// there are not well-formed UTF-8 (stray continuation, overlong, surrogate, truncated).
    @inline(__always)
    static func decodeScalar(_ bytes: [UInt8], at index: Int) -> (value: UInt32, length: Int)? {
        let count = bytes.count
        guard index >= 0, index < count else { return nil }
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        if lead < 0xC2 { return nil }  // continuation byte or overlong two-byte lead
        if lead < 0xE0 {
            guard index + 1 < count else { return nil }
            let second = bytes[index + 1]
            guard second & 0xC0 == 0x80 else { return nil }
            return (UInt32(lead & 0x1F) << 6 | UInt32(second & 0x3F), 2)
        }
        if lead < 0xF0 {
            guard index + 2 < count else { return nil }
            let second = bytes[index + 1], third = bytes[index + 2]
            guard second & 0xC0 == 0x80, third & 0xC0 == 0x80 else { return nil }
            let value = UInt32(lead & 0x0F) << 12 | UInt32(second & 0x3F) << 6 | UInt32(third & 0x3F)
            guard value >= 0x800, !(0xD800...0xDFFF).contains(value) else { return nil }
            return (value, 3)
        }
        if lead < 0xF5 {
            guard index + 3 < count else { return nil }
            let second = bytes[index + 1], third = bytes[index + 2], fourth = bytes[index + 3]
            guard second & 0xC0 == 0x80, third & 0xC0 == 0x80, fourth & 0xC0 == 0x80 else { return nil }
            let value = UInt32(lead & 0x07) << 18 | UInt32(second & 0x3F) << 12
                | UInt32(third & 0x3F) << 6 | UInt32(fourth & 0x3F)
            guard value >= 0x10000, value <= 0x10FFFF else { return nil }
            return (value, 4)
        }
        return nil
    }

    /// The class of a non-ASCII scalar. Ranges are Unicode blocks, coarse on purpose: what matters
    /// is word versus no-space script versus punctuation versus symbol.
    static func scalarKind(_ value: UInt32) -> ScalarKind {
        switch value {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x200E, 0x200F, 0x2028...0x202F, 0x205F...0x2064,
             0x2066...0x2069, 0x3000, 0xFEFF:
            return .space  // also bidi marks and invisible operators, which carry no text
        case 0xAA, 0xAD, 0xB5, 0xBA, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF:
            // Latin-1 letters (and the soft hyphen, which sits inside words), Latin Extended, IPA,
            // modifier letters.
            return .letter
        case 0xAB, 0xBB:
            return .quote
        case 0xA1, 0xA7, 0xB6, 0xB7, 0xBF:
            return .punctuation
        case 0x300...0x36F:
            return .letter  // combining diacritics belong to the letter before them
        case 0x37E, 0x387, 0x589, 0x5BE, 0x5C0, 0x5C3, 0x5C6, 0x5F3, 0x5F4,
             0x60C, 0x60D, 0x61B, 0x61F, 0x66A...0x66D, 0x6D4, 0x964, 0x965:
            return .punctuation  // punctuation inside letter blocks (Greek, Armenian, Hebrew, Arabic, Devanagari)
        case 0x370...0x10FF:
            return .letter  // Greek, Cyrillic, Armenian, Hebrew, Arabic, Syriac, Indic, Thai, Georgian...
        case 0x1100...0x11FF:
            return .cjk  // Hangul jamo
        case 0x1200...0x1FFF:
            return .letter  // Ethiopic, Cherokee, Khmer, Mongolian, Latin Extended Additional, Greek Extended
        case 0x200C, 0x200D, 0x20E3, 0xFE00...0xFE0F, 0x1F3FB...0x1F3FF, 0xE0020...0xE007F:
            return .extender
        case 0x2010...0x2015, 0x2212:
            return .dash
        case 0x2019:
            return .apostrophe
        case 0x2018, 0x201A...0x201F, 0x2039, 0x203A:
            return .quote
        case 0x2016, 0x2017, 0x2020...0x2027, 0x2030...0x2038, 0x203B...0x205E:
            return .punctuation
        case 0x2C60...0x2C7F, 0x2D00...0x2D2F, 0xA640...0xA69F, 0xA720...0xA7FF, 0xAB30...0xAB6F:
            return .letter  // Latin Extended C/D/E, Georgian supplement, Cyrillic Extended-B
        case 0x3001...0x3004, 0x3008...0x3020, 0x3030, 0x303D, 0x30FB, 0xFF01...0xFF0F, 0xFF1A...0xFF20,
             0xFF3B...0xFF40, 0xFF5B...0xFF65:
            return .punctuation  // CJK and fullwidth punctuation
        case 0x2E80...0x2FDF, 0x3005...0x3007, 0x3021...0x3029, 0x3031...0x3035, 0x3038...0x303C,
             0x3040...0x31FF, 0x3200...0x32FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xA960...0xA97F, 0xAC00...0xD7FF, 0xF900...0xFAFF, 0xFF66...0xFF9F, 0x20000...0x3FFFF:
            return .cjk
        case 0xFB00...0xFDFF, 0xFE70...0xFEFE, 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A:
            return .letter  // ligatures, Hebrew and Arabic presentation forms, fullwidth Latin
        default:
            return .symbol
        }
    }

    /// Whether the byte at `index` starts whitespace (ASCII or Unicode). False past the end.
    @inline(__always)
    static func isWhitespace(_ bytes: [UInt8], at index: Int) -> Bool {
        guard index >= 0, index < bytes.count else { return false }
        let byte = bytes[index]
        if byte < 0x80 { return isASCIIWhitespace(byte) }
        guard let scalar = decodeScalar(bytes, at: index) else { return false }
        return scalarKind(scalar.value) == .space
    }

    @inline(__always) static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }
    @inline(__always) static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isASCIIUpper(_ byte: UInt8) -> Bool { byte &- 0x41 < 26 }
    @inline(__always) static func isASCIILower(_ byte: UInt8) -> Bool { byte &- 0x61 < 26 }
    @inline(__always) static func isASCIIDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
    @inline(__always) static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        isASCIILetter(byte) || isASCIIDigit(byte)
    }
}
