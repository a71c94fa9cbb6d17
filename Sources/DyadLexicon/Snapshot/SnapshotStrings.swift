/// The strings of a snapshot being written, numbered in the order they are first met: each
/// distinct string is stored once however often it is used (a file name by every actor and
/// pattern of the file, a code by thousands of entries).
struct SnapshotStringTableBuilder {
    private var table = NumberedTable<String>()
    private var strings: [String] { table.values }

    mutating func number(_ string: String) -> UInt32 { table.number(string) }

    mutating func number(_ string: String?) -> UInt32 {
        string.map { number($0) } ?? SnapshotStringTable.none
    }

    /// The table: its count, the end of each string, the length of all of them, their bytes.
    func write(to writer: inout BinaryWriter) {
        var bytes: [UInt8] = []
        var ends: [UInt32] = []
        ends.reserveCapacity(strings.count)
        for string in strings {
            bytes.append(contentsOf: string.utf8)
            ends.append(UInt32(bytes.count))
        }
        writer.writeCount(strings.count)
        writer.write(contentsOf: ends)
        writer.writeCount(bytes.count)
        writer.write(bytes: bytes)
    }
}

/// The strings of a snapshot being read, each made once and shared by every value using it.
struct SnapshotStringTable {
    /// The number that stands for nil.
    static let none = UInt32.max

    private let strings: [String]

    init(reading reader: inout BinaryReader) throws {
        let count = try reader.readCount()
        let ends = try reader.readArray(UInt32.self, count: count)
        let byteCount = try reader.readCount()
        var strings: [String] = []
        strings.reserveCapacity(count)
        try reader.withBytes(count: byteCount) { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            for (number, end) in ends.enumerated() {
                let end = Int(end)
                guard start <= end, end <= bytes.count else { throw SnapshotFault.malformed("string \(number) ends outside the table") }
                guard let string = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self) else {
                    throw SnapshotFault.malformed("string \(number) is not valid UTF-8")
                }
                strings.append(string)
                start = end
            }
            guard start == bytes.count else { throw SnapshotFault.malformed("\(bytes.count - start) byte(s) after the last string") }
        }
        self.strings = strings
    }

    func string(_ number: UInt32) throws -> String {
        guard Int(number) < strings.count else { throw SnapshotFault.malformed("string number \(number) of \(strings.count)") }
        return strings[Int(number)]
    }

    func optionalString(_ number: UInt32) throws -> String? {
        number == Self.none ? nil : try string(number)
    }

    func strings(_ numbers: [UInt32]) throws -> [String] {
        try numbers.map { try string($0) }
    }
}

extension BinaryWriter {
    /// A list of strings: its count, then their numbers.
    mutating func writeStrings(_ list: [String], strings: inout SnapshotStringTableBuilder) {
        writeCount(list.count)
        write(contentsOf: list.map { strings.number($0) })
    }
}

extension BinaryReader {
    /// A list written by `writeStrings`.
    mutating func readStrings(_ strings: SnapshotStringTable) throws -> [String] {
        try strings.strings(try readArray(UInt32.self, count: try readCount()))
    }
}
