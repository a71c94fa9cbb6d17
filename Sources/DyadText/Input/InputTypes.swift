import DyadCore
import Foundation

/// One article as read, before normalization.
public struct InputRecord: Sendable {
    public var metadata: DocumentMetadata
    /// The body (kicker, dateline and title removed), decoded and repaired but not normalized.
    public var text: String
    /// Where `text` sits in its file, in Unicode scalar offsets (as Python counts), when the
    /// record is a slice of a plain-text file; nil for JSONL, CSV and whole files.
    public var sourceRange: Range<Int>?

    public init(metadata: DocumentMetadata, text: String, sourceRange: Range<Int>? = nil) {
        self.metadata = metadata
        self.text = text
        self.sourceRange = sourceRange
    }
}

/// Something wrong with the input: a whole file (line nil) or one record.
public struct InputProblem: Error, Sendable, CustomStringConvertible, Equatable {
    /// The file path, or "stdin".
    public var origin: String
    public var line: Int?
    public var message: String

    public init(origin: String, line: Int? = nil, message: String) {
        self.origin = origin
        self.line = line
        self.message = message
    }

    /// "FILE:LINE: message", or "FILE: message" without a line.
    public var description: String {
        if let line { return "\(origin):\(line): \(message)" }
        return "\(origin): \(message)"
    }
}

public enum InputFormat: String, CaseIterable, Sendable {
    case text, jsonl, csv, folder

    /// The format a path implies: a directory is a folder; `.jsonl`/`.ndjson`/`.json` are JSONL
    /// (a `.json` file that is one JSON document is read whole), `.csv` is CSV, anything else
    /// (and stdin) is plain text.
    public static func detect(path: String) -> InputFormat {
        if path == "-" { return .text }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return .folder
        }
        switch (path as NSString).pathExtension.lowercased() {
        case "jsonl", "ndjson", "json": return .jsonl
        case "csv": return .csv
        default: return .text
        }
    }
}

/// Which CSV columns hold what. A nil column is looked for under common names (`id`,
/// `article_id`, `date`, `publish_date`, ...), so typical exports read with the defaults.
public struct CSVColumns: Sendable, Equatable {
    public var text: String
    public var id: String?
    public var date: String?
    public var title: String?
    public var url: String?
    public var source: String?

    public init(
        text: String = "text", id: String? = nil, date: String? = nil, title: String? = nil,
        url: String? = nil, source: String? = nil
    ) {
        self.text = text
        self.id = id
        self.date = date
        self.title = title
        self.url = url
        self.source = source
    }
}

public struct InputOptions: Sendable {
    /// nil: detected from the path (extension or directory).
    public var format: InputFormat?
    public var csv: CSVColumns
    /// Split plain text into articles with `ArticleSegmenter`; false keeps a file as one article.
    public var segment: Bool

    public init(format: InputFormat? = nil, csv: CSVColumns = CSVColumns(), segment: Bool = true) {
        self.format = format
        self.csv = csv
        self.segment = segment
    }
}

/// Counts kept while reading.
public struct InputStatistics: Sendable, Equatable {
    public var records = 0
    public var problems = 0
    public var repairedUTF8Sequences = 0
    /// The files of a folder that needed repairs, in the order read (the first ten).
    public var repairedUTF8Files: [String] = []
    /// How many files of a folder needed repairs.
    public var repairedUTF8FileCount = 0

    public init(records: Int = 0, problems: Int = 0, repairedUTF8Sequences: Int = 0) {
        self.records = records
        self.problems = problems
        self.repairedUTF8Sequences = repairedUTF8Sequences
    }

    /// Counts `count` repairs in the folder's file `file`.
    mutating func noteRepairs(_ count: Int, in file: String) {
        guard count > 0 else { return }
        repairedUTF8Sequences += count
        repairedUTF8FileCount += 1
        if repairedUTF8Files.count < 10 { repairedUTF8Files.append(file) }
    }
}

/// Shared between a reader and its iterators, so the counts are readable after iteration.
final class InputStatisticsCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = InputStatistics()

    var snapshot: InputStatistics { lock.withLock { value } }

    func update(_ change: (inout InputStatistics) -> Void) {
        lock.withLock { change(&value) }
    }
}
