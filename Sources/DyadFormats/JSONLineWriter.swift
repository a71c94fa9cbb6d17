import DyadCore

/// Writes one JSON object, keys in the order given, like `JSONObjectWriter`, for the hot path of
/// `dyad code`: an event line of some 70 members.
///
/// Bytes go through a pointer into a small chunk of stack memory, which moves to the output
/// array when it fills and at the end. Appending every key and value to the array on its own
/// (a uniqueness check, a capacity check and a generic copy each time) was most of the cost of
/// writing a line.
struct JSONLineWriter: ~Copyable {
    /// Small enough that the chunk is always on the stack (larger temporary allocations first
    /// ask the runtime whether the stack has room).
    static let chunkSize = 1024

    private let chunk: UnsafeMutablePointer<UInt8>
    private var used = 0
    private var output: [UInt8] = []
    private var isFirst = true

    private init(chunk: UnsafeMutablePointer<UInt8>) {
        self.chunk = chunk
    }

    /// Appends the object `body` writes to `output`.
    static func write(appendingTo output: inout [UInt8], _ body: (inout JSONLineWriter) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: chunkSize) { chunk in
            var writer = JSONLineWriter(chunk: chunk.baseAddress!)
            swap(&writer.output, &output)
            writer.byte(UInt8(ascii: "{"))
            body(&writer)
            writer.byte(UInt8(ascii: "}"))
            writer.flush()
            swap(&writer.output, &output)
        }
    }

    @inline(__always)
    mutating func add(_ key: StaticString, _ value: String?) {
        beginMember(key)
        if let value { quoted(value) } else { null() }
    }

    @inline(__always)
    mutating func add(_ key: StaticString, _ value: Int?) {
        beginMember(key)
        guard let value else { return null() }
        let start = room(DecimalText.maxIntegerLength)
        used += DecimalText.write(value, to: start)
    }

    /// A finite number as `Double.description` writes it; null otherwise.
    @inline(__always)
    mutating func add(_ key: StaticString, _ value: Double?) {
        beginMember(key)
        guard let value, value.isFinite else { return null() }
        let start = room(JSONText.maxNumberLength)
        used += JSONText.write(value, to: start)
    }

    @inline(__always)
    mutating func add(_ key: StaticString, _ value: Bool) {
        beginMember(key)
        literal(value ? "true" : "false")
    }

    /// Adds a string given as UTF-8 bytes (a part of a larger string, without building it).
    @inline(__always)
    mutating func add(_ key: StaticString, utf8 value: UnsafeBufferPointer<UInt8>) {
        beginMember(key)
        quoted(value)
    }

    @inline(__always)
    mutating func addNull(_ key: StaticString) {
        beginMember(key)
        null()
    }

    /// Opens a nested object under `key`; the members added until `endObject()` go into it.
    @inline(__always)
    mutating func beginObject(_ key: StaticString) {
        beginMember(key)
        byte(UInt8(ascii: "{"))
        isFirst = true
    }

    @inline(__always)
    mutating func endObject() {
        byte(UInt8(ascii: "}"))
        isFirst = false
    }

    /// `,"key":`. Keys are the program's own literals: none needs escaping.
    ///
    /// Inlined into every `add`, and they into their callers, so that each key is a constant of
    /// known length where it is written: its copy becomes a few stores instead of a `memcpy`
    /// call, which cost more than the copy for keys this short.
    @inline(__always)
    private mutating func beginMember(_ key: StaticString) {
        assert(key.utf8CodeUnitCount < 128, "a JSON key longer than the writer expects")
        assert(!UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
            .contains { JSONText.needsEscape($0) }, "a JSON key that needs escaping")
        let count = key.utf8CodeUnitCount
        if count + 4 > Self.chunkSize - used { flush() }
        // The comma is always stored and kept only after another member: no branch.
        var cursor = chunk + used
        cursor.pointee = UInt8(ascii: ",")
        cursor += isFirst ? 0 : 1
        isFirst = false
        cursor.pointee = UInt8(ascii: "\"")
        (cursor + 1).update(from: key.utf8Start, count: count)
        cursor += count + 1
        cursor[0] = UInt8(ascii: "\"")
        cursor[1] = UInt8(ascii: ":")
        used = cursor + 2 - chunk
    }

    private mutating func null() { literal("null") }

    private mutating func literal(_ text: StaticString) {
        bytes(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    @inline(never)
    private mutating func quoted(_ string: String) {
        // Reads the bytes in place without copying the String (and so without retaining it);
        // every native string has contiguous UTF-8.
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { quoted($0) }
        if done == nil {
            var string = string
            string.withUTF8 { quoted($0) }
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped (RFC 8259),
    /// everything else as it is.
    ///
    /// When the text fits in the chunk (almost always), it is scanned and copied in one pass,
    /// a word at a time, up to its first byte to escape; the rest, and text that does not fit,
    /// goes run by run between escapes.
    private mutating func quoted(_ text: UnsafeBufferPointer<UInt8>) {
        guard let base = text.baseAddress else { return literal("\"\"") }
        let count = text.count
        var start = 0
        // The text and its quotes fit: no store below goes past them.
        if count + 2 <= Self.chunkSize - used {
            var cursor = chunk + used
            cursor.pointee = UInt8(ascii: "\"")
            cursor += 1
            while start + 8 <= count {
                let word = UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self)
                if JSONText.wordNeedsEscape(word) { break }
                UnsafeMutableRawPointer(cursor).storeBytes(of: word, as: UInt64.self)
                cursor += 8
                start += 8
            }
            // Fewer than eight bytes left, none known to need escaping: the word ending at the
            // text's end, overlapping what is copied.
            if start < count, start + 8 > count, count >= 8 {
                let word = UnsafeRawPointer(base + count - 8).loadUnaligned(as: UInt64.self)
                if !JSONText.wordNeedsEscape(word) {
                    UnsafeMutableRawPointer(cursor - (start - (count - 8))).storeBytes(of: word, as: UInt64.self)
                    cursor += count - start
                    start = count
                }
            }
            while start < count, !JSONText.needsEscape(base[start]) {
                cursor.pointee = base[start]
                cursor += 1
                start += 1
            }
            used = cursor - chunk
            if start == count { return byte(UInt8(ascii: "\"")) }
        } else {
            byte(UInt8(ascii: "\""))
        }
        var runStart = start
        while true {
            let escape = JSONText.firstEscape(in: text, from: runStart)
            bytes(UnsafeBufferPointer(rebasing: text[runStart..<escape]))
            guard escape < text.count else { break }
            let start = room(JSONText.maxEscapeLength)
            used += JSONText.writeEscape(text[escape], to: start)
            runStart = escape + 1
        }
        byte(UInt8(ascii: "\""))
    }

    private mutating func byte(_ value: UInt8) {
        room(1).pointee = value
        used += 1
    }

    private mutating func bytes(_ values: UnsafeBufferPointer<UInt8>) {
        guard let base = values.baseAddress else { return }
        if values.count > Self.chunkSize - used {
            flush()
            // Longer than the whole chunk: straight to the output.
            if values.count > Self.chunkSize { return output.append(contentsOf: values) }
        }
        (chunk + used).update(from: base, count: values.count)
        used += values.count
    }

    /// Where the next `count` bytes (at most a chunk) go, flushing the chunk when they do not fit.
    private mutating func room(_ count: Int) -> UnsafeMutablePointer<UInt8> {
        if count > Self.chunkSize - used { flush() }
        return chunk + used
    }

    private mutating func flush() {
        output.append(contentsOf: UnsafeBufferPointer(start: chunk, count: used))
        used = 0
    }
}

/// The byte-level pieces of JSON text both writers share.
enum JSONText {
    static let maxEscapeLength = 6
    /// `Double.description` is at most 24 bytes ("-2.2250738585072014e-308").
    static let maxNumberLength = 32

    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool { byte == 0x22 || byte == 0x5C || byte < 0x20 }

    /// Whether some byte of `word` needs escaping: is below 0x20, a quote or a backslash.
    ///
    /// `(x - 0x01…01·limit) & ~x & 0x80…80` is nonzero exactly when some byte of `x` is below
    /// `limit` (at most 0x80): subtracting borrows into the high bit of the first such byte. A
    /// byte equals a quote when it is below 1 after XOR with quotes; XOR with bytes under 0x80
    /// keeps the high bits, so the three tests share one `~word` mask.
    @inline(__always)
    static func wordNeedsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let borrows = (word &- ones &* 0x20) | ((word ^ (ones &* 0x22)) &- ones) | ((word ^ (ones &* 0x5C)) &- ones)
        return borrows & ~word & highBits != 0
    }

    /// The position of the first byte from `start` on that needs escaping, or `text.count`.
    ///
    /// Eight bytes at a time while none of them does (most text has nothing to escape).
    static func firstEscape(in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = text.baseAddress else { return text.count }
        var index = start
        while index + 8 <= text.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if wordNeedsEscape(word) { break }
            index += 8
        }
        while index < text.count, !needsEscape(text[index]) { index += 1 }
        return index
    }

    /// The escape of a byte `needsEscape` accepts: `\"`, `\\`, `\n`, `\r`, `\t` or `\u00XX`.
    static func writeEscape(_ byte: UInt8, to output: UnsafeMutablePointer<UInt8>) -> Int {
        output[0] = UInt8(ascii: "\\")
        switch byte {
        case 0x22: output[1] = UInt8(ascii: "\"")
        case 0x5C: output[1] = UInt8(ascii: "\\")
        case 0x0A: output[1] = UInt8(ascii: "n")
        case 0x0D: output[1] = UInt8(ascii: "r")
        case 0x09: output[1] = UInt8(ascii: "t")
        default:
            output[1] = UInt8(ascii: "u")
            output[2] = UInt8(ascii: "0")
            output[3] = UInt8(ascii: "0")
            output[4] = hexDigit(byte >> 4)
            output[5] = hexDigit(byte & 0x0F)
            return 6
        }
        return 2
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    /// `value.description`, byte for byte; returns the number of bytes.
    ///
    /// The numbers of an event line are short decimals: coordinates with four decimals, a
    /// Goldstein score with one, a confidence with two. Such a value, `units / 10^decimals` with at most four
    /// decimals and under 10^7, is written here: `description` writes the shortest digits that
    /// read back as the same Double, and these digits are the only ones of their length that do
    /// (two decimals this short cannot round to one Double). Any other value goes through
    /// `description` itself.
    static func write(_ value: Double, to output: UnsafeMutablePointer<UInt8>) -> Int {
        if let count = writeShortDecimal(value, to: output) { return count }
        var text = value.description
        return text.withUTF8 { utf8 in
            precondition(utf8.count <= maxNumberLength, "a number longer than its room")
            output.update(from: utf8.baseAddress!, count: utf8.count)
            return utf8.count
        }
    }

    private static func writeShortDecimal(_ value: Double, to output: UnsafeMutablePointer<UInt8>) -> Int? {
        let magnitude = value.magnitude
        guard magnitude < 1e7 else { return nil }  // NaN too
        var scale = 1.0  // 10^decimals, exact
        for decimals in 0...4 {
            let units = (magnitude * scale).rounded()
            if units / scale == magnitude {
                var cursor = output
                if value.sign == .minus {
                    cursor.pointee = UInt8(ascii: "-")
                    cursor += 1
                }
                let whole = UInt64(units)
                let divisor = UInt64(scale)
                cursor += DecimalText.writeDigits(whole / divisor, to: cursor)
                cursor.pointee = UInt8(ascii: ".")
                cursor += 1
                // "41.0" for a whole number; "0.05" keeps the zero after the point.
                cursor += DecimalText.writeDigits(whole % divisor, to: cursor, minimumCount: max(decimals, 1))
                return cursor - output
            }
            scale *= 10
        }
        return nil
    }
}
