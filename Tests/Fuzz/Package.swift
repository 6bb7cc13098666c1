// swift-tools-version:6.1
// The fuzzers: libFuzzer executables over partnerd's parsers, built with the sanitizers on
// (`scripts/fuzz.sh`, `make fuzz`). A package of its own, so that the daemon's build never needs them.
import PackageDescription

let fuzzers = [
    "FuzzConfiguration", "FuzzTOML", "FuzzRecurrence", "FuzzRequestHead", "FuzzControlFrame", "FuzzICalendar",
]

let package = Package(
    name: "partnerd-fuzz",
    dependencies: [.package(name: "partnerd", path: "../..")],
    targets: [.target(name: "CFuzzDriver")]
        + fuzzers.map { name in
            .executableTarget(
                name: name, dependencies: ["CFuzzDriver", .product(name: "PartnerdFuzzTargets", package: "partnerd")])
        },
    swiftLanguageModes: [.v6]
)
