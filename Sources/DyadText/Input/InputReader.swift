import DyadCore
import Foundation

/// Reads articles from a plain-text file, JSONL, CSV, a folder of `.txt` files or stdin ("-").
///
/// A single pass over a stream: memory is held per record (per file for plain text, which has to
/// be segmented as a whole), never per corpus. Whole-input failures (missing file, binary or empty
/// input, a CSV header without the text column) are thrown by `init`; a bad record is an element
/// `.failure(problem)` and reading goes on with the next one. `statistics` holds the counts so
/// far, and the final counts once iteration has finished.
public struct InputReader: Sequence {
    public typealias Element = Result<InputRecord, InputProblem>

    public let path: String
    public let format: InputFormat
    private let source: RecordSource
    private let counter: InputStatisticsCounter

    public init(path: String, options: InputOptions = InputOptions()) throws {
        self.path = path
        let format = options.format ?? InputFormat.detect(path: path)
        self.format = format
        let counter = InputStatisticsCounter()
        self.counter = counter
        switch format {
        case .text:
            source = try PlainTextSource(path: path, segment: options.segment, counter: counter)
        case .jsonl:
            source = try JSONLSource(path: path, columns: options.csv, counter: counter)
        case .csv:
            source = try CSVSource(path: path, columns: options.csv, counter: counter)
        case .folder:
            source = try FolderSource(path: path, segment: options.segment, counter: counter)
        }
    }

    public var statistics: InputStatistics { counter.snapshot }

    public func makeIterator() -> Iterator { Iterator(source: source, counter: counter) }

    public struct Iterator: IteratorProtocol {
        fileprivate let source: RecordSource
        fileprivate let counter: InputStatisticsCounter

        public mutating func next() -> Result<InputRecord, InputProblem>? {
            guard let element = source.next() else { return nil }
            switch element {
            case .success: counter.update { $0.records += 1 }
            case .failure: counter.update { $0.problems += 1 }
            }
            return element
        }
    }

    /// Names tried, in order, for the text of a JSON object or CSV row when the user names none
    /// and there is no `text`.
    static let textNames = [
        "text", "body", "content", "article", "article_text", "story", "full_text", "plain_text", "doc_text", "doctext",
        "document", "sentences", "sentence", "context",
    ]

    /// An input's date as ISO (`2017/2/7` is `2017-02-07`), or as given when it is no date
    /// Dyad reads, so that nothing the input said is lost.
    static func date(_ raw: String?) -> String? {
        guard let raw else { return nil }
        return ISODate.normalize(raw) ?? raw
    }

    /// "stdin" for "-", else the path as given.
    static func originName(_ path: String) -> String { path == "-" ? "stdin" : path }

    /// The file name without directory and extension, used to make ids.
    static func stem(_ path: String) -> String {
        if path == "-" { return "stdin" }
        let name = (path as NSString).lastPathComponent
        let stem = (name as NSString).deletingPathExtension
        return stem.isEmpty ? name : stem
    }

    /// Throws for empty input and for a NUL byte in the first bytes (binary files).
    /// `decodesWideUnicode`: the reader decodes UTF-16/32 text whole (plain text); line readers
    /// name the encoding in their refusal instead.
    static func checkStart(of lines: ByteLines, origin: String, decodesWideUnicode: Bool = false) throws {
        let start = lines.peek(TextDecoding.binaryProbeLength)
        if start.isEmpty { throw InputProblem(origin: origin, message: "empty input") }
        if let wide = WideUnicode(startOf: start[...]) {
            if decodesWideUnicode { return }
            throw InputProblem(origin: origin, message: "\(wide.name) text (byte order mark); lines are read as UTF-8: convert it first (iconv -f \(wide.name) -t UTF-8)")
        }
        if let nul = TextDecoding.firstNUL(in: start) {
            throw InputProblem(
                origin: origin,
                message: "binary content (NUL byte at offset \(nul)); expected UTF-8 text")
        }
    }
}

/// One kind of input, producing records one at a time.
private protocol RecordSource: AnyObject {
    func next() -> Result<InputRecord, InputProblem>?
}

/// A plain-text file or stdin, split into articles by `ArticleSegmenter`.
private final class PlainTextSource: RecordSource {
    private let lines: ByteLines
    private let origin: String
    private let stem: String
    private let segment: Bool
    private let counter: InputStatisticsCounter
    private var pending: [Result<InputRecord, InputProblem>] = []
    private var pendingIndex = 0
    private var started = false

    init(path: String, segment: Bool, counter: InputStatisticsCounter) throws {
        origin = InputReader.originName(path)
        lines = try ByteLines(path: path)
        stem = InputReader.stem(path)
        self.segment = segment
        self.counter = counter
        try InputReader.checkStart(of: lines, origin: origin, decodesWideUnicode: true)
    }

    func next() -> Result<InputRecord, InputProblem>? {
        if !started {
            started = true
            pending = readAll()
        }
        guard pendingIndex < pending.count else { return nil }
        defer { pendingIndex += 1 }
        return pending[pendingIndex]
    }

    private func readAll() -> [Result<InputRecord, InputProblem>] {
        let decoded: DecodedText
        do {
            decoded = try TextDecoding.decode(lines.readAll(), origin: origin)
        } catch let problem as InputProblem {
            return [.failure(problem)]
        } catch {
            return [.failure(InputProblem(origin: origin, message: "\(error)"))]
        }
        counter.update { $0.repairedUTF8Sequences += decoded.repairedSequences }
        guard segment else {
            let metadata = DocumentMetadata(id: "\(stem)-1", origin: "\(origin):1")
            return [.success(InputRecord(metadata: metadata, text: decoded.text))]
        }
        let segments = ArticleSegmenter().segment(decoded.text)
        if segments.isEmpty {
            return [.failure(InputProblem(origin: origin, message: "no text (only white space)"))]
        }
        return segments.enumerated().map { number, segment in
            let metadata = DocumentMetadata(
                id: "\(stem)-\(number + 1)", title: segment.title, kicker: segment.kicker,
                dateline: segment.dateline, origin: "\(origin):\(segment.line)")
            return .success(
                InputRecord(metadata: metadata, text: segment.text, sourceRange: segment.characterRange))
        }
    }
}

/// Fields of a JSON object, as strings where they are strings, numbers or booleans (`true` is
/// "1", as `NSNumber.stringValue` had it when JSONSerialization read these files).
private func jsonString(_ value: JSONValue?) -> String? {
    switch value {
    case .string(let string): return string
    // A number no Double holds is kept as written ("1e400" is still an id).
    case .number(let literal): return JSONValue.text(ofNumber: literal) ?? literal
    case .bool(let bool): return bool ? "1" : "0"
    default: return nil
    }
}

/// True for a line of spaces and tabs only.
private func isBlank(_ line: ArraySlice<UInt8>) -> Bool {
    line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
}

/// One JSON object a line: `{"id", "text", "date"?, "url"?, "title"?, "source"?}`.
///
/// A `.json` file holding one JSON document (an object, or an array of objects, as datasets
/// often ship) is read whole instead: its objects are the records, numbered in the array. The
/// text field is `columns.text`; when that is the default `text` and an object lacks it, common
/// names (`body`, `content`, `sentence` ...) are tried, and ids, dates and titles likewise.
private final class JSONLSource: RecordSource {
    private let lines: ByteLines
    private let origin: String
    private let stem: String
    private let counter: InputStatisticsCounter
    private let columns: CSVColumns
    /// Records of a whole-document `.json` file, when the file is one.
    private var documentRecords: [Result<InputRecord, InputProblem>]? = nil
    private var documentIndex = 0

    static let idNames = CSVSource.idNames + ["dId", "_id", "uuid"]
    static let dateNames = CSVSource.dateNames + ["date_publish", "published_date", "publishedAt"]

    init(path: String, columns: CSVColumns, counter: InputStatisticsCounter) throws {
        origin = InputReader.originName(path)
        lines = try ByteLines(path: path)
        stem = InputReader.stem(path)
        self.counter = counter
        self.columns = columns
        try InputReader.checkStart(of: lines, origin: origin)
        if path != "-", (path as NSString).pathExtension.lowercased() == "json" {
            documentRecords = wholeDocument(path: path)
        }
    }

    func next() -> Result<InputRecord, InputProblem>? {
        if let records = documentRecords {
            guard documentIndex < records.count else { return nil }
            defer { documentIndex += 1 }
            return records[documentIndex]
        }
        while true {
            let lineNumber = lines.nextLineNumber
            guard let line = lines.nextLine() else { return nil }
            if isBlank(line) { continue }
            return parse(line, lineNumber: lineNumber)
        }
    }

    /// The records of a file that is one JSON document, or nil when it is not one (JSON Lines
    /// named `.json`), in which case it is read line by line.
    private func wholeDocument(path: String) -> [Result<InputRecord, InputProblem>]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var repaired = 0
        let parsed = TextDecoding.withRepairedUTF8(ArraySlice(data)) { bytes, invalid in
            repaired = invalid
            return try? JSONParser.parse(bytes)
        }
        guard let parsed else { return nil }
        let repairs = repaired + parsed.replacedSurrogates
        switch parsed.value {
        case .object(let object):
            counter.update { $0.repairedUTF8Sequences += repairs }
            return [record(object, number: 1, where: "\(origin)")]
        case .array(let elements):
            counter.update { $0.repairedUTF8Sequences += repairs }
            return elements.enumerated().map { index, element in
                guard case .object(let object) = element else {
                    return .failure(InputProblem(origin: origin, message: "element \(index + 1) is not a JSON object"))
                }
                return record(object, number: index + 1, where: "\(origin)[\(index + 1)]")
            }
        default:
            // A bare string or number is no document of records (JSONSerialization refused it):
            // the file is read as lines.
            return nil
        }
    }

    /// The first of `names` the object has as a string or number.
    private func field(_ fields: JSONObject, _ names: [String]) -> String? {
        for name in names { if let value = jsonString(fields[name]), !value.isEmpty { return value } }
        return nil
    }

    private func record(_ fields: JSONObject, number: Int, where place: String) -> Result<InputRecord, InputProblem> {
        func problem(_ message: String) -> Result<InputRecord, InputProblem> {
            .failure(InputProblem(origin: place, message: message))
        }
        let textNames = columns.text == "text" ? InputReader.textNames : [columns.text]
        guard let textName = textNames.first(where: { fields[$0] != nil }) else {
            return problem("no \"\(columns.text)\" field")
        }
        let text: String
        switch fields[textName] {
        case .string(let string):
            text = string
        case .array(let elements):
            // A list of sentences ("sentences": [...]) is one text; what is not a string is left out.
            let strings = elements.compactMap { element -> String? in
                if case .string(let string) = element { return string }
                return nil
            }
            guard !strings.isEmpty else { return problem("\"\(textName)\" is not a string") }
            text = strings.joined(separator: " ")
        default:
            return problem("\"\(textName)\" is not a string")
        }
        let id = field(fields, columns.id.map { [$0] } ?? Self.idNames) ?? "\(stem)-\(number)"
        let metadata = DocumentMetadata(
            id: id, title: field(fields, columns.title.map { [$0] } ?? CSVSource.titleNames),
            url: field(fields, columns.url.map { [$0] } ?? CSVSource.urlNames),
            source: field(fields, columns.source.map { [$0] } ?? CSVSource.sourceNames),
            date: InputReader.date(field(fields, columns.date.map { [$0] } ?? Self.dateNames)), origin: place)
        return .success(InputRecord(metadata: metadata, text: text))
    }

    private func parse(_ line: ArraySlice<UInt8>, lineNumber: Int) -> Result<InputRecord, InputProblem> {
        func problem(_ message: String) -> Result<InputRecord, InputProblem> {
            .failure(InputProblem(origin: origin, line: lineNumber, message: message))
        }
        if let nul = TextDecoding.firstNUL(in: line) {
            return problem("binary content (NUL byte at column \(nul + 1))")
        }
        var repaired = 0
        var failure: JSONParser.Failure?
        let parsed = TextDecoding.withRepairedUTF8(line) { (bytes, invalid) -> JSONParser.Document? in
            repaired = invalid
            do throws(JSONParser.Failure) { return try JSONParser.parse(bytes) } catch { failure = error; return nil }
        }
        if failure?.reason == .tooDeep {
            return problem("nested too deeply: more than \(JSONParser.maximumDepth) arrays or objects")
        }
        counter.update { $0.repairedUTF8Sequences += repaired + (parsed?.replacedSurrogates ?? 0) }
        let fields: JSONObject
        switch parsed?.value {
        case .object(let object): fields = object
        case .array: return problem("not a JSON object")
        // JSONSerialization refused a bare string, number, boolean or null as a document.
        default: return problem("not valid JSON")
        }
        switch record(fields, number: lineNumber, where: "\(origin):\(lineNumber)") {
        case .success(let record): return .success(record)
        case .failure(let failure): return problem(failure.message)
        }
    }
}

/// CSV with a header row; columns chosen by `CSVColumns`.
private final class CSVSource: RecordSource {
    private var records: CSVRecordReader
    private let origin: String
    private let stem: String
    private let counter: InputStatisticsCounter
    private let headerCount: Int
    private let textColumn: Int
    private let idColumn: Int?
    private let dateColumn: Int?
    private let titleColumn: Int?
    private let urlColumn: Int?
    private let sourceColumn: Int?
    private var finished = false

    /// Names tried, in order, for a column the options leave nil.
    static let idNames = ["id", "article_id", "doc_id", "document_id", "docid", "guid"]
    static let dateNames = ["date", "publish_date", "published", "pubdate", "published_at", "publication_date", "datetime"]
    static let titleNames = ["title", "headline"]
    static let urlNames = ["url", "link", "article_url", "source_url", "article_source_link", "href"]
    static let sourceNames = ["source", "outlet", "publisher", "media", "source_name"]

    init(path: String, columns: CSVColumns, counter: InputStatisticsCounter) throws {
        let origin = InputReader.originName(path)
        self.origin = origin
        let lines = try ByteLines(path: path)
        stem = InputReader.stem(path)
        self.counter = counter
        try InputReader.checkStart(of: lines, origin: origin)
        records = CSVRecordReader(lines: lines)
        let header: CSVRecordReader.Record
        do {
            guard let first = try records.next() else {
                throw InputProblem(origin: origin, message: "empty input")
            }
            header = first
        } catch CSVRecordReader.Failure.unterminatedQuote(let line) {
            throw InputProblem(origin: origin, line: line, message: "unterminated quoted field in the header")
        }
        let names = header.fields.map {
            TextDecoding.decodeRepairing($0[...]).text.trimmingCharacters(in: .whitespaces)
        }
        headerCount = names.count
        func find(_ name: String) -> Int? {
            names.firstIndex(of: name) ?? names.firstIndex { $0.lowercased() == name.lowercased() }
        }
        func required(_ name: String, _ role: String) throws -> Int {
            guard let index = find(name) else {
                let present = names.map { "\"\($0)\"" }.joined(separator: ", ")
                throw InputProblem(
                    origin: origin, line: header.line,
                    message: "no \(role) column \"\(name)\" in the header; columns present: \(present)")
            }
            return index
        }
        func optional(_ name: String?, _ role: String, _ guesses: [String]) throws -> Int? {
            if let name { return try required(name, role) }
            return guesses.lazy.compactMap(find).first
        }
        // The default name, when absent, may be any of the common ones ("story", "plain_text" ...).
        if columns.text == "text", find("text") == nil, let guessed = InputReader.textNames.first(where: { find($0) != nil }) {
            textColumn = try required(guessed, "text")
        } else {
            textColumn = try required(columns.text, "text")
        }
        idColumn = try optional(columns.id, "id", Self.idNames)
        dateColumn = try optional(columns.date, "date", Self.dateNames)
        titleColumn = try optional(columns.title, "title", Self.titleNames)
        urlColumn = try optional(columns.url, "url", Self.urlNames)
        sourceColumn = try optional(columns.source, "source", Self.sourceNames)
    }

    func next() -> Result<InputRecord, InputProblem>? {
        guard !finished else { return nil }
        let record: CSVRecordReader.Record
        do {
            guard let next = try records.next() else {
                finished = true
                return nil
            }
            record = next
        } catch CSVRecordReader.Failure.unterminatedQuote(let line) {
            finished = true
            return .failure(InputProblem(origin: origin, line: line, message: "unterminated quoted field"))
        } catch {
            finished = true
            return .failure(InputProblem(origin: origin, message: "\(error)"))
        }
        func problem(_ message: String) -> Result<InputRecord, InputProblem> {
            .failure(InputProblem(origin: origin, line: record.line, message: message))
        }
        if let line = record.quoteClosedMidField {
            return .failure(InputProblem(origin: origin, line: line,
                                         message: "a quoted field ends before its comma (a quote inside quotes must be doubled: \"\")"))
        }
        if record.fields.count != headerCount {
            return problem("\(record.fields.count) fields; the header has \(headerCount)")
        }
        var repaired = 0
        func field(_ index: Int?) -> String? {
            guard let index, index < record.fields.count else { return nil }
            let decoded = TextDecoding.decodeRepairing(record.fields[index][...])
            repaired += decoded.repairedSequences
            return decoded.text
        }
        if record.fields.contains(where: { $0.contains(0) }) {
            return problem("binary content (NUL byte)")
        }
        let text = field(textColumn) ?? ""
        let id = field(idColumn).flatMap { $0.isEmpty ? nil : $0 } ?? "\(stem)-\(record.line)"
        func nonEmpty(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }
        let metadata = DocumentMetadata(
            id: id, title: nonEmpty(field(titleColumn)), url: nonEmpty(field(urlColumn)),
            source: nonEmpty(field(sourceColumn)), date: InputReader.date(nonEmpty(field(dateColumn))),
            origin: "\(origin):\(record.line)")
        counter.update { [repaired] in $0.repairedUTF8Sequences += repaired }
        return .success(InputRecord(metadata: metadata, text: text))
    }
}

/// Every `.txt` file under a folder, recursively, sorted by relative path, each split into
/// articles as a plain-text file is (one article a file with `segment` off). Ids are the file's
/// path under the folder without `.txt`, then the article's number ("2024/oslo-2"), so that two
/// files of one name in different subfolders never share ids.
private final class FolderSource: RecordSource {
    private let folder: String
    private let files: [String]
    private let segment: Bool
    private var index = 0
    private var pending: [Result<InputRecord, InputProblem>] = []
    private let counter: InputStatisticsCounter

    init(path: String, segment: Bool, counter: InputStatisticsCounter) throws {
        self.counter = counter
        self.segment = segment
        folder = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputProblem(origin: path, message: "not a folder")
        }
        guard let enumerator = FileManager.default.enumerator(atPath: path) else {
            throw InputProblem(origin: path, message: "cannot list folder")
        }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.lowercased().hasSuffix(".txt") { found.append(relative) }
        }
        found.sort()
        files = found
        if files.isEmpty { throw InputProblem(origin: path, message: "no .txt files in folder") }
    }

    func next() -> Result<InputRecord, InputProblem>? {
        while pending.isEmpty, index < files.count {
            let relative = files[index]
            index += 1
            pending = read(relative).reversed()
        }
        return pending.popLast()
    }

    /// The articles of one file, in order.
    private func read(_ relative: String) -> [Result<InputRecord, InputProblem>] {
        let file = (folder as NSString).appendingPathComponent(relative)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
            return []  // a folder named like "x.txt"
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            return [.failure(InputProblem(origin: file, message: "cannot read file"))]
        }
        let decoded: DecodedText
        do {
            decoded = try TextDecoding.decode([UInt8](data), origin: file)
        } catch let problem as InputProblem {
            return [.failure(problem)]
        } catch {
            return [.failure(InputProblem(origin: file, message: "\(error)"))]
        }
        counter.update { $0.noteRepairs(decoded.repairedSequences, in: file) }
        let stem = String(relative.dropLast(4))
        guard segment else {
            return [.success(InputRecord(metadata: DocumentMetadata(id: stem, origin: "\(file):1"), text: decoded.text))]
        }
        return ArticleSegmenter().segment(decoded.text).enumerated().map { number, segment in
            let metadata = DocumentMetadata(
                id: "\(stem)-\(number + 1)", title: segment.title, kicker: segment.kicker,
                dateline: segment.dateline, origin: "\(file):\(segment.line)")
            return .success(InputRecord(metadata: metadata, text: segment.text, sourceRange: segment.characterRange))
        }
    }
}
