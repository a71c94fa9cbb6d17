/// Where a lexicon entry came from: file name and line, carried into every event as its rule.
public struct LexiconSource: Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }
}

/// A problem found while loading or checking a lexicon. Loading goes on past every one of them.
public struct LexiconIssue: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public let severity: Severity
    public let source: LexiconSource
    public let message: String

    public init(_ severity: Severity, _ source: LexiconSource, _ message: String) {
        self.severity = severity
        self.source = source
        self.message = message
    }

    public var description: String { "\(source): \(severity.rawValue): \(message)" }
}

/// One logical entry of a lexicon file: a head line and the indented lines that continue it.
struct LexiconEntryLines {
    var head: String
    var headLine: Int
    /// Continuation lines as (line number, text without leading whitespace).
    var continuations: [(Int, String)]
}

/// Splits a lexicon file into entries: `#` comments and blank lines dropped, lines that start
/// with whitespace attached to the entry above.
func lexiconEntries(_ text: String, file: String, issues: inout [LexiconIssue]) -> [LexiconEntryLines] {
    var entries: [LexiconEntryLines] = []
    var number = 0
    // "\r\n" is one Character in Swift, so split on every newline form, not just "\n".
    for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
        number += 1
        var line = Substring(rawLine)
        if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
        if line.last == "\r" { line = line.dropLast() }
        let trimmed = line.trimmingWhitespace()
        if trimmed.isEmpty { continue }
        if line.first == " " || line.first == "\t" {
            if entries.isEmpty {
                issues.append(LexiconIssue(.error, LexiconSource(file: file, line: number), "indented line with no entry above it"))
            } else {
                entries[entries.count - 1].continuations.append((number, trimmed))
            }
        } else {
            entries.append(LexiconEntryLines(head: trimmed, headLine: number, continuations: []))
        }
    }
    return entries
}

/// `a; b ; c` -> ["a", "b", "c"], empty alternatives dropped.
func alternatives(_ list: some StringProtocol) -> [String] {
    list.split(separator: ";").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        var start = startIndex, end = endIndex
        while start < end, self[start] == " " || self[start] == "\t" { start = index(after: start) }
        while end > start {
            let before = index(before: end)
            guard self[before] == " " || self[before] == "\t" || self[before] == "\r" else { break }
            end = before
        }
        return String(self[start..<end])
    }
}

/// Dates in lexicon files as integers `YYYYMMDD`, so that ranges compare cheaply.
enum LexiconDate {
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; nil for anything else. `-` is handled by callers.
    static func parse(_ text: String, end: Bool = false) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
              let year = Int(parts[0]), parts[0].count == 4 else { return nil }
        var month = end ? 12 : 1, day = end ? 31 : 1
        if parts.count >= 2 { guard let m = Int(parts[1]), (1...12).contains(m) else { return nil }; month = m }
        if parts.count == 3 { guard let d = Int(parts[2]), (1...31).contains(d) else { return nil }; day = d }
        return year * 10000 + month * 100 + day
    }
}
