@testable import DyadCoder
import XCTest

final class PetrarchCodesTests: XCTestCase {
    func testAgentsJoinTheActorsCode() {
        XCTAssertEqual(PetrarchCodes.combining("USA", [(code: "GOV", isPrefix: false)]), "USAGOV")
        XCTAssertEqual(PetrarchCodes.combining("---", [(code: "GOV", isPrefix: false), (code: "MIL", isPrefix: false)]), "---GOVMIL")
        XCTAssertEqual(PetrarchCodes.combining("USA", [(code: "NGO", isPrefix: true)]), "NGOUSA")
        XCTAssertEqual(PetrarchCodes.combining("ELR/GAL", [(code: "REB", isPrefix: false)]), "ELRREB/GALREB")
        XCTAssertEqual(PetrarchCodes.combining("USAGOV", [(code: "GOV", isPrefix: false)]), "USAGOV")
    }

    /// The byte rules must give what the Character rules give, for every mix of codes.
    func testTheByteRulesFollowTheCharacterRules() {
        let actorCodes = ["USA", "---", "USAGOV", "ELR/GAL", "A//B", "/USA/", "", "/", "US", "USAG", "IGOWSTNAT", "RUS/UKR/BLR", "GOVGOV"]
        let agentCodes = ["GOV", "MIL", "GOVMIL", "GOVGOV", "NG", "USA", "ELI", "A", "CVLREB", ""]
        var checked = 0
        for actor in actorCodes {
            for first in agentCodes {
                for second in agentCodes {
                    for prefixes in 0..<4 {
                        let agents = [(code: first, isPrefix: prefixes & 1 != 0), (code: second, isPrefix: prefixes & 2 != 0)]
                        for count in 0...2 {
                            let some = Array(agents.prefix(count))
                            XCTAssertEqual(PetrarchCodes.combining(actor, some), PetrarchCodes.characterCombining(actor, some), "\(actor) \(some)")
                            checked += 1
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 1000)
        XCTAssertEqual(PetrarchCodes.combining("ÉLR/GAL", [(code: "GOV", isPrefix: false)]), "ÉLRGOV/GALGOV")
    }
}
