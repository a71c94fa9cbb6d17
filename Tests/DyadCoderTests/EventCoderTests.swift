import DyadCoder
import DyadCore
import DyadLexicon
import DyadNLP
import XCTest

/// A small lexicon written for these tests, so that they pin the clause rules, not the data.
private let lexiconFiles: [(name: String, text: String)] = [
    ("types.txt", "GOV Government\nMIL Military\nMED Media\nCOP Police\nOPP Opposition\nREB Rebels\n"),
    ("irregular-verbs.txt", "hold held held\nsay said said\ngive gave given\nswear swore sworn\n"),
    ("countries.txt", """
        USA: United States; US; U.S.
          adjective: American; US; U.S.
          capital: Washington
          seat: White House=GOV
        RUS: Russia
          adjective: Russian
          capital: Moscow
        IRN: Iran
          adjective: Iranian
        SYR: Syria
          adjective: Syrian
        GBR: Britain; United Kingdom
          adjective: British
        JOR: Jordan
          adjective: Jordanian
        TUR: Turkey
          adjective: Turkish
        CHN: China
          adjective: Chinese
        PHL: Philippines
          adjective: Philippine
        JPN: Japan
        DNK: Denmark
          adjective: Danish
        GRL: Greenland
        ALB: Albania
          adjective: Albanian
          demonym: Albanians
        SRB: Serbia
        EST: Estonia
          adjective: Estonian
        LBN: Lebanon
        """),
    ("organizations.txt", "NAT: NATO\n  code: IGOWSTNAT\n"),
    ("agents.txt", "GOV: secretary of state; minister; official; officials\nMIL: frigate; navy; troops; troop\nCOP: police\nMED: journalist; journalists\nREB: rebels\n"),
    ("people.txt", """
        USAGOV foreign-minister 2021-01-26 2025-01-20: Antony Blinken; Blinken
        USAGOV foreign-minister 2025-01-21 -: Marco Rubio; Rubio
        RUSGOV foreign-minister 2004-03-09 -: Sergei Lavrov; Lavrov
        USAGOV vice-president 2025-01-20 -: J.D. Vance; Vance
        """),
    ("verbs.txt", """
        173 arrest +; detain +; arrest
        163 impose sanction on +
        112 accuse +; accuse + of; accuse
        111 criticize +
        130 warn +; threaten
        141 demonstrate; demonstrate in
        120 refuse +; refuse
        190 attack +
        194 shell +
        180 kill +journalist
        193 open fire; open fire on +
        175 disperse +
        100 demand +; demand
        141 stage protest; stage demonstration
        051 support +
        042 visit +
        074 protect +
        085 lift sanction on +
        020 urge + to
        193 stop provocation
        129 veto +; veto resolution
        062 hold exercise; hold joint exercise
        154 deploy troop
        0874 withdraw troop
        110 oppose +; oppose
        0211 urge + to open market
        033 offer aid; pledge aid
        090 open investigation into
        030 agree to; agree
        040 hold talk; hold talk with +
        163 impose sanction
        161 expel +diplomat
        070 give aid to +; give fund for +
        """),
    ("nouns.txt", "062 joint drill\n173 arrest of +\n062 exercise\n"),
    ("code-adjustments.txt", "intend 04 -> 036\nintend 08 -> 035\nintend 15 -> 0334\nthreaten 15 -> 138\nthreaten 17 -> 137\nthreaten 19 -> 1384\nrefuse 04 -> 125\n"),
]

final class EventCoderTests: XCTestCase {
    static let pipeline = try! TextPipeline.standard()
    static let lexicon = Lexicon(files: lexiconFiles)

    func code(_ text: String, date: String? = nil, options: EventCoder.Options = .init()) -> [Event] {
        let document = Self.pipeline.document(metadata: DocumentMetadata(id: "t", date: date), text: text)
        return EventCoder(lexicon: Self.lexicon, options: options).code(document)
    }

    func triples(_ events: [Event]) -> [String] {
        events.map { "\($0.source?.code ?? "-") \($0.target?.code ?? "-") \($0.code)" }
    }

    func testTestLexiconHasNoErrors() {
        XCTAssertEqual(Self.lexicon.issues.filter { $0.severity == .error }.map(\.description), [])
    }

    func testActiveVoiceCodesSubjectAsSourceAndObjectAsTarget() {
        XCTAssertEqual(triples(code("Turkish police arrested three Estonian journalists on Friday.")), ["TURCOP ESTMED 173"])
    }

    func testPassiveVoiceSwapsSourceAndTarget() {
        XCTAssertEqual(triples(code("The Chinese frigate was warned by a Philippine frigate.")), ["PHLMIL CHNMIL 130"])
    }

    /// `give aid to +` also reads in the dative order, recipient first ("gave Albania some
    /// aid"), after "to" or "for" alike.
    func testDativeOrderCodesTheRecipientAsTarget() {
        XCTAssertEqual(triples(code("Japan gave aid to Albania.")), ["JPN ALB 070"])
        XCTAssertEqual(triples(code("Japan gave Albania some aid.")), ["JPN ALB 070"])
        XCTAssertEqual(triples(code("Japan gave Albania some funds.")), ["JPN ALB 070"])
    }

    func testCoordinatedSubjectsEachCode() {
        let events = triples(code("The US, Japan and the Philippines staged joint drills on Friday."))
        XCTAssertEqual(Set(events), ["USA - 062", "JPN - 062", "PHL - 062"])
    }

    // MARK: Roles from the dependency parse

    /// "Russia and China vetoed": both conjuncts of the subject are sources.
    func testCoordinatedSubjectsFromTheParseEachCode() {
        XCTAssertEqual(Set(triples(code("Russia and China vetoed the resolution."))), ["RUS  129", "CHN  129"])
    }

    /// The document of `text` with the tag and arc of each word given in `changes` (by its
    /// first occurrence) set by hand, so that a test pins the coder's rule, not the models.
    func document(_ text: String, date: String? = nil,
                  changing changes: [(word: String, pos: UPOS, relation: DependencyRelation, head: String)]) -> Document {
        var document = Self.pipeline.document(metadata: DocumentMetadata(id: "t", date: date), text: text)
        func index(of word: String) -> Int {
            document.tokens.firstIndex { String(decoding: document.text.bytes[$0.range], as: UTF8.self) == word }!
        }
        for change in changes {
            let word = index(of: change.word)
            document.tokens[word].pos = change.pos
            document.tokens[word].relation = change.relation
            document.tokens[word].head = Int32(index(of: change.head))
        }
        return document
    }

    /// A surname the tagger calls a verb is still the source when the parse makes it the
    /// subject; without a noun's role it stays no actor (and the act, with no one doing it, no
    /// event).
    func testNameTaggedAsAVerbIsAnActorWhenTheParseGivesItANounsRole() {
        let text = "Blinken on Tuesday criticized Moscow."
        let coder = EventCoder(lexicon: Self.lexicon)
        let asSubject = document(text, date: "2023-05-02", changing: [("Blinken", .VERB, .nsubj, "criticized")])
        XCTAssertEqual(triples(coder.code(asSubject)), ["USAGOV RUSGOV 111"])
        let asClause = document(text, date: "2023-05-02", changing: [("Blinken", .VERB, .advcl, "criticized")])
        XCTAssertEqual(triples(coder.code(asClause)), [])
    }

    /// A parse that gives a verb two subjects has one wrong: the nearer is the subject.
    func testOfTwoSubjectsTheNearerIsTheSource() {
        let text = "Rubio, AFP | Lavrov criticized Vance."
        let both = document(text, date: "2025-06-02", changing: [
            ("Rubio", .PROPN, .nsubj, "criticized"), ("Lavrov", .PROPN, .nsubj, "criticized"),
        ])
        XCTAssertEqual(triples(EventCoder(lexicon: Self.lexicon).code(both)), ["RUSGOV USAGOV 111"])
    }

    /// "said a man from China was detained": when the parse hangs the clause's subject on the
    /// speech verb as its object, the subjectless finite clause takes it back; a passive's
    /// subject is its target.
    func testSubjectlessComplementTakesTheObjectBeforeIt() {
        let text = "Turkish police said a journalist from Russia, a graduate of a university, was detained on Friday."
        let misparsed = document(text, date: "2024-03-01", changing: [
            ("journalist", .NOUN, .obj, "said"), ("detained", .VERB, .ccomp, "said"),
        ])
        let detention = triples(EventCoder(lexicon: Self.lexicon).code(misparsed)).filter { $0.hasSuffix("173") }
        XCTAssertEqual(detention, ["- RUSMED 173"])
    }

    /// "arrested two Albanians accused of attacking": a participle of an allegation right after
    /// its noun describes the noun, whether the parse gives it that noun as its subject or not.
    func testAllegationParticipleAfterItsNounIsNoAccusation() {
        let text = "Turkish police on Monday arrested two Albanians accused of attacking Estonian journalists."
        let misparsed = document(text, date: "2024-03-01", changing: [
            ("Albanians", .PROPN, .nsubj, "accused"), ("accused", .VERB, .ccomp, "arrested"),
        ])
        XCTAssertEqual(triples(EventCoder(lexicon: Self.lexicon).code(misparsed)), ["TURCOP ALB 173"])
    }

    /// A phrasal verb is another verb: "held up talks" is no "hold talk" (which names no
    /// particle), "held talks" is.
    func testPhrasalVerbMatchesOnlyPatternsNamingItsParticle() {
        let coder = EventCoder(lexicon: Self.lexicon)
        XCTAssertEqual(triples(code("Russia held talks with Turkey on Monday.", date: "2024-03-04")), ["RUS TUR 040"])
        let phrasal = document("Russia held up talks with Turkey on Monday.", date: "2024-03-04", changing: [
            ("up", .ADP, .compoundPrt, "held"), ("talks", .NOUN, .obj, "held"),
        ])
        XCTAssertEqual(triples(coder.code(phrasal)), [])
    }

    /// An agreement that names no one is aimed at the place it names after the verb; two
    /// who agree together still agree with each other.
    func testAgreementNamingNoOneIsAimedAtThePlace() {
        XCTAssertEqual(triples(code("Turkey agreed to set up a school in Syria.")), ["TUR SYR 030"])
        XCTAssertEqual(Set(triples(code("Turkey and Jordan agreed to set up a school in Syria."))), ["TUR JOR 030", "JOR TUR 030"])
    }

    /// An infinitive's act is done by the subject of the verb it completes, as an intention.
    func testInfinitiveTakesTheSubjectOfTheVerbItCompletes() {
        XCTAssertEqual(triples(code("The United States agreed to lift sanctions on Iran.")), ["USA IRN 035"])
    }

    /// "urged Japan to stop": the object is the infinitive's doer, and the urging the event.
    func testObjectControlsTheInfinitive() {
        XCTAssertEqual(triples(code("China urged Japan to stop the provocations.")), ["CHN JPN 020"])
    }

    /// An act a negated verb was to bring about did not happen.
    func testActUnderANegatedVerbIsNotCoded() {
        XCTAssertEqual(triples(code("Denmark has not done enough to protect Greenland.")), [])
        XCTAssertEqual(triples(code("Denmark acted to protect Greenland.")), ["DNK GRL 074"])
    }

    /// A pronoun that stands for an actor is reported by that actor's words.
    func testPronounActorsCarryTheWordsOfWhatTheyStandFor() {
        let events = code("Russian officials arrived on Monday. They criticized Turkey.")
        XCTAssertEqual(triples(events), ["RUSGOV TUR 111"])
        XCTAssertEqual(events.first?.source?.text, "Russian officials")
    }

    /// Coding leaves on the document what it found, as spans: every actor it resolved (in an
    /// event or not), the places and the times; `annotate` and `ingest` read them there.
    func testCodingLeavesActorsPlacesAndTimesOnTheDocument() {
        var document = Self.pipeline.document(metadata: DocumentMetadata(id: "t", date: "2024-03-08"),
                                              text: "Rebels opened fire in Aleppo on Friday. Turkish officials said nothing.")
        let events = EventLocator().codeAndLocate(&document, coder: EventCoder(lexicon: Self.lexicon))
        XCTAssertEqual(triples(events), ["SYRREB SYR 180"])
        XCTAssertEqual(document.spans.actors.map(\.code), ["SYRREB", "TURGOV"], "the officials code no event but were found")
        XCTAssertEqual(document.spans.actors.last?.span.text, "Turkish officials")
        XCTAssertEqual(document.spans.actors.last?.sentence, 1)
        XCTAssertEqual(document.spans.places.map(\.place.name), ["Aleppo", "Turkey"], "a demonym names its country")
        XCTAssertEqual(document.spans.times.map(\.value), ["2024-03-08"])
        XCTAssertTrue(document.tokens.contains { $0.relation != nil }, "the parse stays on the document")
    }

    /// A role before an event noun says whose the event is: "military exercises" is no actor,
    /// so coordinated subjects agreeing to it do it with each other.
    func testRoleBeforeAnEventNounIsNoActor() {
        let events = Set(triples(code("Jordan and Britain agreed to hold joint military exercises.")))
        XCTAssertFalse(events.contains { $0.contains("MIL") }, "\(events)")
    }

    /// Two who cooperate materially do it with each other; three or more do it as a group.
    func testJointExercisesOfTwoAreWithEachOtherOfThreeTheGroups() {
        XCTAssertEqual(Set(triples(code("Jordan and Britain held joint exercises."))), ["JOR GBR 062", "GBR JOR 062"])
        XCTAssertEqual(Set(triples(code("Jordan, Turkey and Britain held joint exercises."))), ["JOR - 062", "TUR - 062", "GBR - 062"])
    }

    /// An attack on no named actor, in a place the geoparser knows, is an attack on its country.
    func testPlaceStandsForAMissingTarget() {
        let document = Self.pipeline.document(metadata: DocumentMetadata(id: "t"), text: "Rebels opened fire in Aleppo on Friday.")
        let coder = EventCoder(lexicon: Self.lexicon)
        let events = EventLocator().codeAndLocate(document, coder: coder).events
        // Rebels' attacks are unconventional violence (180), and in Aleppo they are Syrian.
        XCTAssertEqual(triples(events), ["SYRREB SYR 180"])
        XCTAssertEqual(triples(coder.code(document)), ["REB - 180"], "without the places, no target and no country")
    }

    /// "A car bomb killed three soldiers": the weapon is no doer, the act still happened, with
    /// no doer's code, the weapon's words kept as the source, and a bomb's is irregular
    /// violence (180).
    func testWeaponAsSubjectLeavesTheDoerEmpty() {
        let events = code("A car bomb killed three Turkish journalists.")
        XCTAssertEqual(triples(events), [" TURMED 180"])
        XCTAssertEqual(events.first?.source?.text, "A car bomb")
        XCTAssertEqual(events.first?.source?.resolution, .unresolved)
        XCTAssertEqual(triples(code("A Turkish official killed three journalists.")), ["TURGOV TURMED 180"])
        // A place that says where the weapon was is not its doer.
        let placed = code("A car bomb near the town of Turkey killed three Turkish journalists.")
        XCTAssertEqual(triples(placed), [" TURMED 180"])
        XCTAssertEqual(placed.first?.source?.text, "A car bomb")
    }

    /// A show of force's own troops are its means, not its target.
    func testOwnForcesAreNoTargetOfAShowOfForce() {
        XCTAssertEqual(triples(code("Russia deployed Russian troops.")), ["RUS - 154"])
    }

    /// A withdrawal's own troops are its means: it is aimed at the country the troops leave.
    func testWithdrawalOfOwnTroopsIsAimedAtTheCountryNamedAfterThem() {
        XCTAssertEqual(triples(code("Syria is withdrawing its troops from Lebanon.")), ["SYR LBN 0874"])
        XCTAssertEqual(triples(code("Syria is withdrawing Turkish troops.")), ["SYR TURMIL 0874"])
    }

    /// Troops offered are protection promised (0334); troops threatened are a threat (138).
    func testOfferedShowOfForceIsAnIntentNotAThreat() {
        XCTAssertEqual(triples(code("Russia offered to deploy troops.")), ["RUS - 0334"])
        XCTAssertEqual(triples(code("Russia pledged to deploy troops.")), ["RUS - 0334"])
        XCTAssertEqual(triples(code("Russia threatened to deploy troops.")), ["RUS - 138"])
    }

    /// A deployment announced is planned, not threatened: it keeps its code.
    func testAnnouncedDeploymentIsNoThreat() {
        let events = code("Russia will deploy troops.")
        XCTAssertEqual(triples(events), ["RUS - 154"])
        XCTAssertEqual(events.first?.modality, .intended)
    }

    /// A passive whose "by" names no actor: a weapon leaves the doer unsaid, a person the
    /// lexicon does not know makes the act a private one, with no event.
    func testPassiveByPhraseThatNamesNoActor() {
        XCTAssertEqual(triples(code("Three Turkish journalists were attacked.")), ["- TURMED 190"])
        let bombed = code("Three Turkish journalists were attacked by a bomb.")
        XCTAssertEqual(triples(bombed), [" TURMED 180"])
        XCTAssertEqual(bombed.first?.source?.text, "a bomb")
        XCTAssertEqual(triples(code("Three Turkish journalists were attacked by a neighbour.")), [])
        XCTAssertEqual(triples(code("Three Turkish journalists were attacked by Turkish police.")), ["TURCOP TURMED 180"])
    }

    /// "indicted two Americans accused of ...": the allegation describes the object; it is no
    /// accusation the object makes.
    func testParticipleOfAllegationDescribesTheObject() {
        XCTAssertEqual(triples(code("Russian police on Monday arrested two Estonian journalists accused of helping the rebels.")),
                       ["RUSCOP ESTMED 173"])
    }

    /// A decision is the act it decides (CAMEO codes "decided to lift sanctions" 085); a vow,
    /// sworn or made, is an intent.
    func testDecisionIsTheActAndAnOathAnIntent() {
        XCTAssertEqual(triples(code("Washington decided to lift sanctions on Russia.")), ["USAGOV RUS 085"])
        XCTAssertEqual(triples(code("Washington has sworn to lift sanctions on Russia.")), ["USAGOV RUS 035"])
    }

    /// "is opposed to" says a state of its subject, not a passive.
    func testStativeParticipleIsNoPassive() {
        XCTAssertEqual(triples(code("Russia is opposed to NATO.")), ["RUS IGOWSTNAT 110"])
    }

    /// A pattern's words after "to" are the infinitive's, past the end of the verb's clause.
    func testPatternReachesIntoTheInfinitiveItNames() {
        XCTAssertEqual(triples(code("Washington urged Russia to open its markets.")), ["USAGOV RUS 0211"])
        XCTAssertEqual(triples(code("Washington urged Russia to stop.")), ["USAGOV RUS 020"])
    }

    /// An object the lexicon does not know is kept as the target by its words, with no code.
    func testUnknownObjectIsTheTargetByItsWords() {
        let events = code("Turkish police opened an investigation into the newspaper's owners on Monday.")
        XCTAssertEqual(events.count, 1)
        XCTAssertEqual(events.first?.source?.code, "TURCOP")
        XCTAssertEqual(events.first?.target?.code, "")
        XCTAssertEqual(events.first?.target?.text, "the newspaper's owners")
        XCTAssertEqual(events.first?.target?.resolution, .unresolved)
        // A known actor is still preferred: the pattern's slot takes it.
        XCTAssertEqual(triples(code("Turkish police opened an investigation into Danish journalists.")), ["TURCOP DNKMED 090"])
        // Time words are no object.
        XCTAssertEqual(triples(code("Turkish police opened an investigation into Monday.")), ["TURCOP - 090"])
    }

    /// What a rejection's pattern names is its target when no actor is ("vetoed the draft
    /// resolution").
    func testRejectedObjectInThePatternIsTheTarget() {
        let events = code("Russia vetoed the draft resolution on Friday.")
        XCTAssertEqual(triples(events), ["RUS  129"])
        XCTAssertEqual(events.first?.target?.text, "the draft resolution")
        XCTAssertEqual(triples(code("Washington vetoed Russia.")), ["USAGOV RUS 129"])
    }

    /// "X says Y must act" is a demand on Y, whether or not "that" opens the clause.
    func testStatementThatSomeoneMustActIsADemand() {
        XCTAssertEqual(triples(code("Russia says Turkey must leave.")), ["RUS TUR 100"])
        XCTAssertEqual(triples(code("Russia said on Monday that Turkey must leave.")), ["RUS TUR 100"])
        XCTAssertEqual(triples(code("Russia says Turkey will leave.")), [], "a forecast is no demand")
    }

    /// A pattern's last noun does not match a word inside a longer name ("Aid" in "Aid Council").
    func testPatternNounInsideANameDoesNotMatch() {
        XCTAssertEqual(triples(code("Russia offered aid.")), ["RUS - 033"])
        XCTAssertEqual(triples(code("Russia offered the Aid Council a report.")), [])
    }

    /// When no pattern fits with known actors, a slot may hold a name the lexicon does not
    /// know, kept by its words; a common noun in the slot is another use of the verb.
    func testUnknownNameInATargetSlotIsALastResort() {
        let events = code("Turkish officials visited Mikel Arteta on Monday.")
        XCTAssertEqual(triples(events), ["TURGOV  042"])
        XCTAssertEqual(events.first?.target?.text, "Mikel Arteta")
        XCTAssertEqual(triples(code("Turkish officials visited the museum on Monday.")), [])
        XCTAssertEqual(triples(code("Turkish officials visited Russia on Monday.")), ["TURGOV RUS 042"])
    }

    func testReportedSpeechCodesTheReportedAct() {
        XCTAssertEqual(triples(code("Officials said Washington imposed new sanctions on Russia.")), ["USAGOV RUS 163"])
    }

    func testCoordinatedVerbsShareTheirSubject() {
        XCTAssertEqual(triples(code("Washington criticized Moscow and imposed sanctions on Russia.")), ["USAGOV RUSGOV 111", "USAGOV RUS 163"])
    }

    func testCoordinatedConflictActsShareTheirTarget() {
        XCTAssertEqual(triples(code("Washington imposed sanctions and then expelled two Russian diplomats.")),
                       ["USAGOV RUS 163", "USAGOV RUS 161"])
    }

    func testClosingAttributionIsNeitherTargetNorCountry() {
        // Without the attribution rule the officials after the comma were listed as a second target.
        XCTAssertEqual(triples(code("Russian police arrested three journalists, Turkish officials said.")), ["RUSCOP RUSMED 173"])
        XCTAssertEqual(triples(code("Turkish police arrested Danish journalists, according to Chinese officials.")), ["TURCOP DNKMED 173"])
    }

    func testActsTalkedAboutAreNotEvents() {
        // A gerund after a preposition names an act in an accusation, not one that happened.
        XCTAssertEqual(triples(code("Russia accused Estonia of supporting Turkey.")), ["RUS EST 112"])
        // What a demand asks for has not happened.
        XCTAssertEqual(triples(code("Russia demanded that Estonia expel two Turkish diplomats.")), ["RUS EST 100"])
        // A passive relative clause on an object tells the object's past.
        XCTAssertEqual(triples(code("Russia criticized Estonia over journalists who were arrested by Turkish police.")), ["RUS EST 111"])
        // Nor is an infinitive hanging on a background participle.
        XCTAssertEqual(triples(code("Russia criticized Estonia over a resolution calling on Turkey to expel two Russian diplomats.")),
                       ["RUS EST 111"])
        // On a reported subject it can be the news itself.
        XCTAssertEqual(Set(triples(code("The minister says Danish journalists who were arrested by Turkish police are safe."))),
                       ["TURCOP DNKMED 173"])
    }

    func testProtestIsAimedAtWhomItsPurposeNames() {
        XCTAssertEqual(triples(code("Turkish journalists staged a protest to demand the release of Danish journalists.")).first,
                       "TURMED DNKMED 141")
    }

    func testEthnicGroupTakesTheCountryItLivesIn() {
        XCTAssertEqual(triples(code("Up to 100 ethnic Albanians demonstrated in Serbia.")), ["SRBCVL SRB 141"])
        XCTAssertEqual(triples(code("Albanians demonstrated in Serbia.")), ["ALB SRB 141"])
        // "around" before a count is no place: the people are still the subject.
        XCTAssertEqual(triples(code("Around 300 Albanians demonstrated in Serbia.")), ["ALB SRB 141"])
    }

    func testThreatIsAimedWhereTheThreatenedActWouldFall() {
        XCTAssertEqual(triples(code("Russia threatened on Monday to resume its operations in Estonia.")), ["RUS EST 130"])
    }

    func testSubjectIsFoundPastAsidesAppositionsAndParticiples() {
        XCTAssertEqual(triples(code("Turkish journalists (TGC) criticized Russia.")), ["TURMED RUS 111"])
        XCTAssertEqual(triples(code("The Russian minister, Ivan Petrov, criticized Estonia.")), ["RUSGOV EST 111"])
        XCTAssertEqual(triples(code("Turkish journalists working in Moscow criticized Estonia.")), ["TURMED EST 111"])
    }

    func testActorBeforeOfHeadsTheSubject() {
        XCTAssertEqual(triples(code("Albanians of the Serbian navy criticized Estonia.")), ["ALB EST 111"])
    }

    func testRoleTakesTheCountryWhereTheSentencePutsIt() {
        XCTAssertEqual(triples(code("The police arrested Danish journalists, then Russia criticized Turkey in Estonia.")).first,
                       "ESTCOP DNKMED 173")
    }

    func testControlVerbNamesTheEventWhenItsInfinitiveDoesNot() {
        XCTAssertEqual(triples(code("Russia has refused to respond to an appeal from the Estonian minister.")), ["RUS ESTGOV 120"])
    }

    func testForceCodesFollowWhoUsesItAndHow() {
        XCTAssertEqual(triples(code("Turkish rebels attacked Estonia.")), ["TURREB EST 180"])
        XCTAssertEqual(triples(code("Turkish rebels have shelled Estonia.")), ["TURREB EST 194"])
        XCTAssertEqual(triples(code("The Russian navy killed Estonian journalists.")), ["RUSMIL ESTMED 190"])
    }

    func testPurposeAndSiblingActsNameTheTarget() {
        XCTAssertEqual(Set(triples(code("Turkish police opened fire to disperse Turkish journalists, arresting 12."))),
                       ["TURCOP TURMED 180", "TURCOP TURMED 173"])
    }

    func testNegatedEventsAreLeftOutUnlessAsked() {
        XCTAssertEqual(code("Russia did not accuse Estonia."), [])
        var options = EventCoder.Options()
        options.includeNegated = true
        let events = code("Russia did not accuse Estonia.", options: options)
        XCTAssertEqual(triples(events), ["RUS EST 112"])
        XCTAssertEqual(events.first?.negated, true)
    }

    func testHypotheticalEventsAreLeftOutUnlessAsked() {
        XCTAssertEqual(code("Russia could accuse Estonia."), [])
        XCTAssertEqual(code("Will Russia accuse Estonia?"), [], "a question asserts no act")
        var options = EventCoder.Options()
        options.includeHypothetical = true
        XCTAssertEqual(code("Russia could accuse Estonia.", options: options).first?.modality, .hypothetical)
    }

    func testExpectedTalksAreAnIntentionToMeetBothWays() {
        let events = code("Blinken and Lavrov were expected to hold talks.", date: "2021-05-20")
        XCTAssertEqual(Set(triples(events)), ["USAGOV RUSGOV 036", "RUSGOV USAGOV 036"])
        XCTAssertEqual(events.first?.modality, .intended)
    }

    func testPeopleCodeByTheArticleDate() {
        XCTAssertEqual(triples(code("Blinken criticized Moscow.", date: "2021-05-18")), ["USAGOV RUSGOV 111"])
        XCTAssertEqual(triples(code("Blinken criticized Moscow.", date: "2026-05-18")), [])
    }

    func testTitleWithCountryCodesWithoutAName() {
        XCTAssertEqual(triples(code("The US Secretary of State criticized Moscow.")), ["USAGOV RUSGOV 111"])
    }

    func testPronounResolvesToTheLastPerson() {
        let events = code("Vance visited Greenland on Friday. He accused Denmark of neglect.", date: "2025-03-29")
        XCTAssertEqual(triples(events), ["USAGOV GRL 042", "USAGOV DNK 112"])
        XCTAssertEqual(events.last?.source?.resolution, .coreference)
    }

    func testRoleWithoutCountryTakesTheArticlesCountry() {
        let events = code("Turkey is tense. The police arrested three journalists.")
        XCTAssertEqual(triples(events), ["TURCOP TURMED 173"])
        XCTAssertEqual(events.first?.source?.resolution, .context)
    }

    func testNominalEventNeedsAnActorDoingIt() {
        XCTAssertEqual(triples(code("Russia's arrest of two Estonian journalists angered Estonia.")), ["RUS ESTMED 173"])
        XCTAssertEqual(code("The arrest of two Estonian journalists angered Estonia."), [])
    }

    func testRelativeClauseSubjectIsItsAntecedent() {
        XCTAssertEqual(triples(code("NATO, which accused Russia of aggression, met on Monday.")), ["IGOWSTNAT RUS 112"])
    }

    func testEventCarriesCodeTablesAndRule() throws {
        let event = try XCTUnwrap(code("Turkish police arrested three Estonian journalists.").first)
        XCTAssertEqual(event.quadClass, 4)
        XCTAssertEqual(event.goldstein, -5.0)
        XCTAssertEqual(event.ploverCategory, "COERCE")
        XCTAssertEqual(event.rule, "verbs.txt:1")
        XCTAssertEqual(event.pattern, "173 arrest +")
        XCTAssertEqual(event.baseCode, "173")
        XCTAssertEqual(event.rootCode, "17")
    }

    func testEvidenceSpansPointIntoTheOriginalText() throws {
        let text = "“Turkish police” arrested three Estonian journalists."
        let event = try XCTUnwrap(code(text).first)
        let scalars = Array(text.unicodeScalars)
        func slice(_ start: Int, _ end: Int) -> String { String(String.UnicodeScalarView(scalars[start..<end])) }
        XCTAssertEqual(slice(event.source!.start, event.source!.end), "Turkish police")
        XCTAssertEqual(slice(event.target!.start, event.target!.end), "three Estonian journalists")
        XCTAssertEqual(slice(event.trigger.start, event.trigger.end), "arrested")
        XCTAssertEqual(event.sentenceText, text)
    }

    func testStableIdsRepeat() {
        let first = code("Turkish police arrested three Estonian journalists.").map(\.id)
        let second = code("Turkish police arrested three Estonian journalists.").map(\.id)
        XCTAssertEqual(first, second)
        XCTAssertEqual(first.first?.count, 16)
    }
}
