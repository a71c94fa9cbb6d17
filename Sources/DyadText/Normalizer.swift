import DyadCore
import Foundation

/// Rewrites typographic characters into the plain forms the tokenizer expects, keeping a map
/// from every output byte back to the input.
///
/// What changes is data (`Resources/normalization.tsv`): curly quotes to `'` and `"`, en dash and
/// minus to `-`, em dash and horizontal bar to `--` (a clause dash stays distinct from a hyphen
/// inside a word), `…` to `...`, odd spaces to a space, invisible characters removed, ligatures
/// spelled out, HTML entities decoded (named ones from the table, numeric ones in code). CR LF
/// and lone CR become LF. U+FFFD stays.
///
/// Every byte of a replacement maps to the byte offset where its source character started in
/// the original; unchanged bytes map to themselves. The table is compiled once into a byte trie
/// shared by all instances.
public struct Normalizer: Sendable {
    private let table: ReplacementTrie

    public init() {
        table = Self.shared
    }

    /// A normalizer with its own table, in the format of `normalization.tsv` (for tests).
    public init(table lines: [String]) {
        table = ReplacementTrie(rows: lines.compactMap(Self.parseRow))
    }

    private static let shared: ReplacementTrie = {
        ReplacementTrie(rows: loadTableLines().compactMap(parseRow))
    }()

    public func normalize(_ text: String) -> NormalizedText {
        let input = Array(text.utf8)
        var output: [UInt8] = []
        var offsets: [Int32] = []
        output.reserveCapacity(input.count)
        offsets.reserveCapacity(input.count + 1)
        var index = 0
        let count = input.count
        while index < count {
            let byte = input[index]
            let origin = Int32(clamping: index)
            if byte == 0x0D {
                output.append(0x0A)
                offsets.append(origin)
                index += (index + 1 < count && input[index + 1] == 0x0A) ? 2 : 1
                continue
            }
            guard table.mayStart(byte) else {
                // Most text is runs of bytes no rule touches: copied a run at a time.
                var end = index + 1
                while end < count, input[end] != 0x0D, !table.mayStart(input[end]) { end += 1 }
                output.append(contentsOf: input[index..<end])
                offsets.append(contentsOf: origin..<Int32(clamping: end))
                index = end
                continue
            }
            if byte == 0x26, let entity = Self.numericEntity(input, index) {
                // The decoded character goes through the table too (&#x2019; becomes ').
                let scalarBytes = Array(String(Character(entity.scalar)).utf8)
                let replacement: [UInt8]
                if let match = table.longestMatch(scalarBytes, 0), match.length == scalarBytes.count {
                    replacement = table.replacements[match.replacement]
                } else {
                    replacement = scalarBytes
                }
                output.append(contentsOf: replacement)
                offsets.append(contentsOf: repeatElement(origin, count: replacement.count))
                index += entity.length
                continue
            }
            if let match = table.longestMatch(input, index) {
                let replacement = table.replacements[match.replacement]
                output.append(contentsOf: replacement)
                offsets.append(contentsOf: repeatElement(origin, count: replacement.count))
                index += match.length
                continue
            }
            output.append(byte)
            offsets.append(origin)
            index += 1
        }
        offsets.append(Int32(clamping: count))
        return NormalizedText(bytes: output, originalOffsets: offsets)
    }

    /// `&#39;` or `&#x2019;` at `start`: the scalar and the entity's length in bytes. Code points
    /// that are not characters (NUL, surrogates, beyond U+10FFFF) are left as written.
    static func numericEntity(_ bytes: [UInt8], _ start: Int) -> (scalar: Unicode.Scalar, length: Int)? {
        var index = start + 1
        guard index < bytes.count, bytes[index] == 0x23 else { return nil }
        index += 1
        var hex = false
        if index < bytes.count, bytes[index] == 0x78 || bytes[index] == 0x58 {
            hex = true
            index += 1
        }
        var value: UInt32 = 0
        var digits = 0
        while index < bytes.count, digits < 8 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x61...0x66 where hex: digit = UInt32(byte - 0x61 + 10)
            case 0x41...0x46 where hex: digit = UInt32(byte - 0x41 + 10)
            default: digit = UInt32.max
            }
            if digit == UInt32.max { break }
            value = value * (hex ? 16 : 10) + digit
            digits += 1
            index += 1
        }
        guard digits > 0, index < bytes.count, bytes[index] == 0x3B, value != 0,
              let scalar = Unicode.Scalar(value)
        else { return nil }
        return (scalar, index + 1 - start)
    }

    /// One table row: source, target (empty: remove) and an optional note, tab-separated.
    static func parseRow(_ line: String) -> (source: [UInt8], target: [UInt8])? {
        if line.hasPrefix("#") || line.trimmingCharacters(in: .whitespaces).isEmpty { return nil }
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count >= 2 else { return nil }
        guard let source = decodeField(fields[0]), !source.isEmpty,
              let target = decodeField(fields[1])
        else { return nil }
        return (source, target)
    }

    /// `U+XXXX U+YYYY` as those characters; anything else literally.
    static func decodeField(_ field: Substring) -> [UInt8]? {
        guard field.hasPrefix("U+") else { return Array(field.utf8) }
        var result: [UInt8] = []
        for code in field.split(separator: " ") {
            guard code.hasPrefix("U+"), let value = UInt32(code.dropFirst(2), radix: 16),
                  let scalar = Unicode.Scalar(value)
            else { return nil }
            result.append(contentsOf: String(Character(scalar)).utf8)
        }
        return result
    }

    /// The raw lines of the bundled table; `DyadTextResources.lines(of:)` would cut at `#` and
    /// trim spaces, which entities (`&#39;`) and space targets need.
    private static func loadTableLines() -> [String] {
        guard let url = Bundle.module.url(
                forResource: "normalization.tsv", withExtension: nil, subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { fatalError("DyadText resource normalization.tsv is missing from the bundle") }
        return text.split(separator: "\n").map(String.init)
    }
}

/// A byte trie over the table's sources, for longest-match lookup at each position.
struct ReplacementTrie: Sendable {
    /// Children of each node as (byte, node) pairs; node 0 is the root.
    private var children: [[(UInt8, Int32)]] = [[]]
    /// Replacement index at each node that ends a source, or -1.
    private var terminal: [Int32] = [-1]
    private(set) var replacements: [[UInt8]] = []
    /// Bytes that can start a source: the fast path skips every other byte.
    private var starts = [Bool](repeating: false, count: 256)

    init(rows: [(source: [UInt8], target: [UInt8])]) {
        for row in rows { insert(row.source, row.target) }
        // Entities are decoded even when no named row starts with "&" (numeric ones).
        starts[0x26] = true
    }

    func mayStart(_ byte: UInt8) -> Bool { starts[Int(byte)] }

    private mutating func insert(_ source: [UInt8], _ target: [UInt8]) {
        guard let first = source.first else { return }
        starts[Int(first)] = true
        var node = 0
        for byte in source {
            if let next = children[node].first(where: { $0.0 == byte }) {
                node = Int(next.1)
            } else {
                children.append([])
                terminal.append(-1)
                let created = children.count - 1
                children[node].append((byte, Int32(created)))
                node = created
            }
        }
        // A later row for the same source wins, so a local table can override.
        replacements.append(target)
        terminal[node] = Int32(replacements.count - 1)
    }

    /// The longest source starting at `start`, as its length and replacement index.
    func longestMatch(_ bytes: [UInt8], _ start: Int) -> (length: Int, replacement: Int)? {
        var node = 0
        var best: (Int, Int)?
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            guard let next = children[node].first(where: { $0.0 == byte }) else { break }
            node = Int(next.1)
            index += 1
            let replacement = terminal[node]
            if replacement >= 0 { best = (index - start, Int(replacement)) }
        }
        return best
    }
}
