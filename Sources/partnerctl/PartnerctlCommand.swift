import ArgumentParser
import PartnerdService

@main
struct PartnerctlCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "partnerctl", version: PartnerdVersion.current)
    func run() throws {}
}
