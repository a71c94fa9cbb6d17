import DyadCore
import DyadLexicon

/// Who does it, read from the dependency parse: the verb's subject, or for a verb with none of
/// its own, the subject it takes from the clause it hangs on (a coordinated verb shares its
/// first conjunct's; an infinitive takes its controller's; a participle or relative clause
/// describes the noun it modifies).
extension SentenceCoder {
    /// The subject of the verb group `verb` by the parse; nil when the sentence is not parsed
    /// or the parse names no subject (the word-order rules then decide).
    func parseSubject(of verb: Chunk, tree: DependencyTree, context: DiscourseContext) -> Subject? {
        guard tree.isParsed, let predicate = predicate(of: verb, tree: tree) else { return nil }
        return subject(ofPredicate: predicate, tree: tree, depth: 0)
    }

    /// The subject to use of the one the word-order rules found and the parse's: the parse's
    /// when it names an actor, unless the word-order rules found the verb a purpose clause (no
    /// event of its own) or resolved a pronoun.
    func preferred(_ found: Subject, _ parsed: Subject) -> Subject {
        switch found.how {
        case .purposeClause, .pronoun: return found
        default:
            // "A roadside bombing near the town of Samarra killed": the weapon is the subject,
            // not the place that describes it.
            if case .notAnActor(let noun) = parsed.how, ClauseWords.attackNouns.contains(words.lowered[noun]) { return parsed }
            if parsed.phrases.isEmpty && !found.phrases.isEmpty { return found }
            // The same actors and more ("The US, Japan and the Philippines" where the parse
            // lost a conjunct): the longer list.
            let extends = found.phrases.count > parsed.phrases.count
                && parsed.phrases.allSatisfy { phrase in found.phrases.contains { $0.tokens == phrase.tokens } }
            return extends ? found : parsed
        }
    }

    /// Whether the verb group completes a negated verb, directly or through other complements:
    /// an infinitive or purpose clause ("not having done enough to protect", "did not agree to
    /// lift") names an act that was not done.
    func completesNegatedVerb(_ verb: Chunk) -> Bool {
        guard tree.isParsed, var word = predicate(of: verb, tree: tree) else { return false }
        var steps = 0
        while steps < 6, let relation = tree.relation(of: word), relation == .xcomp || relation.universal == .advcl,
              let governor = tree.head(of: word) {
            if relation.universal == .advcl, !tree.dependents(of: word, .mark).contains(where: { words.lowered[$0] == "to" }) { return false }
            if tree.dependents(of: governor).contains(where: { ClauseWords.negations.contains(words.lowered[$0]) }) { return true }
            word = governor
            steps += 1
        }
        return false
    }

    /// The word the verb group's clause hangs on: its main verb, or for a copula or auxiliary
    /// ("is ready to", "has been") the word it is attached to.
    func predicate(of verb: Chunk, tree: DependencyTree) -> Int? {
        var word = verb.head
        guard tree.tokens.contains(word) else { return nil }
        if let relation = tree.relation(of: word), relation == .cop || relation.universal == .aux, let head = tree.head(of: word) {
            word = head
        }
        return word
    }

    private func subject(ofPredicate predicate: Int, tree: DependencyTree, depth: Int) -> Subject? {
        guard depth < 6 else { return nil }
        // UD gives a predicate one subject; when the parse gives it two, the farther one is
        // nearly always a fragment before it ("Fethi Belaid, AFP | A member ... aims").
        if let first = tree.subjects(of: predicate).min(by: { abs($0 - predicate) < abs($1 - predicate) }) {
            if ClauseWords.relativePronouns.contains(words.lowered[first]),
               tree.relation(of: predicate) == .aclRelcl, let noun = tree.head(of: predicate) {
                // "the police, who arrested ...": the relative pronoun stands for the noun (and
                // the background rules read the clause as a relative clause).
                return actorSubject(at: noun, tree: tree, how: .relativeClause)
            }
            if tokens[first].pos == .PRON { return nil }  // pronouns: the discourse rules resolve them
            return actorSubject(at: first, tree: tree, how: .parse(tree.relation(of: first)?.name ?? "subject"))
        }
        guard let relation = tree.relation(of: predicate), let governor = tree.head(of: predicate) else { return nil }
        // ", pushing Russia to retaliate": a participle with no subject of its own is a result or
        // manner of the act before it, which the word-order rules tell apart.
        if depth == 0, relation.universal != .acl, words.lowered[predicate].hasSuffix("ing") { return nil }
        switch relation.universal {
        case .conj:
            // "imposed sanctions and expelled diplomats": the first conjunct's subject.
            return subject(ofPredicate: governor, tree: tree, depth: depth + 1).map { shared in
                Subject(phrases: shared.phrases, how: .parse("shared with the verb it is coordinated with"))
            }
        case .xcomp:
            // "urged Russia to stop": the object controls; "agreed to lift": the subject does.
            if let object = tree.objects(of: governor).first ?? tree.indirectObjects(of: governor).first {
                return actorSubject(at: object, tree: tree, how: .parse("the object of the verb it completes"))
            }
            return subject(ofPredicate: governor, tree: tree, depth: depth + 1).map { controller in
                Subject(phrases: controller.phrases, how: .parse("the subject of the verb it completes"))
            }
        case .ccomp where predicate > governor:
            // "said a man from China was detained": a finite complement with no subject of its
            // own, its subject taken for the object of the verb it hangs on.
            guard tree.dependents(of: predicate, where: { $0.universal == .aux }).contains(where: { $0 < predicate }),
                  let object = tree.objects(of: governor).first(where: { $0 > governor && $0 < predicate }) else { return nil }
            return actorSubject(at: object, tree: tree, how: .parse("the object before it of the verb it hangs on"))
        case .acl where words.lowered[predicate].hasSuffix("ing"):
            // "police using tear gas", "a group claiming": the noun an active participle
            // describes does it ("two Americans accused of": a passive one is done to it).
            return actorSubject(at: governor, tree: tree, how: .parse("the noun it describes"))
        default:
            return nil
        }
    }

    /// The actor phrases a subject word stands for: its own phrase and those coordinated with
    /// it, or, for a noun that is no actor, the actor it is "of" ("members of the Syrian
    /// parliament") or in apposition with.
    private func actorSubject(at word: Int, tree: DependencyTree, how: Subject.Finding) -> Subject? {
        var phrases: [ActorPhrase] = []
        for candidate in [word] + tree.conjuncts(of: word) where candidate > word || candidate == word {
            if let found = actorPhrase(standingFor: candidate, tree: tree), !phrases.contains(where: { $0.tokens == found.tokens }) {
                phrases.append(found)
            }
        }
        if phrases.isEmpty { return Subject(how: .notAnActor(word)) }
        return Subject(phrases: phrases, how: how)
    }

    /// The actor phrase that holds `word`, or that it names through "of" or an apposition.
    private func actorPhrase(standingFor word: Int, tree: DependencyTree) -> ActorPhrase? {
        let own = phrase(at: word)
        if own >= 0, !phrases[own].isLocative { return phrases[own] }
        for modifier in tree.nominalModifiers(of: word) where modifier.caseWords.contains(where: { words.lowered[$0] == "of" }) {
            let inner = phrase(at: modifier.word)
            if inner >= 0, !phrases[inner].isLocative { return phrases[inner] }
        }
        for apposition in tree.dependents(of: word, .appos) {
            let inner = phrase(at: apposition)
            if inner >= 0, !phrases[inner].isLocative { return phrases[inner] }
        }
        return nil
    }
}
