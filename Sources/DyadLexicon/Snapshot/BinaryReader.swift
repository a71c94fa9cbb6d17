/// What went wrong reading a snapshot, before the section it happened in is known:
/// `BinaryReader.section` adds it.
enum SnapshotFault: Error {
    case truncated
    case malformed(String)

    /// Keys and values read as two columns, as a dictionary; a key met twice is a malformed
    /// snapshot (no writer stores one twice), named as `twice` says.
    static func dictionary<Key: Hashable, Value>(
        _ keys: [Key], _ values: [Value], twice: (Key) -> String = { "key '\($0)' twice" }
    ) throws -> [Key: Value] {
        var result: [Key: Value] = [:]
        result.reserveCapacity(keys.count)
        for (key, value) in zip(keys, values) {
            guard result.updateValue(value, forKey: key) == nil else { throw malformed(twice(key)) }
        }
        return result
    }
}

/// Reads little-endian integers and bytes from a buffer, every read checked against the end of
/// the buffer (or of the current section): a truncated or damaged file throws, never traps.
struct BinaryReader {
    static let hostIsLittleEndian = 1.littleEndian == 1

    private let bytes: [UInt8]
    private(set) var offset: Int
    /// Where the current section (or the buffer) ends.
    private let end: Int

    init(_ bytes: [UInt8], from offset: Int = 0) {
        self.bytes = bytes
        self.offset = min(max(offset, 0), bytes.count)
        self.end = bytes.count
    }

    private init(_ bytes: [UInt8], from offset: Int, to end: Int) {
        self.bytes = bytes
        self.offset = offset
        self.end = end
    }

    var remaining: Int { end - offset }

    mutating func read<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        let size = MemoryLayout<T>.size
        guard size <= remaining else { throw SnapshotFault.truncated }
        let start = offset
        offset += size
        let value = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: start, as: T.self) }
        return T(littleEndian: value)
    }

    /// A count written by `BinaryWriter.writeCount`.
    mutating func readCount() throws -> Int {
        Int(try read(UInt32.self))
    }

    /// `count` integers in one copy (on a little-endian host). A count larger than what is
    /// left throws before anything is allocated.
    mutating func readArray<T: FixedWidthInteger>(_ type: T.Type, count: Int) throws -> [T] {
        let size = MemoryLayout<T>.size
        guard count >= 0, count <= remaining / size else { throw SnapshotFault.truncated }
        let start = offset
        let byteCount = count * size
        offset += byteCount
        let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[start..<start + byteCount]))
            }
            initialized = count
        }
        return Self.hostIsLittleEndian ? values : values.map { T(littleEndian: $0) }
    }

    /// `count` raw bytes copied into memory laid out as `T` (structs of integers whose layout the
    /// caller has checked against the file's).
    mutating func readRaw<T>(_ type: T.Type, count: Int) throws -> [T] {
        let stride = MemoryLayout<T>.stride
        guard count >= 0, count <= remaining / stride else { throw SnapshotFault.truncated }
        let start = offset
        let byteCount = count * stride
        offset += byteCount
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[start..<start + byteCount]))
            }
            initialized = count
        }
    }

    /// Calls `body` with the next `count` bytes, without copying them, and moves past them.
    mutating func withBytes<R>(count: Int, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        guard count >= 0, count <= remaining else { throw SnapshotFault.truncated }
        let start = offset
        offset += count
        return try bytes.withUnsafeBytes { raw in
            try body(UnsafeRawBufferPointer(rebasing: raw[start..<start + count]))
        }
    }

    /// Reads a section: its four-byte tag (which must be `tag`), its length, then `body` over a
    /// reader that ends where the section ends and must read all of it. Faults inside become
    /// `LexiconSnapshotError`s naming the section.
    mutating func section<R>(_ tag: SnapshotSection, _ body: (inout BinaryReader) throws -> R) throws -> R {
        do {
            let found = try read(UInt32.self)
            guard found == tag.code else {
                throw LexiconSnapshotError.malformed(section: tag.name, detail: "expected section tag \(tag.rawValue), found \(SnapshotSection.describe(found))")
            }
            let length = try read(UInt64.self)
            guard length <= UInt64(remaining) else { throw SnapshotFault.truncated }
            var inner = BinaryReader(bytes, from: offset, to: offset + Int(length))
            let result = try body(&inner)
            guard inner.remaining == 0 else { throw SnapshotFault.malformed("\(inner.remaining) byte(s) left over at its end") }
            offset += Int(length)
            return result
        } catch SnapshotFault.truncated {
            throw LexiconSnapshotError.truncated(section: tag.name)
        } catch SnapshotFault.malformed(let detail) {
            throw LexiconSnapshotError.malformed(section: tag.name, detail: detail)
        }
    }
}
