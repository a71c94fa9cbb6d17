import Foundation

/// The file operations of the lexicon cache, on POSIX calls: their failures say what the system
/// said ("Permission denied"), not Foundation's sentence around it, and a snapshot is read
/// straight into the array the reader takes (a `Data` in between would be another copy of
/// megabytes, and as many fresh pages to fault in).
enum CacheFiles {
    /// Why a file operation failed, for a message that names the file itself.
    struct Failure: Error, CustomStringConvertible {
        let description: String

        init(_ path: String, errorNumber: Int32 = errno) {
            description = "\(path): \(String(cString: strerror(errorNumber)))"
        }

        init(description: String) {
            self.description = description
        }
    }

    /// Makes a folder and every missing folder above it.
    static func makeFolder(_ path: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw Failure(description: "\(path) is a file, not a folder") }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try makeFolder(parent) }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw Failure(path) }
    }

    /// A whole file as bytes.
    static func read(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw Failure(path) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Failure(path) }
        let size = Int(status.st_size)
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            guard let base = buffer.baseAddress else { return }
            while count < size {
                let read = Foundation.read(descriptor, base + count, size - count)
                if read < 0, errno == EINTR { continue }
                if read < 0 { failure = errno; return }
                if read == 0 { return }  // the file shrank while it was read: what is there is checked like any other
                count += read
            }
        }
        guard failure == 0 else { throw Failure(path, errorNumber: failure) }
        return bytes
    }

    /// Writes bytes to a file that must not exist yet.
    static func writeNew(_ path: String, _ bytes: [UInt8]) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else { throw Failure(path) }
        var failure: Int32 = 0
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(descriptor, base + offset, raw.count - offset)
                if written < 0, errno == EINTR { continue }
                if written <= 0 { failure = written < 0 ? errno : EIO; return }
                offset += written
            }
        }
        // A full disk may only show when the file is closed.
        if close(descriptor) != 0, failure == 0 { failure = errno }
        guard failure == 0 else { throw Failure(path, errorNumber: failure) }
    }
}
