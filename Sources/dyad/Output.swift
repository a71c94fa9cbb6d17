import DyadCore
import DyadText
import Foundation

/// Buffered standard output: commands write many small lines, and `print` flushes too often to
/// keep up with the pipeline.
///
/// A write that fails is never ignored: when the reader has gone (`dyad code x | head`) the
/// command stops reading its input and ends quietly; any other failure (a full disk,
/// `> /dev/full`) ends it with an error and exit code 3, so no lost output passes for success.
/// A non-blocking standard output is waited on, not given up on.
final class StandardOutput {
    private var buffer: [UInt8] = []
    private let limit = 1 << 16
    /// The reader closed the pipe.
    private(set) var readerGone = false
    /// Why writing failed, when it did for another reason.
    private(set) var failure: String? = nil

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
        if !readerGone && failure == nil,
           let code = buffer.withUnsafeBytes({ writeAll($0, to: 1, waitingWhenFull: true) }) {
            if code == EPIPE { readerGone = true } else { failure = String(cString: strerror(code)) }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Throws `OutputClosed` or `OutputFailure` once a write has failed: commands call it as they
    /// go, to stop working for a reader that is gone.
    func check() throws {
        if readerGone { throw OutputClosed() }
        if let failure { throw OutputFailure(description: "cannot write standard output: \(failure)") }
    }

    /// Writes what is buffered and says whether it all arrived.
    func finish() throws {
        flush()
        try check()
    }

    deinit { flush() }
}

/// The reader of standard output has gone (`| head`): the command ends, successfully.
struct OutputClosed: Error {}

/// Standard output could not be written (a full disk): the command ends with exit code 3.
struct OutputFailure: Error, CustomStringConvertible {
    var description: String
}

/// Messages for the user on standard error, one line each.
enum Diagnostics {
    static func error(_ message: String) { writeLine("dyad: error: \(message)") }
    static func warning(_ message: String) { writeLine("dyad: warning: \(message)") }
    static func note(_ message: String) { writeLine(message) }
    static func flush() {}

    private static func writeLine(_ line: String) { writeStandardError(line + "\n") }
}

/// Says, on standard error, when the splitter cut an over-long run of words into pieces, so
/// that no one wonders why events of one "sentence" carry different sentence numbers.
func noteCutSentences(_ document: Document) {
    let pieces = document.sentences.filter(\.isPieceOfLonger)
    guard let first = pieces.first, let last = pieces.last else { return }
    Diagnostics.note("dyad: note: \(document.id): \(last.tokens.upperBound - first.tokens.lowerBound) words without a sentence end "
        + "were cut into \(pieces.count) pieces of at most \(SentenceSplitter.maxTokens)")
}

/// Writes to standard error, ignoring failure: a message that cannot be shown (standard error
/// closed or full) must not stop the work, nor crash it as `FileHandle.write` does.
func writeStandardError(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { writeAll($0, to: 2, waitingWhenFull: false) }
}

/// Writes all of `bytes` to a file descriptor, again after an interrupted write and, when
/// `waitingWhenFull`, after waiting for a non-blocking descriptor to take more. Returns the
/// `errno` of the write that failed (EIO for one that wrote nothing), or nil when all was written.
func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, waitingWhenFull: Bool) -> Int32? {
    var offset = 0
    while offset < bytes.count {
        let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
        if written > 0 {
            offset += written
            continue
        }
        let code = written < 0 ? errno : EIO
        if code == EINTR { continue }
        if waitingWhenFull, code == EAGAIN || code == EWOULDBLOCK {
            var ready = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            _ = poll(&ready, 1, -1)
            continue
        }
        return code
    }
    return nil
}
