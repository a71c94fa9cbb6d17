/// RFC 4180 records read line by line: quoted fields may hold commas, doubled quotes and line
/// breaks (a record then spans several lines). A quote inside an unquoted field is kept as a
/// literal character, as most spreadsheet exports expect.
struct CSVRecordReader {
    struct Record {
        /// 1-based line the record starts on.
        var line: Int
        var fields: [[UInt8]]
        /// The line of a quoted field closed before its end (`"a" b,`): a quote inside a
        /// quoted field that was not doubled, which may have joined two rows into one.
        var quoteClosedMidField: Int? = nil
    }

    enum Failure: Error {
        /// The input ended inside a quoted field opened on `line`.
        case unterminatedQuote(line: Int)
    }

    let lines: ByteLines

    /// The next record; nil at the end. Blank lines between records are skipped.
    mutating func next() throws -> Record? {
        var fields: [[UInt8]] = []
        var field: [UInt8] = []
        var inQuotes = false
        var fieldWasQuoted = false
        var startLine: Int?
        var quoteClosedMidField: Int?
        while true {
            let lineNumber = lines.nextLineNumber
            guard let line = lines.nextLine() else {
                if let startLine { throw Failure.unterminatedQuote(line: startLine) }
                return nil
            }
            if startLine == nil {
                if line.isEmpty { continue }
                startLine = lineNumber
            } else {
                // The line break was inside quotes, so it belongs to the field.
                field.append(0x0A)
            }
            var index = line.startIndex
            while index < line.endIndex {
                let byte = line[index]
                if inQuotes {
                    if byte == 0x22 {
                        let next = index + 1
                        if next < line.endIndex, line[next] == 0x22 {
                            field.append(0x22)
                            index = next
                        } else {
                            inQuotes = false
                            if next < line.endIndex, line[next] != 0x2C, line[next] != 0x0D, quoteClosedMidField == nil {
                                quoteClosedMidField = lineNumber
                            }
                        }
                    } else {
                        field.append(byte)
                    }
                } else if byte == 0x2C {
                    fields.append(field)
                    field.removeAll(keepingCapacity: true)
                    fieldWasQuoted = false
                } else if byte == 0x22, field.isEmpty, !fieldWasQuoted {
                    inQuotes = true
                    fieldWasQuoted = true
                } else {
                    field.append(byte)
                }
                index += 1
            }
            if !inQuotes {
                fields.append(field)
                return Record(line: startLine ?? lineNumber, fields: fields, quoteClosedMidField: quoteClosedMidField)
            }
        }
    }
}
