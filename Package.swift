// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "partnerd",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "partnerd", targets: ["partnerd"]),
        .executable(name: "partnerctl", targets: ["partnerctl"]),
        .library(name: "PartnerdCore", targets: ["PartnerdCore"]),
        .library(name: "PartnerdTOML", targets: ["PartnerdTOML"]),
        // For the fuzzers in Tests/Fuzz, a package of their own built with -sanitize=fuzzer.
        .library(name: "PartnerdFuzzTargets", targets: ["PartnerdFuzzTargets"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0", traits: []),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.20.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.1.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.27.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.21.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.4.0"),
        // 3.x: swift-crypto 4 adds a Keccak library (CXKCP) that partnerd never calls, and a minute to every build.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"4.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]
        ),
        // The TOML 1.0.0 reader: no dependencies, so that nothing it needs can abort or leak.
        .target(name: "PartnerdTOML"),
        .target(
            name: "PartnerdCore",
            dependencies: [
                "PartnerdTOML",
                .product(name: "HeapModule", package: "swift-collections"),
            ]
        ),
        .target(
            name: "PartnerdService",
            dependencies: [
                "PartnerdCore",
                "CSystemd",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "partnerd",
            dependencies: [
                "PartnerdService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "partnerctl",
            dependencies: [
                "PartnerdService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "PartnerdFuzzTargets", dependencies: ["PartnerdCore", "PartnerdTOML"]),
        // The bench's in-process drivers (scripts/bench.sh): two small programs, built with everything else so that
        // neither `make test` nor `make bench` compiles PartnerdCore a second time for them.
        .executableTarget(
            name: "recurrence-bench", dependencies: ["PartnerdCore"], path: "Tests/Benchmarks/Sources/RecurrenceBenchmark"),
        .executableTarget(name: "toml-bench", dependencies: ["PartnerdTOML"], path: "Tests/Benchmarks/Sources/TOMLBenchmark"),
        .target(
            name: "PartnerdTestSupport",
            dependencies: ["PartnerdService", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(name: "PartnerdTOMLTests", dependencies: ["PartnerdTOML"]),
        .testTarget(name: "PartnerdCoreTests", dependencies: ["PartnerdCore"]),
        .testTarget(name: "PartnerdFuzzTargetsTests", dependencies: ["PartnerdFuzzTargets"]),
        .testTarget(name: "PartnerctlTests", dependencies: ["partnerctl", "PartnerdService", "PartnerdTestSupport"]),
        .testTarget(
            name: "PartnerdServiceTests",
            dependencies: [
                "PartnerdService",
                "PartnerdTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
