import ArgumentParser

@main
struct Dyad: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dyad",
        abstract: "Turn news text into event data: who did what to whom, where and when.",
        subcommands: [TrainCommand.self]
    )
}
