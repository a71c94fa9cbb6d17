import Foundation

/// A file or stdin read in chunks, split into lines without holding the whole input.
///
/// Lines are found by scanning each byte once: a line longer than a chunk grows the buffer and
/// the scan resumes where it stopped, so a 20 MB line costs linear time. Consumed bytes are
/// dropped only when they are more than half the buffer, which keeps compaction linear too.
final class ByteLines {
    static let chunkSize = 1 << 20

    private let handle: FileHandle
    private let closesHandle: Bool
    private var buffer: [UInt8] = []
    /// Start of the unconsumed bytes in `buffer`.
    private var head = 0
    /// Where the search for the next newline resumes.
    private var scanned = 0
    private var atEnd = false
    /// 1-based number of the line `nextLine` returns next.
    private(set) var nextLineNumber = 1

    /// Opens `path` ("-" is stdin). Throws an `InputProblem` naming the file when it cannot.
    init(path: String) throws {
        if path == "-" {
            handle = FileHandle.standardInput
            closesHandle = false
        } else {
            guard let opened = FileHandle(forReadingAtPath: path) else {
                throw InputProblem(origin: path, message: "cannot open file")
            }
            handle = opened
            closesHandle = true
        }
    }

    deinit {
        if closesHandle { try? handle.close() }
    }

    /// Reads until at least `count` unconsumed bytes are buffered or the input ends, and returns
    /// them (for the binary and empty checks before any record is read).
    func peek(_ count: Int) -> ArraySlice<UInt8> {
        while buffer.count - head < count, readChunk() {}
        return buffer[head..<min(buffer.count, head + count)]
    }

    /// The next line without its LF (and without a CR before it); nil at the end of input.
    func nextLine() -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[scanned...].firstIndex(of: 0x0A) {
                var end = newline
                if end > head, buffer[end - 1] == 0x0D { end -= 1 }
                let line = buffer[head..<end]
                head = newline + 1
                scanned = head
                nextLineNumber += 1
                return line
            }
            scanned = buffer.count
            if !readChunk() {
                guard head < buffer.count else { return nil }
                var end = buffer.count
                if buffer[end - 1] == 0x0D { end -= 1 }
                let line = buffer[head..<end]
                head = buffer.count
                scanned = head
                nextLineNumber += 1
                return line
            }
        }
    }

    /// Everything not yet consumed, to the end of the input.
    func readAll() -> [UInt8] {
        while readChunk() {}
        let rest = Array(buffer[head...])
        head = buffer.count
        scanned = head
        return rest
    }

    /// Appends one chunk; false at the end of input.
    private func readChunk() -> Bool {
        guard !atEnd else { return false }
        if head > 0, head * 2 > buffer.count {
            buffer.removeSubrange(0..<head)
            scanned -= head
            head = 0
        }
        let data: Data?
        do {
            data = try handle.read(upToCount: ByteLines.chunkSize)
        } catch {
            data = nil
        }
        guard let data, !data.isEmpty else {
            atEnd = true
            return false
        }
        buffer.append(contentsOf: data)
        return true
    }
}
