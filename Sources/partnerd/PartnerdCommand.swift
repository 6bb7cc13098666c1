import ArgumentParser
import PartnerdService

@main
struct PartnerdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "partnerd", version: PartnerdVersion.current)
    func run() throws {}
}
