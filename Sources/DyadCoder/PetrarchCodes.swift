/// How TABARI/PETRARCH put actor and agent codes together: each alternative of the actor's code
/// (`ELR/GAL`) followed by the three-letter parts of every agent's code it does not have yet
/// (`[~GOV]`), or preceded by them for a prefix agent (`[NGO~]`).
enum PetrarchCodes {
    /// The combined code. `agents` are (code, whether it goes before), in phrase order.
    static func combining(_ actorCode: String, _ agents: some Collection<(code: String, isPrefix: Bool)>) -> String {
        // Codes are ASCII, where a part is three bytes; the Character rules stay for the rest.
        // The agents' parts are read once, for every alternative, each packed as `packedParts`
        // does with two flags on top: it starts an agent, and that agent goes before.
        var agentParts: [UInt32] = []
        for agent in agents {
            guard agent.code.utf8.allSatisfy({ $0 < 0x80 }) else { return characterCombining(actorCode, agents) }
            let flags = agent.isPrefix ? startsAgent | goesBefore : startsAgent
            let first = agentParts.count
            appendPackedParts(of: agent.code.utf8, to: &agentParts)
            // An agent without parts adds nothing, and so needs no mark.
            if first < agentParts.count { agentParts[first] |= flags }
        }
        guard actorCode.utf8.allSatisfy({ $0 < 0x80 }) else { return characterCombining(actorCode, agents) }
        var result: [UInt8] = []
        result.reserveCapacity(actorCode.utf8.count + 3 * agentParts.count)
        var have: [UInt32] = []
        // The alternatives are the code's non-empty pieces between slashes, as `split` gives them.
        for alternative in actorCode.utf8.split(separator: UInt8(ascii: "/")) {
            if !result.isEmpty { result.append(UInt8(ascii: "/")) }
            let alternativeStart = result.count
            result += alternative
            have.removeAll(keepingCapacity: true)
            appendPackedParts(of: alternative, to: &have)
            // Parts already there are left out; those of this one agent are all kept, repeats too.
            var known = have.count
            var insertAt = alternativeStart, before = false
            for flagged in agentParts {
                if flagged & startsAgent != 0 {
                    known = have.count
                    insertAt = alternativeStart
                    before = flagged & goesBefore != 0
                }
                let part = flagged & ~(startsAgent | goesBefore)
                guard !have[..<known].contains(part) else { continue }
                have.append(part)
                for offset in 0..<Int(part >> 24) {
                    let byte = UInt8(truncatingIfNeeded: part >> (8 * offset))
                    if before {
                        result.insert(byte, at: insertAt)
                        insertAt += 1
                    } else {
                        result.append(byte)
                    }
                }
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    private static let startsAgent: UInt32 = 1 << 31
    private static let goesBefore: UInt32 = 1 << 30

    /// The parts of an ASCII code: three bytes each (or the fewer left at the end), packed into
    /// a `UInt32` with its length so that parts compare as integers.
    private static func appendPackedParts(of code: some Collection<UInt8>, to parts: inout [UInt32]) {
        var part: UInt32 = 0, length: UInt32 = 0
        for byte in code {
            part |= UInt32(byte) << (8 * length)
            length += 1
            if length == 3 {
                parts.append(part | length << 24)
                part = 0
                length = 0
            }
        }
        if length > 0 { parts.append(part | length << 24) }
    }

    /// `combining` on Characters, for codes that are not ASCII (and the reference for the rest).
    static func characterCombining(_ actorCode: String, _ agents: some Collection<(code: String, isPrefix: Bool)>) -> String {
        actorCode.split(separator: "/").map { withAgents(String($0), agents) }.joined(separator: "/")
    }

    private static func withAgents(_ actorCode: String, _ agents: some Collection<(code: String, isPrefix: Bool)>) -> String {
        var code = actorCode
        func parts(_ code: String) -> [Substring] {
            var result: [Substring] = []
            var index = code.startIndex
            while index < code.endIndex {
                let end = code.index(index, offsetBy: 3, limitedBy: code.endIndex) ?? code.endIndex
                result.append(code[index..<end])
                index = end
            }
            return result
        }
        var have = Set(parts(code))
        for agent in agents {
            let new = parts(agent.code).filter { !have.contains($0) }
            have.formUnion(new)
            if agent.isPrefix {
                code = new.joined() + code
            } else {
                code += new.joined()
            }
        }
        return code
    }
}
