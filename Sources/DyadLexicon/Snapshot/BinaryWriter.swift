/// Appends integers and bytes to a buffer in little-endian order: the writing half of lexicon
/// snapshots (`BinaryReader` reads them back).
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    init() {}

    mutating func write<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// A count or an offset, as the 32 bits snapshots give them. Everything counted comes from
    /// a lexicon in memory, whose arrays are far below 2^32 elements.
    mutating func writeCount(_ count: Int) {
        precondition(count >= 0 && count <= Int(UInt32.max), "a snapshot count must fit 32 bits")
        write(UInt32(count))
    }

    /// Every element of `values`, without their count; on a little-endian host one copy.
    mutating func write<T: FixedWidthInteger>(contentsOf values: [T]) {
        if BinaryReader.hostIsLittleEndian {
            values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        } else {
            for value in values { write(value) }
        }
    }

    mutating func write(bytes other: some Collection<UInt8>) {
        bytes.append(contentsOf: other)
    }
}
