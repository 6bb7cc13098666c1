// swift-tools-version:6.1
// The benchmark helpers: their own package so that `swift build` of partnerd never builds them, and so that
// they link PartnerdCore exactly as the product does. Built by scripts/bench.sh with
// `swift build -c release --package-path Tests/Benchmarks --scratch-path .build-bench`.
import PackageDescription

let package = Package(
    name: "partnerd-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "partnerd", path: "../..")
    ],
    targets: [
        .executableTarget(
            name: "recurrence-bench",
            dependencies: [.product(name: "PartnerdCore", package: "partnerd")],
            path: "Sources/RecurrenceBenchmark"
        ),
        .executableTarget(
            name: "toml-bench",
            dependencies: [.product(name: "PartnerdTOML", package: "partnerd")],
            path: "Sources/TOMLBenchmark"
        ),
    ],
    swiftLanguageModes: [.v6]
)
