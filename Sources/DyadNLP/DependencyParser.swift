import DyadCore
import Foundation

/// A greedy transition-based dependency parser: Universal Dependencies heads and relations for
/// every word of a sentence, from its words and UPOS tags.
///
/// The arc-hybrid system (`ArcHybrid`) moves through a sentence in `2n` steps; at each an
/// averaged perceptron scores every move (SHIFT, and LEFT and RIGHT with each label) from about
/// a hundred hashed features of the stack, the buffer and the arcs made so far
/// (`ParserFeatures`), and the best legal move is taken. Time is linear in the sentence's
/// length and every result is one projective tree. Trained with a dynamic oracle by
/// `ParserTrainer`; the model Dyad ships is `bundled()`.
///
/// ```swift
/// let parser = try DependencyParser.bundled()
/// parser.parse(&document)          // after tagging: sets Token.head and Token.relation
/// ```
///
/// The parser is an immutable value: share one between threads freely.
public struct DependencyParser: Sendable {
    /// The relation of each label index the model predicts.
    let labels: [DependencyRelation]
    let system: ArcHybrid
    let weights: SparseWeights
    /// The distributional word classes the model was trained with.
    let clusters: WordClusters

    init(labels: [DependencyRelation], weights: SparseWeights, clusters: WordClusters) {
        self.clusters = clusters
        precondition(labels.contains(.root), "a parser needs the root label")
        precondition(weights.classCount == 1 + 2 * labels.count)
        self.labels = labels
        self.system = ArcHybrid(labelCount: labels.count, rootLabel: labels.firstIndex(of: .root)!)
        self.weights = weights
    }

    /// The relations the model can predict.
    public var relations: [DependencyRelation] { labels }
    /// Number of features with at least one weight.
    public var featureCount: Int { weights.featureCount }

    // MARK: Loading and saving

    private static let cachedBundled: Result<DependencyParser, any Error> = Result {
        guard let url = Bundle.module.url(forResource: "parser", withExtension: "model") else {
            throw ParserModelError(message: "parser.model is missing from the DyadNLP bundle")
        }
        return try DependencyParser(contentsOf: url)
    }

    /// The English model shipped in `Resources/parser.model` (trained on UD English-EWT and
    /// GUM; see Sources/DyadNLP/README.md). Loaded once per process and then shared.
    public static func bundled() throws -> DependencyParser { try cachedBundled.get() }

    /// Loads a model written by `write(to:)`.
    public init(contentsOf url: URL) throws {
        let data = try Data(contentsOf: url)
        self = try ParserModelFile.decode([UInt8](data), name: url.lastPathComponent)
    }

    /// Saves the model (format in Sources/DyadNLP/README.md); the same model gives the same bytes.
    public func write(to url: URL) throws {
        try Data(ParserModelFile.encode(self)).write(to: url, options: .atomic)
    }

    // MARK: Parsing

    /// One word's parse: its head as a word number of the sentence (nil for the root) and its
    /// relation.
    public struct Arc: Sendable, Hashable {
        public var head: Int?
        public var relation: DependencyRelation
    }

    /// Parses one sentence given its words and tags; one arc per word.
    public func parse(words: [String], tags: [UPOS]) -> [Arc] {
        let info = ParserWords(words: words, tags: tags, clusters: clusters)
        return arcs(of: run(info))
    }

    /// Parses every sentence of a tagged document: sets `head` and `relation` of each token.
    public func parse(_ document: inout Document) {
        for sentence in document.sentences { parse(&document, sentence: sentence) }
    }

    /// Parses one sentence of a tagged document.
    public func parse(_ document: inout Document, sentence: Sentence) {
        guard !sentence.tokens.isEmpty else { return }
        // The slice of the tokens is gone before they are written: alive, it would make the
        // writes below copy every token of the document, once per sentence.
        let info = { (tokens: ArraySlice<Token>) in
            document.text.bytes.withUnsafeBufferPointer {
                ParserWords(
                    bytes: $0, ranges: tokens.lazy.map(\.range), tags: tokens.lazy.map(\.pos), clusters: clusters)
            }
        }(document.tokens[sentence.tokens])
        let state = run(info)
        let base = sentence.tokens.lowerBound
        for word in 0..<info.count {
            let head = state.head(of: word)
            document.tokens[base + word].head = head == info.count ? -1 : Int32(base + head)
            document.tokens[base + word].relation = labels[state.label(of: word)]
        }
    }

    func arcs(of state: ParseState) -> [Arc] {
        (0..<state.count).map { word in
            let head = state.head(of: word)
            return Arc(head: head == state.count ? nil : head, relation: labels[state.label(of: word)])
        }
    }

    /// Runs the transition system to the end, always taking the best-scoring legal move.
    func run(_ words: ParserWords) -> ParseState {
        var state = ParseState(count: words.count)
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: ParserFeatures.maxFeatures) { features in
        withUnsafeTemporaryAllocation(of: SparseWeights.Slot.self, capacity: ParserFeatures.maxFeatures) { loaded in
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: weights.paddedClassCount) { scores in
            let features = features.baseAddress!, loaded = loaded.baseAddress!, scores = scores.baseAddress!
            while !state.isFinal {
                let legal = system.legal(state)
                let n = ParserFeatures.extract(state, words, into: features)
                weights.score(features, count: n, loaded: loaded, into: scores)
                system.apply(system.move(ofClass: bestLegal(scores, legal)), to: &state)
            }
        }
        }
        }
        return state
    }

    /// The legal class with the highest score (the lowest class number on ties).
    @inline(__always)
    func bestLegal(_ scores: UnsafeMutablePointer<Int32>, _ legal: ArcHybrid.Legal) -> Int {
        let labels = system.labelCount, root = system.rootLabel
        var best = -1
        var bestScore = Int32.min
        @inline(__always) func consider(_ c: Int) {
            if best < 0 || scores[c] > bestScore {
                best = c
                bestScore = scores[c]
            }
        }
        if legal.shift { consider(0) }
        if legal.left {
            if legal.leftIsRoot {
                consider(1 + root)
            } else {
                for label in 0..<labels where label != root { consider(1 + label) }
            }
        }
        if legal.right {
            for label in 0..<labels where label != root { consider(1 + labels + label) }
        }
        precondition(best >= 0, "no legal move in an unfinished parse")
        return best
    }
}

/// A parser model file that could not be read.
public struct ParserModelError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}

/// The binary parser model (see Sources/DyadNLP/README.md). All integers little-endian.
enum ParserModelFile {
    static let magic: [UInt8] = Array("DYADDEP\u{0}".utf8)
    static let version: UInt32 = 2

    static func encode(_ parser: DependencyParser) -> [UInt8] {
        var out: [UInt8] = []
        out += magic
        ModelFile.append(&out, version)
        ModelFile.append(&out, ParserFeatures.featureSetVersion)
        ModelFile.append(&out, UInt32(parser.labels.count))
        for label in parser.labels {
            let name = Array(label.name.utf8)
            out.append(UInt8(name.count))
            out += name
        }
        parser.clusters.encode(into: &out)
        ModelFile.append(&out, parser.weights.scale.bitPattern)
        let features = parser.weights.sortedFeatures
        ModelFile.append(&out, UInt32(features.count))
        for feature in features {
            ModelFile.append(&out, feature.hash)
            out.append(UInt8(feature.entries.count))
            for entry in feature.entries {
                out.append(UInt8(entry >> 16))
                ModelFile.append(&out, UInt16(entry & 0xFFFF))
            }
        }
        ModelFile.append(&out, ModelFile.checksum(out))
        return out
    }

    static func decode(_ bytes: [UInt8], name: String) throws -> DependencyParser {
        try bytes.withUnsafeBytes { raw in
            func fail(_ message: String) -> ParserModelError { ParserModelError(message: "\(name): \(message)") }
            guard raw.count >= magic.count + 8, Array(raw[0..<magic.count]) == magic else {
                throw fail("not a Dyad parser model (bad magic header)")
            }
            let stored = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: raw.count - 8, as: UInt64.self))
            guard stored == ModelFile.checksum(UnsafeRawBufferPointer(rebasing: raw[..<(raw.count - 8)])) else {
                throw fail("checksum mismatch (truncated or damaged file)")
            }
            var reader = ModelFile.Reader(bytes: raw, name: name)
            reader.offset = magic.count
            do {
                let version: UInt32 = try reader.read()
                guard version == Self.version else { throw fail("format version \(version), this build reads \(Self.version)") }
                let featureSet: UInt32 = try reader.read()
                guard featureSet == ParserFeatures.featureSetVersion else {
                    throw fail("made with feature set \(featureSet), this build uses \(ParserFeatures.featureSetVersion); retrain")
                }
                let labelCount: UInt32 = try reader.read()
                guard labelCount > 0, labelCount <= 127 else { throw fail("bad label count \(labelCount)") }
                var labels: [DependencyRelation] = []
                for _ in 0..<labelCount {
                    let length: UInt8 = try reader.read()
                    var bytes: [UInt8] = []
                    for _ in 0..<length { bytes.append(try reader.read()) }
                    let label = String(decoding: bytes, as: UTF8.self)
                    guard let relation = DependencyRelation(exactly: label), !labels.contains(relation) else {
                        throw fail("unknown or repeated relation \(label)")
                    }
                    labels.append(relation)
                }
                guard labels.contains(.root) else { throw fail("no root relation") }
                let clusters = try WordClusters.decode(&reader, fail: fail)
                let classCount = 1 + 2 * labels.count
                let scale = Float(bitPattern: try reader.read())
                let featureCount: UInt32 = try reader.read()
                var hashes: [UInt64] = []
                var starts: [Int32] = [0]
                var entries: [UInt32] = []
                hashes.reserveCapacity(Int(featureCount))
                starts.reserveCapacity(Int(featureCount) + 1)
                for row in 0..<Int(featureCount) {
                    let hash: UInt64 = try reader.read()
                    guard hash != 0, hashes.last.map({ $0 < hash }) ?? true else {
                        throw fail("feature hashes out of order at feature \(row)")
                    }
                    let count: UInt8 = try reader.read()
                    guard count > 0 else { throw fail("feature \(row) has no weights") }
                    for _ in 0..<count {
                        let c: UInt8 = try reader.read()
                        let w: UInt16 = try reader.read()
                        guard Int(c) < classCount, w != 0 else { throw fail("bad weight of class \(c) at feature \(row)") }
                        entries.append(UInt32(c) << 16 | UInt32(w))
                    }
                    hashes.append(hash)
                    starts.append(Int32(entries.count))
                }
                guard reader.offset == raw.count - 8 else {
                    throw fail("\(raw.count - 8 - reader.offset) unexpected bytes at the end")
                }
                let weights = SparseWeights(classCount: classCount, scale: scale, hashes: hashes, starts: starts, entries: entries)
                return DependencyParser(labels: labels, weights: weights, clusters: clusters)
            } catch let error as TaggerModelError {
                throw ParserModelError(message: error.message)
            }
        }
    }
}
