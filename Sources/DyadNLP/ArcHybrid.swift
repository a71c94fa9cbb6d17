/// The arc-hybrid transition system (Kuhlmann, Gómez-Rodríguez and Satta 2011) with the root
/// at the end of the buffer, and the parser configuration it moves through.
///
/// A sentence of `n` words is parsed in exactly `2n` transitions, each in constant time:
/// - SHIFT moves the front of the buffer onto the stack;
/// - LEFT(label) makes the top of the stack a dependent of the front of the buffer and pops it;
/// - RIGHT(label) makes the top of the stack a dependent of the word below it and pops it.
///
/// The root is a pseudo-word at position `n`, after the last word. It takes a dependent only
/// through LEFT when the stack holds one word, so every finished parse is one projective tree
/// with exactly one word attached to the root.
struct ArcHybrid {
    /// A transition, coded as the class number a classifier scores: 0 is SHIFT, `1 + label`
    /// is LEFT(label) and `1 + labelCount + label` RIGHT(label).
    enum Move: Equatable {
        case shift
        case left(Int)
        case right(Int)
    }

    let labelCount: Int
    /// The label index of `root`: the only label LEFT may use onto the root, and never
    /// anywhere else.
    let rootLabel: Int

    var classCount: Int { 1 + 2 * labelCount }

    func move(ofClass value: Int) -> Move {
        if value == 0 { return .shift }
        if value <= labelCount { return .left(value - 1) }
        return .right(value - 1 - labelCount)
    }

    func classOf(_ move: Move) -> Int {
        switch move {
        case .shift: 0
        case .left(let label): 1 + label
        case .right(let label): 1 + labelCount + label
        }
    }

    /// Which moves are allowed in `state`: SHIFT while words remain before the root; LEFT with
    /// a word on the stack (onto the root only as the last word, with the root label); RIGHT
    /// with two words on the stack (never the root label).
    struct Legal {
        var shift: Bool
        var left: Bool
        var right: Bool
        /// LEFT must use the root label (the front of the buffer is the root).
        var leftIsRoot: Bool

        var any: Bool { shift || left || right }
    }

    func legal(_ state: ParseState) -> Legal {
        let depth = state.stackCount
        let atRoot = state.front == state.count
        return Legal(
            shift: !atRoot,
            left: depth > 0 && (!atRoot || depth == 1),
            right: depth >= 2,
            leftIsRoot: atRoot)
    }

    /// True when class `value` is allowed by `legal`.
    @inline(__always)
    func isLegal(_ value: Int, _ legal: Legal) -> Bool {
        if value == 0 { return legal.shift }
        if value <= labelCount {
            return legal.left && ((value - 1 == rootLabel) == legal.leftIsRoot)
        }
        return legal.right && value - 1 - labelCount != rootLabel
    }

    /// Applies a legal move.
    func apply(_ move: Move, to state: inout ParseState) {
        switch move {
        case .shift:
            state.push(state.front)
            state.front += 1
        case .left(let label):
            let dependent = state.pop()
            state.attach(dependent, to: state.front, label: label)
        case .right(let label):
            let dependent = state.pop()
            state.attach(dependent, to: state.top, label: label)
        }
    }
}

/// A parser configuration: the stack, the front of the buffer, and the arcs made so far with
/// what the features read about them (each word's outermost dependents, their number and
/// their labels).
///
/// Positions are sentence word numbers `0..<count`; `count` is the root; `none` (`count + 1`)
/// stands for "no such word" and reads as padding in features.
struct ParseState {
    let count: Int
    var none: Int { count + 1 }
    /// The first word of the buffer (`count` when only the root is left).
    var front = 0
    private(set) var stack: [Int32]
    var stackCount: Int { stack.count }

    /// Head and label of each word; -1 until attached.
    private(set) var heads: [Int32]
    private(set) var labels: [Int16]
    /// Leftmost and second leftmost, rightmost and second rightmost dependents (or `none`).
    private(set) var leftmost: [Int32]
    private(set) var leftmost2: [Int32]
    private(set) var rightmost: [Int32]
    private(set) var rightmost2: [Int32]
    /// Number of left and right dependents.
    private(set) var leftCount: [UInt16]
    private(set) var rightCount: [UInt16]
    /// Sets of the labels (bit per label index, at most 64) of the left and right dependents.
    private(set) var leftLabels: [UInt64]
    private(set) var rightLabels: [UInt64]

    init(count: Int) {
        self.count = count
        let size = count + 2
        let none = Int32(count + 1)
        stack = []
        stack.reserveCapacity(min(count, 256))
        heads = Array(repeating: -1, count: size)
        labels = Array(repeating: -1, count: size)
        leftmost = Array(repeating: none, count: size)
        leftmost2 = Array(repeating: none, count: size)
        rightmost = Array(repeating: none, count: size)
        rightmost2 = Array(repeating: none, count: size)
        leftCount = Array(repeating: 0, count: size)
        rightCount = Array(repeating: 0, count: size)
        leftLabels = Array(repeating: 0, count: size)
        rightLabels = Array(repeating: 0, count: size)
    }

    /// True when every word has its head.
    var isFinal: Bool { front == count && stack.isEmpty }

    /// The stack's `i`th word from the top (0 is the top), or `none`.
    @inline(__always)
    func stack(_ i: Int) -> Int {
        i < stack.count ? Int(stack[stack.count - 1 - i]) : none
    }

    var top: Int { Int(stack[stack.count - 1]) }

    /// The buffer's `i`th word from the front (the root counts as a word), or `none`.
    @inline(__always)
    func buffer(_ i: Int) -> Int {
        let position = front + i
        return position <= count ? position : none
    }

    mutating func push(_ word: Int) { stack.append(Int32(word)) }

    mutating func pop() -> Int { Int(stack.removeLast()) }

    /// Records the arc `head -> dependent` with `label`.
    mutating func attach(_ dependent: Int, to head: Int, label: Int) {
        heads[dependent] = Int32(head)
        labels[dependent] = Int16(label)
        let bit: UInt64 = label < 64 ? 1 << UInt64(label) : 0
        if dependent < head {
            if leftmost[head] == none || dependent < Int(leftmost[head]) {
                leftmost2[head] = leftmost[head]
                leftmost[head] = Int32(dependent)
            } else if leftmost2[head] == none || dependent < Int(leftmost2[head]) {
                leftmost2[head] = Int32(dependent)
            }
            leftCount[head] &+= 1
            leftLabels[head] |= bit
        } else {
            if rightmost[head] == none || dependent > Int(rightmost[head]) {
                rightmost2[head] = rightmost[head]
                rightmost[head] = Int32(dependent)
            } else if rightmost2[head] == none || dependent > Int(rightmost2[head]) {
                rightmost2[head] = Int32(dependent)
            }
            rightCount[head] &+= 1
            rightLabels[head] |= bit
        }
    }

    /// The label index of a word's arc, or -1 (no arc yet, or `none`).
    @inline(__always)
    func label(of word: Int) -> Int { word < count ? Int(labels[word]) : -1 }

    @inline(__always)
    func head(of word: Int) -> Int { Int(heads[word]) }
}
