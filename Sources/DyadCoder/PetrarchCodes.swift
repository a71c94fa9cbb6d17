/// How TABARI/PETRARCH put actor and agent codes together: each alternative of the actor's code
/// (`ELR/GAL`) followed by the three-letter parts of every agent's code it does not have yet
/// (`[~GOV]`), or preceded by them for a prefix agent (`[NGO~]`).
enum PetrarchCodes {
    /// The combined code. `agents` are (code, whether it goes before), in phrase order.
    static func combining(_ actorCode: String, _ agents: some Collection<(code: String, isPrefix: Bool)>) -> String {
        // Codes are ASCII, where a part is three bytes; the Character rules stay for the rest.
        // The agents' parts are read once, for every alternative, each packed as
        // `appendPackedParts` does with two flags on top: it starts an agent, and that agent
        // goes before.
        var agentParts: [UInt32] = []
        for agent in agents {
            var code = agent.code
            let isASCII = code.withUTF8 { bytes in
                guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
                let first = agentParts.count
                appendPackedParts(of: bytes, to: &agentParts)
                // An agent without parts adds nothing, and so needs no mark.
                if first < agentParts.count { agentParts[first] |= agent.isPrefix ? startsAgent | goesBefore : startsAgent }
                return true
            }
            guard isASCII else { return characterCombining(actorCode, agents) }
        }
        var code = actorCode
        return code.withUTF8 { actor in
            guard actor.allSatisfy({ $0 < 0x80 }) else { return characterCombining(actorCode, agents) }
            let slash = UInt8(ascii: "/")
            // At most every alternative with every agent part, and the slashes between them.
            let alternatives = actor.reduce(1) { $1 == slash ? $0 + 1 : $0 }
            let byteCapacity = actor.count + alternatives * 3 * agentParts.count
            let partCapacity = (actor.count + 2) / 3 + agentParts.count
            return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: partCapacity) { have in
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: byteCapacity) { result in
                    var count = 0
                    func append(alternative: Slice<UnsafeBufferPointer<UInt8>>) {
                        if count > 0 { result[count] = slash; count += 1 }
                        let alternativeStart = count
                        var haveCount = 0
                        var part: UInt32 = 0, length: UInt32 = 0
                        for byte in alternative {
                            result[count] = byte
                            count += 1
                            part |= UInt32(byte) << (8 * length)
                            length += 1
                            if length == 3 {
                                have[haveCount] = part | length << 24
                                haveCount += 1
                                part = 0
                                length = 0
                            }
                        }
                        if length > 0 { have[haveCount] = part | length << 24; haveCount += 1 }
                        // Parts already there are left out; those of this one agent are all
                        // kept, repeats too.
                        var known = haveCount
                        var insertAt = alternativeStart, before = false
                        for flagged in agentParts {
                            if flagged & startsAgent != 0 {
                                known = haveCount
                                insertAt = alternativeStart
                                before = flagged & goesBefore != 0
                            }
                            let part = flagged & ~(startsAgent | goesBefore)
                            guard !UnsafeBufferPointer(rebasing: have[..<known]).contains(part) else { continue }
                            have[haveCount] = part
                            haveCount += 1
                            let partLength = Int(part >> 24)
                            if before {
                                // Make room: move what follows the insertion point along.
                                var index = count
                                while index > insertAt {
                                    index -= 1
                                    result[index + partLength] = result[index]
                                }
                            }
                            let at = before ? insertAt : count
                            for offset in 0..<partLength { result[at + offset] = UInt8(truncatingIfNeeded: part >> (8 * offset)) }
                            count += partLength
                            if before { insertAt += partLength }
                        }
                    }
                    // The alternatives are the code's non-empty pieces between slashes, as
                    // `split` gives them.
                    var pieceStart = 0
                    for end in 0...actor.count where end == actor.count || actor[end] == slash {
                        if end > pieceStart { append(alternative: actor[pieceStart..<end]) }
                        pieceStart = end + 1
                    }
                    return String(decoding: UnsafeBufferPointer(rebasing: result[..<count]), as: UTF8.self)
                }
            }
        }
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
