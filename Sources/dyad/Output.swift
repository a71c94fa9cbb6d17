import Foundation

/// Buffered standard output: commands write many small lines, and `print` flushes too often to
/// keep up with the pipeline.
final class StandardOutput {
    private var buffer: [UInt8] = []
    private let limit = 1 << 16

    init() { buffer.reserveCapacity(limit + 4096) }

    func write(_ string: String) { write(bytes: string.utf8) }

    func write(bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= limit { flush() }
    }

    func writeLine(_ string: String) {
        write(string)
        buffer.append(0x0A)
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(1, raw.baseAddress! + offset, raw.count - offset)
                if written <= 0 { break }  // a closed pipe (`| head`): stop writing, do not crash
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}

/// Messages for the user on standard error, one line each.
enum Diagnostics {
    static func error(_ message: String) { writeLine("dyad: error: \(message)") }
    static func warning(_ message: String) { writeLine("dyad: warning: \(message)") }
    static func note(_ message: String) { writeLine(message) }
    static func flush() {}

    private static func writeLine(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
