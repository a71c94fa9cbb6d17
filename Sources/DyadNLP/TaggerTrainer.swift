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

    /// - Parameters:
    ///   - iterations: passes over the data; EWT accuracy levels off around 10-15.
    ///   - seed: shuffle seed; change it only to measure how much results vary.
    public init(iterations: Int = 12, seed: UInt64 = 20_251_129) {
        self.iterations = iterations
        self.seed = seed
    }

    /// Where training stands after one pass.
    public struct Progress {
        /// 1-based pass number.
        public let iteration: Int
        /// Greedy predictions during the pass that matched the gold tag (all tokens).
        public let correct: Int
        public let total: Int
        /// Builds the averaged model as it stands after this pass (costs a copy of the
        /// weights; call it only when you want to evaluate, e.g. on a dev set).
        public let model: () -> PerceptronTagger
    }

    /// Trains on `sentences` (one array of word/tag pairs per sentence).
    public func train(_ sentences: [[(word: String, tag: UPOS)]]) -> PerceptronTagger {
        train(sentences, progress: nil)
    }

    /// Trains on `sentences`, reporting after each pass.
    public func train(
        _ sentences: [[(word: String, tag: UPOS)]], progress: ((Progress) -> Void)?
    ) -> PerceptronTagger {
        let classes = PerceptronTagger.classCount
        let dictionaryEntries = buildDictionary(sentences)
        var dictionary = HashIndex(minimumCapacity: dictionaryEntries.count)
        for entry in dictionaryEntries { dictionary.set(entry.hash == 0 ? 1 : entry.hash, Int32(entry.tag.rawValue)) }
        let (lexiconEntries, foldLexicons) = buildLexicons(sentences, folds: lexiconFolds)

        // Word features do not depend on tags: compute them once.
        var data: [(words: [WordInfo], gold: [UInt8])] = []
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
            let infos = bytes.withUnsafeBufferPointer { FeatureExtractor.wordInfos($0, ranges, lexicon: lexicon) }
            data.append((infos, sentence.map(\.tag.rawValue)))
        }

        var state = State(classes: classes)
        var order = Array(data.indices)
        var random = SplitMix64(seed: seed)
        var features = [UInt64](repeating: 0, count: FeatureExtractor.maxFeatures)
        var scores = [Double](repeating: 0, count: classes)

        for iteration in 1...max(1, iterations) {
            random.shuffle(&order)
            var correct = 0, total = 0
            for sentenceIndex in order {
                let (infos, gold) = data[sentenceIndex]
                var p1 = FeatureExtractor.startTag1
                var p2 = FeatureExtractor.startTag2
                infos.withUnsafeBufferPointer { words in
                    for i in 0..<gold.count {
                        let truth = Int(gold[i])
                        var guess: Int
                        let known = dictionary.find(words[i + 2].form == 0 ? 1 : words[i + 2].form)
                        if known >= 0 {
                            guess = Int(known)
                        } else {
                            let n = features.withUnsafeMutableBufferPointer {
                                FeatureExtractor.extract(words, i, previous: p1, beforePrevious: p2, into: $0.baseAddress!)
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
            if let progress {
                let snapshot = state
                progress(Progress(
                    iteration: iteration, correct: correct, total: total,
                    model: { snapshot.averaged(pruneBelow: pruneBelow, dictionary: dictionaryEntries, lexicon: lexiconEntries) }))
            }
        }
        return state.averaged(pruneBelow: pruneBelow, dictionary: dictionaryEntries, lexicon: lexiconEntries)
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
        func averaged(
            pruneBelow: Double, dictionary: [(hash: UInt64, tag: UPOS)], lexicon: [(key: UInt64, tags: UInt32)]
        ) -> PerceptronTagger {
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
            return PerceptronTagger(featureHashes: keptHashes, quantized: quantized, scale: scale, dictionary: dictionary, lexicon: lexicon)
        }
    }
}
