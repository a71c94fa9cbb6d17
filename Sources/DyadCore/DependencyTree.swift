/// A read-only view of one parsed sentence: every word's head, relation and dependents, with
/// the questions a coder asks of a verb (who is its subject, its object, its obliques and their
/// prepositions, its clausal complements, its conjuncts, the verb it hangs on).
///
/// Indices are `Document.tokens` indices, as in `Chunk`. Build one per sentence after the
/// parser has run (`Token.head`, `Token.relation`); on an unparsed sentence every word is a
/// root without dependents.
public struct DependencyTree: Sendable {
    /// The sentence's tokens, document indices.
    public let tokens: Range<Int>
    /// Head of each word (document index) or -1 for the root, in sentence order.
    private let heads: [Int32]
    private let relations: [DependencyRelation?]
    private let tags: [UPOS]
    /// Dependents of word `i` (sentence position) are `dependents[firstDependent[i]..<firstDependent[i + 1]]`,
    /// document indices in text order.
    private let firstDependent: [Int32]
    private let dependentList: [Int32]

    public init(_ document: Document, sentence: Sentence) {
        let range = sentence.tokens
        let slice = document.tokens[range]
        tokens = range
        heads = slice.map { range.contains(Int($0.head)) ? $0.head : -1 }
        relations = slice.map(\.relation)
        tags = slice.map(\.pos)
        var counts = [Int32](repeating: 0, count: range.count + 1)
        for head in heads where head >= 0 { counts[Int(head) - range.lowerBound + 1] += 1 }
        for i in 0..<range.count { counts[i + 1] += counts[i] }
        var fill = counts
        var list = [Int32](repeating: 0, count: Int(counts[range.count]))
        for (offset, head) in heads.enumerated() where head >= 0 {
            let position = Int(head) - range.lowerBound
            list[Int(fill[position])] = Int32(range.lowerBound + offset)
            fill[position] += 1
        }
        firstDependent = counts
        dependentList = list
    }

    /// True when a parser has given the sentence's words their relations.
    public var isParsed: Bool { relations.contains { $0 != nil } }

    /// The word the sentence hangs on (the first root if a damaged parse has several).
    public var root: Int? {
        for (offset, relation) in relations.enumerated() where relation == .root { return tokens.lowerBound + offset }
        return nil
    }

    /// The head of `token`, nil for the root.
    public func head(of token: Int) -> Int? {
        let head = heads[token - tokens.lowerBound]
        return head >= 0 ? Int(head) : nil
    }

    /// The relation of `token` to its head; nil before parsing.
    public func relation(of token: Int) -> DependencyRelation? { relations[token - tokens.lowerBound] }

    /// The part-of-speech tag of `token`.
    public func tag(of token: Int) -> UPOS { tags[token - tokens.lowerBound] }

    /// The dependents of `token`, in text order.
    public func dependents(of token: Int) -> [Int] {
        let position = token - tokens.lowerBound
        return dependentList[Int(firstDependent[position])..<Int(firstDependent[position + 1])].map { Int($0) }
    }

    /// The dependents of `token` whose relation satisfies `test`, in text order.
    public func dependents(of token: Int, where test: (DependencyRelation) -> Bool) -> [Int] {
        dependents(of: token).filter { relation(of: $0).map(test) ?? false }
    }

    /// The dependents of `token` with exactly this relation.
    public func dependents(of token: Int, _ relation: DependencyRelation) -> [Int] {
        dependents(of: token) { $0 == relation }
    }

    // MARK: The roles of a predicate

    /// The subjects of `predicate` (nominal or clausal, active or passive), as attached to it.
    public func subjects(of predicate: Int) -> [Int] { dependents(of: predicate) { $0.isSubject } }

    /// The direct objects of `predicate`.
    public func objects(of predicate: Int) -> [Int] { dependents(of: predicate, .obj) }

    /// The indirect objects of `predicate` ("gave *Albania* aid").
    public func indirectObjects(of predicate: Int) -> [Int] { dependents(of: predicate, .iobj) }

    /// An oblique or nominal modifier and the preposition that marks it.
    public struct Oblique: Sendable, Hashable {
        /// The nominal (document index).
        public var word: Int
        /// The relation (`obl`, `obl:agent`, `nmod` ...).
        public var relation: DependencyRelation
        /// The `case` dependents that mark it ("on", "because of"), document indices; empty for
        /// an unmarked oblique ("last week").
        public var caseWords: [Int]
    }

    /// The obliques of `predicate` (`obl` and its subtypes), each with its case words.
    public func obliques(of predicate: Int) -> [Oblique] { marked(of: predicate) { $0.isOblique } }

    /// The nominal modifiers of `nominal` (`nmod` and subtypes) with their case words ("the
    /// arrest *of* the *journalist*").
    public func nominalModifiers(of nominal: Int) -> [Oblique] { marked(of: nominal) { $0.isNominalModifier } }

    private func marked(of head: Int, where test: (DependencyRelation) -> Bool) -> [Oblique] {
        dependents(of: head, where: test).map { word in
            Oblique(word: word, relation: relation(of: word) ?? .dep, caseWords: dependents(of: word, .case))
        }
    }

    /// Clausal complements of `predicate`: `ccomp` ("said *that* ... *attacked*") and `xcomp`
    /// ("agreed to *lift*").
    public func clausalComplements(of predicate: Int) -> [Int] {
        dependents(of: predicate) { $0 == .ccomp || $0 == .xcomp }
    }

    /// The words coordinated with `word` ("arrested and *released*"): UD attaches every later
    /// conjunct to the first, so this is `word`'s `conj` dependents, or, for a later conjunct,
    /// the first conjunct and its other conjuncts. In text order, `word` not included.
    public func conjuncts(of word: Int) -> [Int] {
        var first = word
        while relation(of: first) == .conj, let head = head(of: first) { first = head }
        var result: [Int] = first == word ? [] : [first]
        var stack = [first]
        while let next = stack.popLast() {
            for conjunct in dependents(of: next, .conj) where conjunct != word {
                result.append(conjunct)
                stack.append(conjunct)
            }
        }
        return result.sorted()
    }

    /// The first conjunct of the coordination `word` is in, or `word` itself.
    public func firstConjunct(of word: Int) -> Int {
        var first = word
        while relation(of: first) == .conj, let head = head(of: first) { first = head }
        return first
    }

    /// The predicate `word`'s clause hangs on: the head of a clause attached as a complement,
    /// adverbial, relative or coordinated clause; nil for the root or a word in no such clause.
    public func governingPredicate(of word: Int) -> Int? {
        guard let relation = relation(of: word), let head = head(of: word) else { return nil }
        switch relation.universal {
        case .ccomp, .xcomp, .advcl, .acl, .conj, .parataxis, .csubj: return head
        default: return nil
        }
    }

    /// The words of the subtree headed by `word` (itself included), in text order.
    public func subtree(of word: Int) -> [Int] {
        var result: [Int] = []
        var stack = [word]
        while let next = stack.popLast() {
            result.append(next)
            stack.append(contentsOf: dependents(of: next))
        }
        return result.sorted()
    }

    /// The path of heads from `word` up to the root, `word` first.
    public func ancestors(of word: Int) -> [Int] {
        var path = [word]
        var current = word
        while let head = head(of: current), path.count <= tokens.count {
            path.append(head)
            current = head
        }
        return path
    }
}
