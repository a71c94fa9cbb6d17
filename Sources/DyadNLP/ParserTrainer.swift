import DyadCore

/// Trains a `DependencyParser` from treebank sentences with an averaged perceptron and the
/// arc-hybrid dynamic oracle.
///
/// At each step of each training sentence the model predicts a move; when the oracle says the
/// move loses gold arcs that the best zero-cost move would keep, the weights of that best move
/// go up and the predicted move's go down. From the second round on, training follows the
/// model's own move nine times in ten even when it is wrong ("error exploration", Goldberg and
/// Nivre 2012), so it learns to continue well from its own mistakes.
///
/// Reproducible: sentences are shuffled with a seeded SplitMix64 and nothing depends on hash
/// seeds or `Dictionary` order, so the same data and options give the same model bytes.
public struct ParserTrainer: Sendable {
    /// Rounds over the training data.
    public var iterations: Int
    /// Seed of the shuffles and of exploration.
    public var seed: UInt64
    /// Averaged weights smaller than this in magnitude are dropped from the model.
    public var pruneBelow: Double = 1.0
    /// Probability of following the gold move instead of the model's after the first round.
    public var followGold: Double = 0.1
    /// Rounds before exploring the model's own mistakes.
    public var exploreAfter = 1
    /// Distributional word classes the features read (the model keeps them); none by default.
    public var clusters = WordClusters.empty

    public init(iterations: Int = 15, seed: UInt64 = 20_261_204) {
        self.iterations = iterations
        self.seed = seed
    }

    /// One training sentence: words, their gold tags (what jackknifing taggers learn from), the tags the
    /// parser will see (predicted ones, ideally), and the gold tree (heads as word numbers, -1
    /// for the root).
    public struct Example: Sendable {
        public var words: [String]
        public var goldTags: [UPOS]
        public var tags: [UPOS]
        public var heads: [Int]
        public var relations: [DependencyRelation]

        public init(words: [String], goldTags: [UPOS], tags: [UPOS]? = nil, heads: [Int], relations: [DependencyRelation]) {
            self.words = words
            self.goldTags = goldTags
            self.tags = tags ?? goldTags
            self.heads = heads
            self.relations = relations
        }
    }

    /// Where training stands after one round.
    public struct Progress {
        public let iteration: Int
        /// Moves the model got right (zero cost) during the round, of all moves.
        public let correct: Int
        public let total: Int
        /// Builds the averaged model as it stands (a copy of the weights).
        public let model: () -> DependencyParser
    }

    /// What training did to the data.
    public struct Report: Sendable {
        public var sentences = 0
        public var words = 0
        /// Sentences whose tree was not projective, and arcs lifted to make them so.
        public var nonProjective = 0
        public var liftedArcs = 0
        /// Sentences left out: not a tree (several roots, a cycle, a head out of range).
        public var skipped = 0

        public init() {}
    }

    /// Trains on `examples`, reporting after each round.
    public func train(
        _ examples: [Example], report: inout Report, progress: ((Progress) -> Void)? = nil
    ) -> DependencyParser {
        var used = Set<DependencyRelation>([.root])
        for example in examples { used.formUnion(example.relations) }
        let labels = DependencyRelation.allCases.filter(used.contains)
        precondition(labels.count <= 64, "label sets are 64-bit masks")
        let labelIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let system = ArcHybrid(labelCount: labels.count, rootLabel: labelIndex[.root]!)

        var data: [(words: ParserWords, gold: GoldTree)] = []
        for example in examples where !example.words.isEmpty {
            let n = example.words.count
            var gold = GoldTree(
                heads: example.heads.map { Int32($0 < 0 ? n : $0) },
                labels: example.relations.map { Int16(labelIndex[$0]!) })
            guard gold.isTree else { report.skipped += 1; continue }
            let lifted = gold.projectivize()
            if lifted > 0 {
                report.nonProjective += 1
                report.liftedArcs += lifted
            }
            report.sentences += 1
            report.words += n
            data.append((ParserWords(words: example.words, tags: example.tags, clusters: clusters), gold))
        }

        var weights = TrainingWeights(classCount: system.classCount)
        var random = SplitMix64(seed: seed)
        var order = Array(data.indices)
        let classes = system.classCount
        let features = UnsafeMutablePointer<UInt64>.allocate(capacity: ParserFeatures.maxFeatures)
        let rows = UnsafeMutablePointer<Int32>.allocate(capacity: ParserFeatures.maxFeatures)
        let scores = UnsafeMutablePointer<Int64>.allocate(capacity: classes)
        defer {
            features.deallocate()
            rows.deallocate()
            scores.deallocate()
        }
        for iteration in 1...iterations {
            random.shuffle(&order)
            var correct = 0, total = 0
            for index in order {
                let (words, gold) = data[index]
                let oracle = ArcHybridOracle(gold: gold)
                var state = ParseState(count: words.count)
                while !state.isFinal {
                    let legal = system.legal(state)
                    let n = ParserFeatures.extract(state, words, into: features)
                    weights.score(features, count: n, rows: rows, into: scores)
                    let cost = oracle.costs(state, legal: legal)
                    let leftGold = legal.left ? oracle.goldLabel(state, right: false) : nil
                    let rightGold = legal.right ? oracle.goldLabel(state, right: true) : nil
                    func costOf(_ c: Int) -> Int {
                        switch system.move(ofClass: c) {
                        case .shift: return cost.shift
                        case .left(let label): return cost.left + (leftGold.map { $0 == label ? 0 : 1 } ?? 0)
                        case .right(let label): return cost.right + (rightGold.map { $0 == label ? 0 : 1 } ?? 0)
                        }
                    }
                    var predicted = -1, best = -1
                    var minCost = Int.max
                    for c in 0..<classes where system.isLegal(c, legal) {
                        let cost = costOf(c)
                        if predicted < 0 || scores[c] > scores[predicted] { predicted = c }
                        if cost < minCost || (cost == minCost && scores[c] > scores[best]) {
                            minCost = cost
                            best = c
                        }
                    }
                    total += 1
                    if costOf(predicted) > minCost {
                        weights.update(rows: rows, features: features, count: n, class: best, by: 1)
                        weights.update(rows: rows, features: features, count: n, class: predicted, by: -1)
                    } else {
                        correct += 1
                    }
                    weights.tick()
                    let explore = iteration > exploreAfter && Double(random.next() >> 11) / Double(1 << 53) >= followGold
                    system.apply(system.move(ofClass: explore ? predicted : best), to: &state)
                }
            }
            if let progress {
                let snapshot = weights
                let prune = pruneBelow
                progress(Progress(iteration: iteration, correct: correct, total: total) {
                    DependencyParser(labels: labels, weights: snapshot.averaged(pruneBelow: prune), clusters: clusters)
                })
            }
        }
        return DependencyParser(labels: labels, weights: weights.averaged(pruneBelow: pruneBelow), clusters: clusters)
    }
}

/// Perceptron weights during training, with the running sums that averaging needs.
///
/// A feature gets a row the first time it is updated; a row's weights form a list of entries
/// (one per class it has a weight for) in flat arrays. Weights are integers (updates are ±1),
/// so training has no rounding to depend on.
struct TrainingWeights {
    let classCount: Int
    private var rowOf = HashIndex(minimumCapacity: 1 << 20)
    private var rowHashes: [UInt64] = []
    private var rowFirst: [Int32] = []
    private var entryClass: [Int16] = []
    private var entryNext: [Int32] = []
    private var weight: [Int32] = []
    private var total: [Int64] = []
    private var stamp: [Int64] = []
    /// Training steps so far: the averaging clock.
    private var now: Int64 = 1

    init(classCount: Int) { self.classCount = classCount }

    mutating func tick() { now += 1 }

    /// Looks up the rows of the features (-1 for features never updated) and sums their
    /// weights per class into `scores`.
    func score(
        _ features: UnsafePointer<UInt64>, count: Int, rows: UnsafeMutablePointer<Int32>,
        into scores: UnsafeMutablePointer<Int64>
    ) {
        scores.update(repeating: 0, count: classCount)
        rowOf.slots.withUnsafeBufferPointer { slots in
            for k in 0..<count {
                let row = HashIndex.find(features[k], in: slots)
                rows[k] = row
                guard row >= 0 else { continue }
                var entry = rowFirst[Int(row)]
                while entry >= 0 {
                    scores[Int(entryClass[Int(entry)])] += Int64(weight[Int(entry)])
                    entry = entryNext[Int(entry)]
                }
            }
        }
    }

    /// Adds `delta` to the weight of `class` in every feature's row (creating rows as needed);
    /// `rows` comes from `score` and is updated for the new rows.
    mutating func update(
        rows: UnsafeMutablePointer<Int32>, features: UnsafePointer<UInt64>, count: Int, class value: Int, by delta: Int32
    ) {
        for k in 0..<count {
            var row = rows[k]
            if row < 0 {
                row = rowOf.find(features[k])
                if row < 0 {
                    row = Int32(rowHashes.count)
                    rowOf.set(features[k], row)
                    rowHashes.append(features[k])
                    rowFirst.append(-1)
                }
                rows[k] = row
            }
            var entry = rowFirst[Int(row)]
            while entry >= 0 && Int(entryClass[Int(entry)]) != value { entry = entryNext[Int(entry)] }
            if entry < 0 {
                entry = Int32(entryClass.count)
                entryClass.append(Int16(value))
                entryNext.append(rowFirst[Int(row)])
                weight.append(0)
                total.append(0)
                stamp.append(now)
                rowFirst[Int(row)] = entry
            }
            let e = Int(entry)
            total[e] += (now - stamp[e]) * Int64(weight[e])
            stamp[e] = now
            weight[e] += delta
        }
    }

    /// The averaged weights, quantized to `Int16` with one scale, dropping those smaller than
    /// `pruneBelow`.
    func averaged(pruneBelow: Double) -> SparseWeights {
        var averages = [Double](repeating: 0, count: weight.count)
        var largest = 0.0
        for e in 0..<weight.count {
            let sum = total[e] + (now - stamp[e]) * Int64(weight[e])
            averages[e] = Double(sum) / Double(now)
            largest = max(largest, abs(averages[e]))
        }
        let scale = largest > 0 ? largest / 32767 : 1
        var hashes: [UInt64] = []
        var starts: [Int32] = [0]
        var entries: [UInt32] = []
        for row in rowHashes.indices.sorted(by: { rowHashes[$0] < rowHashes[$1] }) {
            var kept: [UInt32] = []
            var entry = rowFirst[row]
            while entry >= 0 {
                let e = Int(entry)
                let average = averages[e]
                if abs(average) >= pruneBelow {
                    let quantized = Int16((average / scale).rounded())
                    if quantized != 0 { kept.append(UInt32(entryClass[e]) << 16 | UInt32(UInt16(bitPattern: quantized))) }
                }
                entry = entryNext[e]
            }
            guard !kept.isEmpty else { continue }
            kept.sort()
            hashes.append(rowHashes[row])
            entries.append(contentsOf: kept)
            starts.append(Int32(entries.count))
        }
        return SparseWeights(classCount: classCount, scale: Float(scale), hashes: hashes, starts: starts, entries: entries)
    }
}
