/// How TABARI/PETRARCH put actor and agent codes together: each alternative of the actor's code
/// (`ELR/GAL`) followed by the three-letter parts of every agent's code it does not have yet
/// (`[~GOV]`), or preceded by them for a prefix agent (`[NGO~]`).
enum PetrarchCodes {
    /// The combined code. `agents` are (code, whether it goes before), in phrase order.
    static func combining(_ actorCode: String, _ agents: some Collection<(code: String, isPrefix: Bool)>) -> String {
        // Codes are ASCII, where a part is three bytes; the Character rules stay for the rest.
        guard actorCode.utf8.allSatisfy({ $0 < 0x80 }), agents.allSatisfy({ $0.code.utf8.allSatisfy { $0 < 0x80 } }) else {
            return characterCombining(actorCode, agents)
        }
        var result: [UInt8] = []
        // The alternatives are the code's non-empty pieces between slashes, as `split` gives them.
        for alternative in actorCode.utf8.split(separator: UInt8(ascii: "/")) {
            if !result.isEmpty { result.append(UInt8(ascii: "/")) }
            appendWithAgents(alternative, agents, to: &result)
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// `withAgents` on ASCII bytes, where a part is three bytes (or the fewer left at the end),
    /// packed into a `UInt32` with its length so that parts compare as integers.
    private static func appendWithAgents(_ alternative: some Collection<UInt8>, _ agents: some Collection<(code: String, isPrefix: Bool)>,
                                         to result: inout [UInt8]) {
        var code = Array(alternative)
        var have = packedParts(of: alternative)
        for agent in agents {
            // Parts already there are left out; those of this one agent are all kept, repeats too.
            let new = packedParts(of: agent.code.utf8).filter { !have.contains($0) }
            have += new
            var bytes: [UInt8] = []
            for part in new {
                for offset in 0..<Int(part >> 24) { bytes.append(UInt8(truncatingIfNeeded: part >> (8 * offset))) }
            }
            if agent.isPrefix {
                code.insert(contentsOf: bytes, at: 0)
            } else {
                code += bytes
            }
        }
        result += code
    }

    private static func packedParts(of code: some Collection<UInt8>) -> [UInt32] {
        var parts: [UInt32] = []
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
        return parts
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
