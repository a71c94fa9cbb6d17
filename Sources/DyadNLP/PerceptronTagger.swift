import DyadCore
import Foundation

/// A greedy averaged-perceptron part-of-speech tagger over the 17 UPOS tags.
///
/// Each word is scored with about 50 hashed features (its form, lowercase form, prefixes and
/// suffixes, shape, the neighbouring words and their ambiguity classes, and the two tags
/// already predicted to its left) and gets the tag with the highest sum of weights. Frequent
/// words that almost always carry one tag are tagged from a dictionary without scoring. The
/// design follows Collins (2002) and Honnibal's well-known "averaged perceptron tagger"
/// description; the code is written for Dyad.
///
/// A model may have a second pass: it tags the sentence again, left to right, now also
/// seeing the first pass's tags of the next two words (stacking). That fixes decisions that
/// depend on what follows ("of" before a gerund, "up" as a particle) at twice the cost.
///
/// The tagger is an immutable value: share one between threads freely. Train one with
/// `TaggerTrainer`, save it with `write(to:)`; the model Dyad ships is `bundled()`.
public struct PerceptronTagger: Sendable {
    /// The 17 UPOS tags. (A literal, not `UPOS.allCases.count`: a computed global is read
    /// through a lazy-initialization check at every use on the hot path. A test keeps the two
    /// equal.)
    static let classCount = 17

    /// First-pass weights.
    let first: WeightTable
    /// Optional second-pass weights (features include the first pass's right-context tags).
    let second: WeightTable?
    /// Word form hash -> tag for words that (nearly) always carry one tag.
    let dictionary: HashIndex
    /// The dictionary's entries in ascending hash order, for writing.
    let dictionaryEntries: [(hash: UInt64, tag: UPOS)]
    /// Lexicon key (see `FeatureExtractor.lexiconKey`) -> bit set of the tags a word had in
    /// training: the words' ambiguity classes.
    let lexicon: HashIndex
    /// The lexicon's entries in ascending key order, for writing.
    let lexiconEntries: [(key: UInt64, tags: UInt32)]
    /// The distributional word classes the model was trained with.
    let clusters: WordClusters
    /// What the tagger keeps about words it met (see `WordMemo`), one memo per thread at work.
    let memos: ScratchPool<WordMemo>

    init(
        first: WeightTable, second: WeightTable?, dictionary entries: [(hash: UInt64, tag: UPOS)],
        lexicon lexiconEntries: [(key: UInt64, tags: UInt32)], clusters: WordClusters
    ) {
        self.clusters = clusters
        self.first = first
        self.second = second
        self.dictionary = Self.dictionaryIndex(entries)
        self.dictionaryEntries = entries
        self.lexicon = Self.lexiconIndex(lexiconEntries)
        self.lexiconEntries = lexiconEntries
        let passCount = second == nil ? 1 : 2
        self.memos = ScratchPool { WordMemo(passCount: passCount) }
    }

    static func dictionaryIndex(_ entries: [(hash: UInt64, tag: UPOS)]) -> HashIndex {
        var dictionary = HashIndex(minimumCapacity: entries.count)
        for entry in entries { dictionary.set(entry.hash == 0 ? 1 : entry.hash, Int32(entry.tag.rawValue)) }
        return dictionary
    }

    static func lexiconIndex(_ entries: [(key: UInt64, tags: UInt32)]) -> HashIndex {
        var index = HashIndex(minimumCapacity: entries.count)
        for entry in entries { index.set(entry.key, Int32(bitPattern: entry.tags)) }
        return index
    }

    /// Number of features with at least one non-zero weight (both passes).
    public var featureCount: Int { first.featureHashes.count + (second?.featureHashes.count ?? 0) }
    /// Number of words tagged by dictionary lookup.
    public var dictionaryCount: Int { dictionaryEntries.count }
    /// Number of word forms with an ambiguity class.
    public var lexiconCount: Int { lexiconEntries.count }
    /// True when the model tags in two passes.
    public var isTwoPass: Bool { second != nil }

    // MARK: Loading and saving

    private static let cachedBundled: Result<PerceptronTagger, any Error> = Result {
        guard let url = Bundle.module.url(forResource: "tagger", withExtension: "model") else {
            throw TaggerModelError(message: "tagger.model is missing from the DyadNLP bundle")
        }
        return try PerceptronTagger(contentsOf: url)
    }

    /// The English model shipped in `Resources/tagger.model` (trained on UD English-EWT and
    /// GUM; see Sources/DyadNLP/README.md). Loaded once per process and then shared.
    public static func bundled() throws -> PerceptronTagger {
        try cachedBundled.get()
    }

    /// Loads a model written by `write(to:)`. Throws `TaggerModelError` on a file that is not
    /// a Dyad tagger model, is truncated, or was made with other feature templates.
    public init(contentsOf url: URL) throws {
        let data = try Data(contentsOf: url)
        self = try ModelFile.decode([UInt8](data), name: url.lastPathComponent)
    }

    /// Saves the model in Dyad's binary tagger format (described in Sources/DyadNLP/README.md).
    /// The same model always gives the same bytes.
    public func write(to url: URL) throws {
        try Data(ModelFile.encode(self)).write(to: url, options: .atomic)
    }

    /// The model file's bytes, as `write(to:)` stores them.
    public func serialized() -> [UInt8] { ModelFile.encode(self) }

    // MARK: Tagging

    /// Tags one sentence given its words (UTF-8 strings). Returns one tag per word.
    public func tag(_ words: [String]) -> [UPOS] {
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(words.count)
        for word in words {
            let start = bytes.count
            bytes.append(contentsOf: word.utf8)
            ranges.append(start..<bytes.count)
        }
        return bytes.withUnsafeBufferPointer { tag(bytes: $0, ranges: ranges) }
    }

    /// Tags the tokens of one sentence of a Document in place (reads token bytes from
    /// `document.text.bytes`, sets `token.pos`). The tokens need not follow UD tokenization,
    /// but the model was trained on it (`don't` as `do` + `n't`), so that tags best.
    public func tag(_ document: inout Document, sentence: Sentence) {
        let ranges = document.tokens[sentence.tokens].map(\.range)
        let tags = document.text.bytes.withUnsafeBufferPointer { tag(bytes: $0, ranges: ranges) }
        for (offset, tag) in tags.enumerated() {
            document.tokens[sentence.tokens.lowerBound + offset].pos = tag
        }
    }

    /// Tags every sentence of the document.
    public func tag(_ document: inout Document) {
        for sentence in document.sentences { tag(&document, sentence: sentence) }
    }

    /// Tags the words at `ranges` of `bytes`, one sentence.
    func tag(bytes: UnsafeBufferPointer<UInt8>, ranges: [Range<Int>]) -> [UPOS] {
        if ranges.isEmpty { return [] }
        return memos.withItem { tag(bytes: bytes, ranges: ranges, memo: $0) }
    }

    private func tag(bytes: UnsafeBufferPointer<UInt8>, ranges: [Range<Int>], memo: WordMemo) -> [UPOS] {
        let count = ranges.count
        let classes = Self.classCount
        var kept: [WordMemo.Kept] = []
        let infos = FeatureExtractor.wordInfos(bytes, ranges, lexicon: lexicon, clusters: clusters, memo: memo, kept: &kept)
        var tags = [UInt8](repeating: 0, count: count)
        infos.withUnsafeBufferPointer { words in
        tags.withUnsafeMutableBufferPointer { tags in
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { known in
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: count * classes) { wordScores in
            // Looked up once for both passes.
            WeightTable.dictionaryTags(words, dictionary: dictionary, into: known)
            let known = UnsafeBufferPointer(known)
            let scores = wordScores.baseAddress!
            first.sumWordFeatures(words, known: known, kept: kept, memo: memo, pass: 0, into: scores)
            first.decode(
                words, count: count, known: known, wordScores: scores,
                neighbours: WeightTable.NeighbourSums(memo: memo, kept: kept, pass: 0), right: nil, into: tags)
            if let second {
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { firstTags in
                    _ = firstTags.initialize(from: tags)
                    second.sumWordFeatures(words, known: known, kept: kept, memo: memo, pass: 1, into: scores)
                    second.decode(
                        words, count: count, known: known, wordScores: scores,
                        neighbours: WeightTable.NeighbourSums(memo: memo, kept: kept, pass: 1),
                        right: UnsafeBufferPointer(firstTags), into: tags)
                }
            }
        }
        }
        }
        }
        return tags.map { UPOS(rawValue: $0)! }
    }
}

/// The weights of one pass: a row of `classCount` weights per feature hash.
struct WeightTable: Sendable {
    static let classCount = PerceptronTagger.classCount
    /// The same weights laid out for `decode`.
    let packed: PackedWeights
    /// The feature hash of each row (ascending).
    let featureHashes: [UInt64]
    /// `classCount` weights per row, as stored: the real weight is `quantized[i] * scale`.
    /// Scores are summed as integers (exact, and half the memory of floats); the common
    /// positive scale does not change which tag wins.
    let quantized: [Int16]
    let scale: Float
    /// For each pair of previous tags (`p1 * previousTagValues + p2`), the `classCount` sums of
    /// the templates that read those tags alone (`FeatureExtractor.extractTags`): one row
    /// read per word instead of three lookups.
    let tagSums: [Int32]

    /// `featureHashes` must be ascending and unique, `quantized` has `classCount` entries per
    /// feature.
    init(featureHashes: [UInt64], quantized: [Int16], scale: Float) {
        precondition(quantized.count == featureHashes.count * Self.classCount)
        self.featureHashes = featureHashes
        self.quantized = quantized
        self.scale = scale
        let packed = PackedWeights(featureHashes: featureHashes, quantized: quantized)
        self.packed = packed
        self.tagSums = Self.tagSums(packed)
    }

    static func tagSums(_ packed: PackedWeights) -> [Int32] {
        let values = FeatureExtractor.previousTagValues
        var sums = [Int32](repeating: 0, count: values * values * classCount)
        var features = [UInt64](repeating: 0, count: FeatureExtractor.maxFeatures)
        packed.slots.withUnsafeBufferPointer { slots in
        packed.dense.withUnsafeBufferPointer { dense in
        sums.withUnsafeMutableBufferPointer { sums in
        features.withUnsafeMutableBufferPointer { features in
            for p1 in 0..<values {
                for p2 in 0..<values {
                    let n = FeatureExtractor.extractTags(
                        previous: UInt64(p1), beforePrevious: UInt64(p2), into: features.baseAddress!)
                    for k in 0..<n {
                        PackedWeights.add(
                            features[k], slots: slots, dense: dense.baseAddress!,
                            to: sums.baseAddress! + (p1 * values + p2) * classCount)
                    }
                }
            }
        }
        }
        }
        }
        return sums
    }

    /// Marks a word the dictionary does not tag, which `decode` scores.
    static let unscored: UInt8 = .max

    /// The tag dictionary's tag of each of the `known.count` words of a sentence (`words` in the
    /// padded layout), or `unscored`: words that (nearly) always carry one tag are not scored.
    static func dictionaryTags(
        _ words: UnsafeBufferPointer<WordInfo>, dictionary: HashIndex, into known: UnsafeMutableBufferPointer<UInt8>
    ) {
        dictionary.slots.withUnsafeBufferPointer { slots in
            for i in known.indices {
                let form = words[i + 2].form
                let tag = HashIndex.find(form == 0 ? 1 : form, in: slots)
                known[i] = tag >= 0 ? UInt8(tag) : unscored
            }
        }
    }

    /// Writes, for every word `known` leaves unscored, the sum of the weights of its features
    /// that read the word alone (`FeatureExtractor.extractWord`) into its `classCount` entries
    /// of `scores`: from the memo when it has them for this pass, else from the table, and then
    /// into the memo.
    func sumWordFeatures(
        _ words: UnsafeBufferPointer<WordInfo>, known: UnsafeBufferPointer<UInt8>, kept: [WordMemo.Kept],
        memo: WordMemo?, pass: Int, into scores: UnsafeMutablePointer<Int32>
    ) {
        let classes = Self.classCount
        withLookup { lookup in
            for i in 0..<known.count where known[i] == Self.unscored {
                let wordScores = scores + i &* classes
                let kept = memo == nil ? .none : kept[i]
                if let memo, kept.slot >= 0, memo.hasScores(slot: kept.slot, stamp: kept.stamp, pass: pass) {
                    wordScores.update(from: memo.scores(slot: kept.slot, pass: pass), count: classes)
                    continue
                }
                for c in 0..<classes { wordScores[c] = 0 }
                let n = FeatureExtractor.extractWord(words[i + 2], into: lookup.features)
                lookup.addFeatures(n, to: wordScores)
                if let memo, kept.slot >= 0, memo.holds(slot: kept.slot, stamp: kept.stamp) {
                    memo.scores(slot: kept.slot, pass: pass).update(from: wordScores, count: classes)
                    memo.markSummed(slot: kept.slot, pass: pass)
                }
            }
        }
    }

    /// Decodes one sentence with this pass alone, every word's sums from the table (the
    /// trainer tags held-out folds so).
    func decode(
        _ words: UnsafeBufferPointer<WordInfo>, count: Int, dictionary: HashIndex,
        right: UnsafeBufferPointer<UInt8>?, into tags: UnsafeMutableBufferPointer<UInt8>
    ) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { known in
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: count * Self.classCount) { scores in
            Self.dictionaryTags(words, dictionary: dictionary, into: known)
            sumWordFeatures(words, known: UnsafeBufferPointer(known), kept: [], memo: nil, pass: 0, into: scores.baseAddress!)
            decode(
                words, count: count, known: UnsafeBufferPointer(known), wordScores: scores.baseAddress!,
                neighbours: nil, right: right, into: tags)
        }
        }
    }

    /// Greedy left-to-right decoding of one sentence. `words` is the padded `wordInfos`
    /// layout; `known` holds the dictionary's tags (or `unscored`), `wordScores` the sums of
    /// `sumWordFeatures` (added to here); `neighbours`, when given, keeps the sums of the
    /// templates that read one neighbour alone; `right` (second pass) holds the first pass's
    /// tags. Writes raw tag values.
    ///
    /// Two loops: the first adds, for every word the dictionary does not tag, the features of
    /// its neighbours that do not depend on the tags to its left (most of them); the words are
    /// independent there, so their table lookups overlap. The second goes left to right adding
    /// only the features of the previous tags. Scores are sums of `Int16` weights in `Int32`
    /// (at most 64 per word, so no overflow): the order of addition does not change them.
    func decode(
        _ words: UnsafeBufferPointer<WordInfo>, count: Int, known: UnsafeBufferPointer<UInt8>,
        wordScores: UnsafeMutablePointer<Int32>, neighbours: NeighbourSums?, right: UnsafeBufferPointer<UInt8>?,
        into tags: UnsafeMutableBufferPointer<UInt8>
    ) {
        let classes = Self.classCount
        withLookup { lookup in
            let features = lookup.features
            for i in 0..<count {
                tags[i] = known[i]
                if known[i] != Self.unscored { continue }
                let scores = wordScores + i &* classes
                var n: Int
                if let neighbours {
                    for place in FeatureExtractor.Neighbour.allCases {
                        neighbours.add(words, i + 2 + place.offset, as: place, lookup: lookup, to: scores)
                    }
                    n = FeatureExtractor.extractPairs(words, i, into: features)
                } else {
                    n = FeatureExtractor.extractContext(words, i, into: features)
                }
                if let right {
                    n += FeatureExtractor.extractRightStatic(words, i, count: count, right: right, into: features + n)
                }
                lookup.addFeatures(n, to: scores)
            }

            var p1 = FeatureExtractor.startTag1
            var p2 = FeatureExtractor.startTag2
            for i in 0..<count {
                var best = Int(tags[i])
                if best == Self.unscored {
                    let scores = wordScores + i &* classes
                    var n = FeatureExtractor.extractTagsWithWords(words, i, previous: p1, into: features)
                    if let right {
                        features[n] = FeatureExtractor.extractRightDynamic(i, count: count, right: right, previous: p1)
                        n += 1
                    }
                    for k in 0..<n { lookup.add(features[k], to: scores) }
                    lookup.addTagSums(previous: p1, beforePrevious: p2, to: scores)
                    best = 0
                    var bestScore = scores[0]
                    for c in 1..<classes where scores[c] > bestScore {
                        best = c
                        bestScore = scores[c]
                    }
                    tags[i] = UInt8(best)
                }
                p2 = p1
                p1 = UInt64(best)
            }
        }
    }

    /// Where `decode` finds a neighbour's sums: kept in the memo with the word, summed there
    /// from the table the first time; words the memo does not hold (the padding, long words,
    /// a word whose slot another word of the sentence took) are looked up each time.
    struct NeighbourSums {
        let memo: WordMemo
        /// Where each sentence word is kept (`FeatureExtractor.wordInfos`).
        let kept: [WordMemo.Kept]
        let pass: Int

        /// Adds to `scores` the weights of the templates reading `words[index]` (padded
        /// layout) as the neighbour at `place`.
        @inline(__always)
        func add(
            _ words: UnsafeBufferPointer<WordInfo>, _ index: Int, as place: FeatureExtractor.Neighbour,
            lookup: Lookup, to scores: UnsafeMutablePointer<Int32>
        ) {
            let word = index &- 2
            let kept = word >= 0 && word < self.kept.count ? self.kept[word] : .none
            guard kept.slot >= 0, memo.holds(slot: kept.slot, stamp: kept.stamp) else {
                let n = FeatureExtractor.extractNeighbour(words[index], as: place, into: lookup.features)
                lookup.addFeatures(n, to: scores)
                return
            }
            let part = WordMemo.part(place)
            let sums = memo.scores(slot: kept.slot, pass: pass, part: part)
            if !memo.hasScores(slot: kept.slot, stamp: kept.stamp, pass: pass, part: part) {
                sums.update(repeating: 0, count: classCount)
                let n = FeatureExtractor.extractNeighbour(words[index], as: place, into: lookup.features)
                lookup.addFeatures(n, to: sums)
                memo.markSummed(slot: kept.slot, pass: pass, part: part)
            }
            for c in 0..<classCount { scores[c] &+= sums[c] }
        }
    }

    /// The table and scratch room for a sentence's lookups.
    struct Lookup {
        let slots: UnsafeBufferPointer<PackedWeights.Slot>
        let dense: UnsafePointer<Int16>
        /// Room for one word's feature hashes (`FeatureExtractor.maxFeatures`).
        let features: UnsafeMutablePointer<UInt64>
        let firstSlots: UnsafeMutablePointer<PackedWeights.Slot>
        /// `WeightTable.tagSums`.
        let tagSums: UnsafePointer<Int32>

        /// Adds the weights of the first `count` hashes of `features` to `scores`. Every
        /// feature's first slot is loaded before any is acted on: independent loads, no branches
        /// between them, so their cache misses overlap.
        @inline(__always)
        func addFeatures(_ count: Int, to scores: UnsafeMutablePointer<Int32>) {
            let mask = slots.count &- 1
            for k in 0..<count { firstSlots[k] = slots[Int(truncatingIfNeeded: features[k]) & mask] }
            for k in 0..<count {
                PackedWeights.add(features[k], loaded: firstSlots[k], slots: slots, dense: dense, to: scores)
            }
        }

        /// Adds the sums of the templates of the previous tags alone to `scores`.
        @inline(__always)
        func addTagSums(previous p1: UInt64, beforePrevious p2: UInt64, to scores: UnsafeMutablePointer<Int32>) {
            let values = FeatureExtractor.previousTagValues
            precondition(p1 < values && p2 < values, "a previous tag out of range")
            let row = tagSums + (Int(p1) &* values &+ Int(p2)) &* classCount
            for c in 0..<classCount { scores[c] &+= row[c] }
        }

        /// Adds the weights of one feature to `scores`.
        @inline(__always)
        func add(_ feature: UInt64, to scores: UnsafeMutablePointer<Int32>) {
            PackedWeights.add(feature, slots: slots, dense: dense, to: scores)
        }
    }

    @inline(__always)
    func withLookup<R>(_ body: (Lookup) -> R) -> R {
        packed.slots.withUnsafeBufferPointer { slots in
        packed.dense.withUnsafeBufferPointer { dense in
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: FeatureExtractor.maxFeatures) { features in
        withUnsafeTemporaryAllocation(of: PackedWeights.Slot.self, capacity: FeatureExtractor.maxFeatures) { firstSlots in
        tagSums.withUnsafeBufferPointer { tagSums in
            body(Lookup(
                slots: slots, dense: dense.baseAddress!, features: features.baseAddress!, firstSlots: firstSlots.baseAddress!,
                tagSums: tagSums.baseAddress!))
        }
        }
        }
        }
        }
    }
}

/// A tagger model file that could not be read.
public struct TaggerModelError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}

/// The binary model format (see Sources/DyadNLP/README.md). All integers little-endian.
enum ModelFile {
    static let magic: [UInt8] = Array("DYADPOS\u{0}".utf8)
    static let version: UInt32 = 3

    static func encode(_ tagger: PerceptronTagger) -> [UInt8] {
        var out: [UInt8] = []
        let classes = PerceptronTagger.classCount
        out.reserveCapacity(64 + tagger.dictionaryEntries.count * 9 + tagger.featureCount * 20)
        out += magic
        append(&out, version)
        append(&out, FeatureExtractor.featureSetVersion)
        append(&out, UInt32(classes))
        append(&out, UInt32(tagger.dictionaryEntries.count))
        for entry in tagger.dictionaryEntries {
            append(&out, entry.hash)
            out.append(entry.tag.rawValue)
        }
        append(&out, UInt32(tagger.lexiconEntries.count))
        for entry in tagger.lexiconEntries {
            append(&out, entry.key)
            append(&out, entry.tags)
        }
        tagger.clusters.encode(into: &out)
        let tables = [tagger.first] + (tagger.second.map { [$0] } ?? [])
        append(&out, UInt32(tables.count))
        for table in tables {
            append(&out, table.scale.bitPattern)
            append(&out, UInt32(table.featureHashes.count))
            for (row, hash) in table.featureHashes.enumerated() {
                append(&out, hash)
                let base = row * classes
                var nonZero: UInt8 = 0
                for c in 0..<classes where table.quantized[base + c] != 0 { nonZero += 1 }
                out.append(nonZero)
                for c in 0..<classes where table.quantized[base + c] != 0 {
                    out.append(UInt8(c))
                    append(&out, UInt16(bitPattern: table.quantized[base + c]))
                }
            }
        }
        append(&out, checksum(out))
        return out
    }

    static func decode(_ bytes: [UInt8], name: String) throws -> PerceptronTagger {
        // Every process that tags reads the whole model first: through a raw buffer, values are
        // loaded whole instead of assembled a byte at a time through checked subscripts.
        try bytes.withUnsafeBytes { try decode(raw: $0, name: name) }
    }

    private static func decode(raw bytes: UnsafeRawBufferPointer, name: String) throws -> PerceptronTagger {
        var reader = Reader(bytes: bytes, name: name)
        let classes = PerceptronTagger.classCount
        guard bytes.count >= magic.count + 8, Array(bytes[0..<magic.count]) == magic else {
            throw TaggerModelError(message: "\(name): not a Dyad tagger model (bad magic header)")
        }
        let stored = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self))
        guard stored == checksum(UnsafeRawBufferPointer(rebasing: bytes[..<(bytes.count - 8)])) else {
            throw TaggerModelError(message: "\(name): checksum mismatch (truncated or damaged file)")
        }
        reader.offset = magic.count
        let version: UInt32 = try reader.read()
        guard version == Self.version else {
            throw TaggerModelError(message: "\(name): format version \(version), this build reads \(Self.version)")
        }
        let featureSet: UInt32 = try reader.read()
        guard featureSet == FeatureExtractor.featureSetVersion else {
            throw TaggerModelError(
                message: "\(name): made with feature set \(featureSet), this build uses \(FeatureExtractor.featureSetVersion); retrain")
        }
        let classCount: UInt32 = try reader.read()
        guard classCount == classes else {
            throw TaggerModelError(message: "\(name): \(classCount) classes, expected \(classes)")
        }
        let dictionaryCount: UInt32 = try reader.read()
        var entries: [(hash: UInt64, tag: UPOS)] = []
        entries.reserveCapacity(Int(dictionaryCount))
        for _ in 0..<dictionaryCount {
            let hash: UInt64 = try reader.read()
            let raw: UInt8 = try reader.read()
            guard let tag = UPOS(rawValue: raw) else {
                throw TaggerModelError(message: "\(name): bad tag \(raw) in the tag dictionary")
            }
            entries.append((hash, tag))
        }
        let lexiconCount: UInt32 = try reader.read()
        var lexicon: [(key: UInt64, tags: UInt32)] = []
        lexicon.reserveCapacity(Int(lexiconCount))
        for _ in 0..<lexiconCount {
            let key: UInt64 = try reader.read()
            let tags: UInt32 = try reader.read()
            guard key != 0, tags < 1 << classes, lexicon.last.map({ $0.key < key }) ?? true else {
                throw TaggerModelError(message: "\(name): bad lexicon entry \(lexicon.count)")
            }
            lexicon.append((key, tags))
        }
        let clusters = try WordClusters.decode(&reader) { TaggerModelError(message: "\(name): \($0)") }
        let tableCount: UInt32 = try reader.read()
        guard tableCount == 1 || tableCount == 2 else {
            throw TaggerModelError(message: "\(name): \(tableCount) passes, expected 1 or 2")
        }
        var tables: [WeightTable] = []
        for _ in 0..<tableCount {
            let scale = Float(bitPattern: try reader.read())
            let featureCount: UInt32 = try reader.read()
            var hashes: [UInt64] = []
            hashes.reserveCapacity(Int(featureCount))
            var quantized = [Int16](repeating: 0, count: Int(featureCount) * classes)
            for row in 0..<Int(featureCount) {
                let hash: UInt64 = try reader.read()
                if let last = hashes.last, last >= hash {
                    throw TaggerModelError(message: "\(name): feature hashes out of order at feature \(row)")
                }
                hashes.append(hash)
                let nonZero: UInt8 = try reader.read()
                for _ in 0..<nonZero {
                    let c: UInt8 = try reader.read()
                    let value: UInt16 = try reader.read()
                    guard Int(c) < classes else {
                        throw TaggerModelError(message: "\(name): bad class \(c) at feature \(row)")
                    }
                    quantized[row * classes + Int(c)] = Int16(bitPattern: value)
                }
            }
            tables.append(WeightTable(featureHashes: hashes, quantized: quantized, scale: scale))
        }
        guard reader.offset == bytes.count - 8 else {
            throw TaggerModelError(message: "\(name): \(bytes.count - 8 - reader.offset) unexpected bytes at the end")
        }
        return PerceptronTagger(
            first: tables[0], second: tables.count > 1 ? tables[1] : nil, dictionary: entries, lexicon: lexicon,
            clusters: clusters)
    }

    static func append<T: FixedWidthInteger>(_ out: inout [UInt8], _ value: T) {
        var v = value.littleEndian
        withUnsafeBytes(of: &v) { out.append(contentsOf: $0) }
    }

    /// FNV-1a over the file's bytes; catches truncation and bit rot.
    static func checksum(_ bytes: some Collection<UInt8>) -> UInt64 {
        var hash = FeatureHash.fnvOffset
        for byte in bytes { hash = FeatureHash.fnvStep(hash, byte) }
        return hash
    }

    /// The same checksum over a raw buffer (unchecked reads: the model load's first pass).
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash = FeatureHash.fnvOffset
        for byte in bytes { hash = FeatureHash.fnvStep(hash, byte) }
        return hash
    }

    struct Reader {
        let bytes: UnsafeRawBufferPointer
        let name: String
        var offset = 0

        /// The little-endian value at the offset; a read past the end is an error, not a crash.
        mutating func read<T: FixedWidthInteger>() throws -> T {
            let size = MemoryLayout<T>.size
            guard offset + size <= bytes.count else {
                throw TaggerModelError(message: "\(name): ends early at byte \(offset)")
            }
            let value = T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
            offset += size
            return value
        }
    }
}
