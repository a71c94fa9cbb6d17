import Foundation

/// Helpers shared by the TABARI/PETRARCH dictionary readers: decoding, comments, dates.
enum PetrarchText {
    /// Decodes a dictionary file line by line: valid UTF-8 lines as they are, other lines as
    /// Latin-1 (the real `Phoenix.Countries.actors.txt` mixes both). Returns the lines and how
    /// many were read as Latin-1.
    static func lines(_ data: Data) -> (lines: [String], latin1: Int) {
        var result: [String] = []
        var latin1 = 0
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            let count = bytes.count
            func emit(_ end: Int) {
                var stop = end
                if stop > start, bytes[stop - 1] == 0x0D { stop -= 1 }
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<stop])
                if let text = String(validating: slice, as: UTF8.self) {
                    result.append(text)
                } else {
                    latin1 += 1
                    var scalars = String.UnicodeScalarView()
                    for byte in slice { scalars.append(Unicode.Scalar(byte)) }
                    result.append(String(scalars))
                }
            }
            var index = 0
            while index < count {
                if bytes[index] == 0x0A {
                    emit(index)
                    start = index + 1
                }
                index += 1
            }
            if start < count { emit(count) }
        }
        return (result, latin1)
    }

    static func lines(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map {
            var line = String($0)
            if line.hasSuffix("\r") { line.removeLast() }
            return line
        }
    }

    /// Removes `<!-- ... -->` blocks (which may span lines), and `#` and `;` comments. Lines keep
    /// their numbers: a removed line becomes empty.
    static func stripComments(_ lines: [String], semicolon: Bool = true) -> [String] {
        var result: [String] = []
        result.reserveCapacity(lines.count)
        var inBlock = false
        var kept: [UInt8] = []
        for line in lines {
            kept.removeAll(keepingCapacity: true)
            var changed = inBlock
            // Bytes, not Characters: these files are large and the markers are ASCII.
            var copy = line
            copy.withUTF8 { bytes in
                var index = 0
                var depth = 0
                let count = bytes.count
                while index < count {
                    let byte = bytes[index]
                    if inBlock {
                        if byte == 0x2D, index + 2 < count, bytes[index + 1] == 0x2D, bytes[index + 2] == 0x3E {  // -->
                            inBlock = false
                            index += 3
                        } else {
                            index += 1
                        }
                        continue
                    }
                    if byte == 0x3C, index + 1 < count, bytes[index + 1] == 0x21 {  // <!
                        inBlock = true
                        changed = true
                        index += 2
                        continue
                    }
                    if byte == 0x5B { depth += 1 } else if byte == 0x5D { depth = max(0, depth - 1) }
                    // `#` and `;` start comments outside brackets (`[###]` is a code).
                    else if depth == 0, byte == 0x23 || (semicolon && byte == 0x3B) { changed = true; break }
                    kept.append(byte)
                    index += 1
                }
            }
            result.append(changed ? String(decoding: kept, as: UTF8.self) : line)
        }
        return result
    }

    /// `YYMMDD` or `YYYYMMDD` as YYYYMMDD; two-digit years below 30 are 20xx, the others 19xx
    /// (the Phoenix files date terms from the 1930s).
    static func date(_ text: some StringProtocol) -> Int? { date(bytes: Array(text.utf8)) }

    static func date(bytes: some Collection<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        let full: Int
        switch bytes.count {
        case 6:
            let year = value / 10000
            full = (year < 30 ? 2000 + year : 1900 + year) * 10000 + value % 10000
        case 8: full = value
        default: return nil
        }
        let month = full / 100 % 100, day = full % 100
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        return full
    }

    /// A dictionary phrase (`PRESIDENT_GEORGE_W._BUSH`, `CARAS GALADHON`) as words separated by
    /// spaces, lower case.
    static func phrase(_ text: some StringProtocol) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            var byte = byte
            if byte == 0x5F || byte == 0x09 { byte = 0x20 }
            if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
            if byte == 0x20, bytes.isEmpty || bytes.last == 0x20 { continue }
            bytes.append(byte)
        }
        while bytes.last == 0x20 { bytes.removeLast() }
        let plain = String(decoding: bytes, as: UTF8.self)
        // Letters beyond ASCII (Latin-1 names) are lowered too.
        return bytes.contains(where: { $0 >= 0x80 }) ? plain.lowercased() : plain
    }

    /// Without leading and trailing spaces, tabs and carriage returns (bytes, for speed).
    static func trimmed(_ text: some StringProtocol) -> String {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
        var string = String(text)
        let trimmed = string.withUTF8 { bytes -> String? in
            var start = 0, end = bytes.count
            while start < end, isSpace(bytes[start]) { start += 1 }
            while end > start, isSpace(bytes[end - 1]) { end -= 1 }
            if start == 0, end == bytes.count { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        return trimmed ?? string
    }
}
