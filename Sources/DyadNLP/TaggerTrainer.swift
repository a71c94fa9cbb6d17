import DyadCore

/// Trains a `PerceptronTagger` from tagged sentences.
///
/// Training is reproducible: sentences are shuffled each iteration with a seeded SplitMix64,
/// features get rows in order of first use, and nothing depends on `Dictionary` or `Set`
/// iteration order, so the same data, iterations and seed always give the same model bytes.
public struct TaggerTrainer: Sendable {
    /// Passes over the training data.
    public var iterations: Int
    /// Seed of the shuffle between passes.
    public var seed: UInt64
    /// A word goes into the tag dictionary (and is then never scored) when it occurs at least
    /// this often...
    public var dictionaryMinCount = 50
    /// ...and carries its most frequent tag at least this share of the time.
    public var dictionaryMinShare = 0.99
    /// Averaged weights smaller than this in magnitude are dropped from the model: they barely
    /// change any decision and make up most of the file.
    public var pruneBelow: Double = 0.01
    /// Words seen at least this often get an ambiguity class (the set of their tags) in the
    /// model's lexicon; rarer ones are "unknown", in training as when tagging.
    public var lexiconMinCount = 3
    /// A tag belongs to a word's ambiguity class when it has at least this share of the word.
    public var lexiconMinShare = 0.05
    /// Training sentences are split into this many folds; each fold's ambiguity classes come
    /// from the other folds (jackknifing), like new text's come from the training data.
    public var lexiconFolds = 10
    /// Train a second pass that also sees the first pass's tags of the next two words. Off by
    /// default: on EWT dev it gains only about 0.1 point for half the speed and twice the size.
    public var twoPass = false
    /// Folds for the held-out first-pass tags the second pass trains on.
    public var stackingFolds = 5
    /// Distributional word classes the features read (the model keeps them); none by default.
    public var clusters = WordClusters.empty

    /// - Parameters:
    ///   - iterations: passes over the data; EWT accuracy levels off around 10-15.
    ///   - seed: shuffle seed; change it only to measure how much results vary.
    public init(iterations: Int = 12, seed: UInt64 = 20_251_129) {
        self.iterations = iterations
        self.seed = seed
    }

    /// Where training stands after one pass over the data.
    public struct Progress {
        /// What is being trained: "first pass, fold 2 of 5", "first pass", "second pass".
        public let stage: String
        /// 1-based iteration number within the stage.
        public let iteration: Int
        /// Greedy predictions during the iteration that matched the gold tag (all tokens).
        public let correct: Int
        public let total: Int
        /// Builds the averaged model as it stands after this iteration (costs a copy of the
        /// weights; call it only when you want to evaluate, e.g. on a dev set). Nil while
        /// training the held-out first-pass models, which are not taggers on their own.
        public let model: (() -> PerceptronTagger)?
    }

    /// Trains on `sentences` (one array of word/tag pairs per sentence).
    public func train(_ sentences: [[(word: String, tag: UPOS)]]) -> PerceptronTagger {
        train(sentences, progress: nil)
    }

    /// Trains on `sentences`, reporting after each iteration.
    public func train(
        _ sentences: [[(word: String, tag: UPOS)]], progress: ((Progress) -> Void)?
    ) -> PerceptronTagger {
        let dictionaryEntries = buildDictionary(sentences)
        let dictionary = PerceptronTagger.dictionaryIndex(dictionaryEntries)
        let (lexiconEntries, foldLexicons) = buildLexicons(sentences, folds: lexiconFolds)

        // Word features do not depend on tags: compute them once.
        var data: [Example] = []
        data.reserveCapacity(sentences.count)
        for (sentenceIndex, sentence) in sentences.enumerated() where !sentence.isEmpty {
            let lexicon = foldLexicons[sentenceIndex % lexiconFolds]
            var bytes: [UInt8] = []
            var ranges: [Range<Int>] = []
            for pair in sentence {
                let start = bytes.count
                bytes.append(contentsOf: pair.word.utf8)
                ranges.append(start..<bytes.count)
            }
            let infos = bytes.withUnsafeBufferPointer { FeatureExtractor.wordInfos($0, ranges, lexicon: lexicon, clusters: clusters) }
            data.append(Example(words: infos, gold: sentence.map(\.tag.rawValue), right: []))
        }
        func model(_ first: WeightTable, _ second: WeightTable?) -> PerceptronTagger {
            PerceptronTagger(
                first: first, second: second, dictionary: dictionaryEntries, lexicon: lexiconEntries, clusters: clusters)
        }

        let all = Array(data.indices)
        guard twoPass else {
            let first = trainTable(data, subset: all, dictionary: dictionary, stage: "single pass", progress: progress) {
                model($0, nil)
            }
            return model(first, nil)
        }

        // Second-pass training needs first-pass tags as good as on unseen text: tag each
        // fold with a first pass trained on the other folds (jackknifing).
        let folds = max(2, stackingFolds)
        for fold in 0..<folds {
            let trainOn = all.filter { $0 % folds != fold }
            let table = trainTable(
                data, subset: trainOn, dictionary: dictionary, stage: "first pass, fold \(fold + 1) of \(folds)",
                progress: progress, model: nil)
            for index in all where index % folds == fold {
                data[index].right = data[index].words.withUnsafeBufferPointer { words in
                    var tags = [UInt8](repeating: 0, count: data[index].gold.count)
                    tags.withUnsafeMutableBufferPointer {
                        table.decode(words, count: $0.count, dictionary: dictionary, right: nil, into: $0)
                    }
                    return tags
                }
            }
        }
        let first = trainTable(data, subset: all, dictionary: dictionary, stage: "first pass", progress: progress) {
            model($0, nil)
        }
        let second = trainTable(
            data, subset: all, dictionary: dictionary, stage: "second pass", useRight: true, progress: progress
        ) { model(first, $0) }
        return model(first, second)
    }

    /// One training sentence: padded word features, gold tags and (for the second pass) the
    /// held-out first pass's tags.
    struct Example {
        var words: [WordInfo]
        var gold: [UInt8]
        var right: [UInt8]
    }

    /// Trains one pass's weights on `data[subset]`.
    func trainTable(
        _ data: [Example], subset: [Int], dictionary: HashIndex, stage: String, useRight: Bool = false,
        progress: ((Progress) -> Void)?, model: ((WeightTable) -> PerceptronTagger)?
    ) -> WeightTable {
        let classes = PerceptronTagger.classCount
        var state = State(classes: classes)
        var order = subset
        var random = SplitMix64(seed: seed)
        var features = [UInt64](repeating: 0, count: FeatureExtractor.maxFeatures)
        var scores = [Double](repeating: 0, count: classes)

        for iteration in 1...max(1, iterations) {
            random.shuffle(&order)
            var correct = 0, total = 0
            for sentenceIndex in order {
                let example = data[sentenceIndex]
                let count = example.gold.count
                var p1 = FeatureExtractor.startTag1
                var p2 = FeatureExtractor.startTag2
                example.words.withUnsafeBufferPointer { words in
                example.right.withUnsafeBufferPointer { right in
                features.withUnsafeMutableBufferPointer { features in
                    for i in 0..<count {
                        let truth = Int(example.gold[i])
                        var guess: Int
                        let form = words[i + 2].form
                        let known = dictionary.find(form == 0 ? 1 : form)
                        if known >= 0 {
                            guess = Int(known)
                        } else {
                            var n = FeatureExtractor.extract(
                                words, i, previous: p1, beforePrevious: p2, into: features.baseAddress!)
                            if useRight {
                                n += FeatureExtractor.extractRight(
                                    words, i, count: count, right: right, previous: p1,
                                    into: features.baseAddress! + n)
                            }
                            for c in 0..<classes { scores[c] = 0 }
                            for k in 0..<n {
                                let row = state.index.find(features[k])
                                if row < 0 { continue }
                                let base = Int(row) * classes
                                for c in 0..<classes { scores[c] += Double(state.weights[base + c]) }
                            }
                            guess = 0
                            for c in 1..<classes where scores[c] > scores[guess] { guess = c }
                            state.instances += 1
                            if guess != truth {
                                for k in 0..<n {
                                    let row = state.row(for: features[k])
                                    state.update(row: row, tag: truth, by: 1)
                                    state.update(row: row, tag: guess, by: -1)
                                }
                            }
                        }
                        if guess == truth { correct += 1 }
                        total += 1
                        p2 = p1
                        p1 = UInt64(guess)
                    }
                }
                }
                }
            }
            if let progress {
                let snapshot = state
                let prune = pruneBelow
                progress(Progress(
                    stage: stage, iteration: iteration, correct: correct, total: total,
                    model: model.map { model in { model(snapshot.averaged(pruneBelow: prune)) } }))
            }
        }
        return state.averaged(pruneBelow: pruneBelow)
    }

    /// Words seen at least `dictionaryMinCount` times with one tag at least
    /// `dictionaryMinShare` of the time, sorted by hash.
    func buildDictionary(_ sentences: [[(word: String, tag: UPOS)]]) -> [(hash: UInt64, tag: UPOS)] {
        let classes = PerceptronTagger.classCount
        var counts: [String: [Int]] = [:]
        for sentence in sentences {
            for pair in sentence {
                counts[pair.word, default: Array(repeating: 0, count: classes)][Int(pair.tag.rawValue)] += 1
            }
        }
        var entries: [(hash: UInt64, tag: UPOS)] = []
        for word in counts.keys.sorted() {
            let tagCounts = counts[word]!
            let total = tagCounts.reduce(0, +)
            guard total >= dictionaryMinCount else { continue }
            var best = 0
            for c in 1..<classes where tagCounts[c] > tagCounts[best] { best = c }
            if Double(tagCounts[best]) / Double(total) >= dictionaryMinShare {
                entries.append((FeatureHash.fnv(word), UPOS(rawValue: UInt8(best))!))
            }
        }
        entries.sort { $0.hash < $1.hash }
        // Two words with one hash cannot both be looked up: keep neither.
        var unique: [(hash: UInt64, tag: UPOS)] = []
        var i = 0
        while i < entries.count {
            var j = i + 1
            while j < entries.count && entries[j].hash == entries[i].hash { j += 1 }
            if j == i + 1 { unique.append(entries[i]) }
            i = j
        }
        return unique
    }

    /// Ambiguity classes: for each word form (and, separately, each lowercase form) seen at
    /// least `lexiconMinCount` times, the set of tags it had at least `lexiconMinShare` of the
    /// time. Returns the lexicon of all sentences (sorted by key, for the model) and, for
    /// training, one lexicon per fold made without that fold's sentences (sentence `i` is in
    /// fold `i % folds`), so that training sees as many unknown words as tagging new text does.
    func buildLexicons(_ sentences: [[(word: String, tag: UPOS)]], folds: Int)
        -> (all: [(key: UInt64, tags: UInt32)], folds: [HashIndex])
    {
        let classes = PerceptronTagger.classCount
        var total: [UInt64: [Int32]] = [:]
        var perFold = [[UInt64: [Int32]]](repeating: [:], count: folds)
        for (index, sentence) in sentences.enumerated() {
            for pair in sentence {
                let bytes = Array(pair.word.utf8)
                let info = bytes.withUnsafeBufferPointer { WordInfo($0, 0..<bytes.count) }
                for key in [FeatureExtractor.lexiconKey(form: info.form), FeatureExtractor.lexiconKey(lower: info.lower)] {
                    total[key, default: Array(repeating: 0, count: classes)][Int(pair.tag.rawValue)] += 1
                    perFold[index % folds][key, default: Array(repeating: 0, count: classes)][Int(pair.tag.rawValue)] += 1
                }
            }
        }
        func tags(_ counts: [Int32]) -> UInt32? {
            let sum = counts.reduce(0, +)
            guard sum >= lexiconMinCount else { return nil }
            var tags: UInt32 = 0
            for c in 0..<classes where Double(counts[c]) >= lexiconMinShare * Double(sum) { tags |= 1 << c }
            return tags
        }
        let keys = total.keys.sorted()
        var all: [(key: UInt64, tags: UInt32)] = []
        var foldIndexes = [HashIndex](repeating: HashIndex(minimumCapacity: keys.count), count: folds)
        for key in keys {
            let counts = total[key]!
            if let t = tags(counts) { all.append((key, t)) }
            for fold in 0..<folds {
                var rest = counts
                if let held = perFold[fold][key] { for c in 0..<classes { rest[c] -= held[c] } }
                if let t = tags(rest) { foldIndexes[fold].set(key, Int32(bitPattern: t)) }
            }
        }
        return (all, foldIndexes)
    }

    /// The perceptron's weights with the running sums needed for averaging.
    struct State {
        let classes: Int
        var index = HashIndex(minimumCapacity: 1 << 18)
        var hashes: [UInt64] = []
        var weights: [Float] = []
        /// Sum of each weight over all instances up to `stamps`.
        var totals: [Double] = []
        /// The instance at which each weight last changed.
        var stamps: [Int] = []
        var instances = 0

        init(classes: Int) { self.classes = classes }

        mutating func row(for hash: UInt64) -> Int {
            let found = index.find(hash)
            if found >= 0 { return Int(found) }
            let row = hashes.count
            hashes.append(hash)
            weights.append(contentsOf: repeatElement(0, count: classes))
            totals.append(contentsOf: repeatElement(0, count: classes))
            stamps.append(contentsOf: repeatElement(0, count: classes))
            index.set(hash, Int32(row))
            return row
        }

        mutating func update(row: Int, tag: Int, by delta: Float) {
            let k = row * classes + tag
            totals[k] += Double(instances - stamps[k]) * Double(weights[k])
            stamps[k] = instances
            weights[k] += delta
        }

        /// The averaged weights, pruned, quantized to 16 bits and sorted by feature hash.
        func averaged(pruneBelow: Double) -> WeightTable {
            let n = Double(max(1, instances))
            var averages = [Double](repeating: 0, count: weights.count)
            var maxMagnitude = 0.0
            for k in weights.indices {
                let total = totals[k] + Double(instances - stamps[k]) * Double(weights[k])
                var average = total / n
                if abs(average) < pruneBelow { average = 0 }
                averages[k] = average
                maxMagnitude = max(maxMagnitude, abs(average))
            }
            let scale = maxMagnitude > 0 ? Float(maxMagnitude / 32767) : 1
            let order = hashes.indices.sorted { hashes[$0] < hashes[$1] }
            var keptHashes: [UInt64] = []
            var quantized: [Int16] = []
            for row in order {
                var values = [Int16](repeating: 0, count: classes)
                var any = false
                for c in 0..<classes {
                    let q = (averages[row * classes + c] / Double(scale)).rounded()
                    values[c] = Int16(max(-32767, min(32767, q)))
                    if values[c] != 0 { any = true }
                }
                if any {
                    keptHashes.append(hashes[row])
                    quantized += values
                }
            }
            return WeightTable(featureHashes: keptHashes, quantized: quantized, scale: scale)
        }
    }
}
