import ArgumentParser
import Foundation

@main
struct Dyad: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dyad",
        abstract: "Turn news text into event data: who did what to whom, where and when.",
        discussion: """
            Input is plain text (articles may run together), JSONL with one article a line \
            ({"id","text","date"?,"url"?,"title"?,"source"?}), CSV with a header, or a folder of \
            .txt files. Use - for standard input.

            Exit codes: 0 done, 1 usage, 2 input errors (the rest was still processed), 3 internal error.
            """,
        version: "dyad 0.14 (parser and parse-based roles)",
        subcommands: [
            CodeCommand.self, EvalCommand.self, ExplainCommand.self, SplitCommand.self, TagCommand.self,
            BenchCommand.self, LexiconCommand.self, TrainCommand.self, AnnotateCommand.self, ValidateCommand.self,
            IngestCommand.self, EventsCommand.self, RelationsCommand.self, ActorsCommand.self, SourcesCommand.self,
            SearchCommand.self, ExportCommand.self,
        ]
    )

    /// Runs a command and maps every way it can end to the exit codes of DESIGN.md, instead of
    /// ArgumentParser's defaults (64 for usage errors, 1 for everything else).
    static func main() {
        // Writing into a closed pipe (`dyad split x | head`) must end quietly, not by SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let exitStatus: Int32
        do {
            var command = try parseAsRoot()
            try command.run()
            exitStatus = 0
        } catch let failure as InputFailure {
            Diagnostics.error(failure.description)
            exitStatus = DyadExit.inputErrors
        } catch let failure as InternalFailure {
            Diagnostics.error(failure.description)
            exitStatus = DyadExit.internalError
        } catch is OutputClosed {
            // The reader has what it wanted (`| head`): a success, as for other tools.
            exitStatus = 0
        } catch let failure as OutputFailure {
            Diagnostics.error(failure.description)
            exitStatus = DyadExit.internalError
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                exitStatus = 0
            } else if let exit = error as? ExitCode {
                exitStatus = exit.rawValue
            } else if code == .validationFailure {
                Diagnostics.error(withoutErrorPrefix(fullMessage(for: error)))
                exitStatus = DyadExit.usage
            } else {
                Diagnostics.error(withoutErrorPrefix(fullMessage(for: error)))
                exitStatus = DyadExit.internalError
            }
        }
        Diagnostics.flush()
        Foundation.exit(exitStatus)
    }
}

/// ArgumentParser's message without its own "Error: ", which `dyad: error:` already says.
func withoutErrorPrefix(_ message: String) -> String {
    message.hasPrefix("Error: ") ? String(message.dropFirst("Error: ".count)) : message
}

/// The process exit codes promised in DESIGN.md.
enum DyadExit {
    static let done: Int32 = 0
    static let usage: Int32 = 1
    static let inputErrors: Int32 = 2
    static let internalError: Int32 = 3
}

/// Input that could not be read at all (a missing file, binary data, `--strict` on a bad line).
struct InputFailure: Error, CustomStringConvertible {
    var description: String
}

/// Something inside Dyad went wrong (a missing model file); not the user's input.
struct InternalFailure: Error, CustomStringConvertible {
    var description: String
}
