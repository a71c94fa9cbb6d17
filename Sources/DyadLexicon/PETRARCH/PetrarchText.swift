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
        for line in lines {
            var text = Substring(line)
            var kept = ""
            while !text.isEmpty {
                if inBlock {
                    if let end = text.range(of: "-->") {
                        text = text[end.upperBound...]
                        inBlock = false
                    } else {
                        text = ""
                    }
                } else if let open = text.range(of: "<!") {
                    kept += text[..<open.lowerBound]
                    text = text[open.upperBound...]
                    inBlock = true
                } else {
                    kept += text
                    text = ""
                }
            }
            // `#` and `;` start comments outside brackets (`[###]` is a code).
            var depth = 0
            var cut: String.Index? = nil
            for index in kept.indices {
                let character = kept[index]
                if character == "[" { depth += 1 } else if character == "]" { depth = max(0, depth - 1) }
                else if depth == 0, character == "#" || (semicolon && character == ";") { cut = index; break }
            }
            if let cut { kept = String(kept[..<cut]) }
            result.append(kept)
        }
        return result
    }

    /// `YYMMDD` or `YYYYMMDD` as YYYYMMDD; two-digit years below 40 are 20xx.
    static func date(_ text: some StringProtocol) -> Int? {
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text) else { return nil }
        let full: Int
        switch text.count {
        case 6:
            let year = value / 10000
            full = (year < 40 ? 2000 + year : 1900 + year) * 10000 + value % 10000
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
        text.replacingOccurrences(of: "_", with: " ").split(separator: " ").joined(separator: " ").lowercased()
    }

    static func trimmed(_ text: some StringProtocol) -> String { text.trimmingWhitespace() }
}
