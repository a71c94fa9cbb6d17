/// A gold tree for training: each word's head (the root is position `count`) and label index.
struct GoldTree {
    let count: Int
    var heads: [Int32]
    var labels: [Int16]

    /// Gold dependents of each position `0...count`, as offsets into `dependentList`.
    private(set) var firstDependent: [Int32] = []
    private(set) var dependentList: [Int32] = []

    init(heads: [Int32], labels: [Int16]) {
        precondition(heads.count == labels.count)
        count = heads.count
        self.heads = heads
        self.labels = labels
        indexDependents()
    }

    private mutating func indexDependents() {
        var counts = [Int32](repeating: 0, count: count + 2)
        for head in heads { counts[Int(head) + 1] += 1 }
        for i in 0...count { counts[i + 1] += counts[i] }
        var fill = counts
        var list = [Int32](repeating: 0, count: count)
        for (word, head) in heads.enumerated() {
            list[Int(fill[Int(head)])] = Int32(word)
            fill[Int(head)] += 1
        }
        firstDependent = counts
        dependentList = list
    }

    /// Gold dependents of `head` at positions `from` or later.
    @inline(__always)
    func dependentCount(of head: Int, from position: Int) -> Int {
        var n = 0
        for i in Int(firstDependent[head])..<Int(firstDependent[head + 1]) where Int(dependentList[i]) >= position { n += 1 }
        return n
    }

    /// True when no arc crosses another and none crosses the root's.
    var isProjective: Bool { nonProjectiveArc() == nil }

    /// Makes the tree projective by lifting: the shortest non-projective arc `h -> d` becomes
    /// `h's head -> d`, until none is left (Nivre and Nilsson 2005, without encoding the lift in
    /// the label). Labels stay. Returns how many arcs were lifted.
    @discardableResult
    mutating func projectivize() -> Int {
        var lifted = 0
        while let word = nonProjectiveArc() {
            let head = Int(heads[word])
            heads[word] = heads[head]
            lifted += 1
        }
        if lifted > 0 { indexDependents() }
        return lifted
    }

    /// The dependent of the shortest arc that is not projective: some word between its head and
    /// it is not a descendant of the head.
    private func nonProjectiveArc() -> Int? {
        var best: Int?
        var bestLength = Int.max
        for word in 0..<count {
            let head = Int(heads[word])
            let low = min(head, word), high = max(head, word)
            let length = high - low
            if length <= 1 || length >= bestLength { continue }
            for between in (low + 1)..<high where !dominates(head, between) {
                best = word
                bestLength = length
                break
            }
        }
        return best
    }

    /// True when `ancestor` is `word` or above it.
    private func dominates(_ ancestor: Int, _ word: Int) -> Bool {
        if ancestor == count { return true }
        var current = word
        var steps = 0
        while current != ancestor {
            if current == count || steps > count { return false }
            current = Int(heads[current])
            steps += 1
        }
        return true
    }

    /// True when every word reaches the root and exactly one word hangs on it.
    var isTree: Bool {
        var rootDependents = 0
        for word in 0..<count {
            if heads[word] == Int32(count) { rootDependents += 1 }
            if heads[word] < 0 || heads[word] > Int32(count) || heads[word] == Int32(word) { return false }
            var current = word
            var steps = 0
            while current != count {
                current = Int(heads[current])
                steps += 1
                if steps > count { return false }
            }
        }
        return rootDependents == 1
    }
}

/// The dynamic oracle of the arc-hybrid system (Goldberg and Nivre 2013): how many gold arcs a
/// transition makes unreachable from a configuration, so that training can follow its own
/// mistakes and still learn the best move from wherever it is.
struct ArcHybridOracle {
    let gold: GoldTree

    /// Costs of SHIFT, LEFT and RIGHT ignoring labels; `Int.max` when not legal.
    func costs(_ state: ParseState, legal: ArcHybrid.Legal) -> (shift: Int, left: Int, right: Int) {
        let b0 = state.front
        var shift = Int.max, left = Int.max, right = Int.max
        if legal.shift {
            // b0 can no longer take a dependent from the stack, nor a head under the top.
            var cost = 0
            let goldHead = Int(gold.heads[b0])
            for i in 0..<state.stackCount {
                let word = state.stack(i)
                if Int(gold.heads[word]) == b0 { cost += 1 }
                if i > 0 && word == goldHead { cost += 1 }
            }
            shift = cost
        }
        if legal.left || legal.right {
            let s0 = state.stack(0)
            let goldHead = Int(gold.heads[s0])
            // s0 leaves: its dependents still in the buffer are lost.
            let lostDependents = gold.dependentCount(of: s0, from: b0)
            if legal.left {
                let s1 = state.stack(1)
                let lostHead = goldHead != b0 && (goldHead == s1 || goldHead > b0)
                left = lostDependents + (lostHead ? 1 : 0)
            }
            if legal.right {
                right = lostDependents + (goldHead >= b0 ? 1 : 0)
            }
        }
        return (shift, left, right)
    }

    /// The label a LEFT (`right == false`) or RIGHT move must use to cost nothing more, or nil
    /// when the arc it makes is wrong anyway (any label costs the same).
    func goldLabel(_ state: ParseState, right: Bool) -> Int? {
        let s0 = state.stack(0)
        let head = right ? state.stack(1) : state.front
        return Int(gold.heads[s0]) == head ? Int(gold.labels[s0]) : nil
    }
}
