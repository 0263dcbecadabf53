// swift-tools-version:6.2
import PackageDescription

/// Settings every Swift target shares (after swift-log's Package.swift). Not
/// `MemberImportVisibility`: on Linux the members of C structs that both Glibc and Dispatch's
/// CDispatch include (`stat`'s `st_mode`, …) belong to whichever of the two a compile job loads
/// first, so debug builds failed or passed with how files fell into batches.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

/// The shipped gazetteers, compiled into DepecheCore (`PackageResources.<name>_tsv`) so that
/// `extract` and `run` need no files; `extract.gazetteer_dir` adds the user's own lists.
let builtInGazetteers = [
    "countries", "world_places", "geography", "morocco_regions", "morocco_cities", "morocco_institutions",
    "international", "companies", "publications", "people", "given_names", "arabic_given_names", "misc", "geonames_places",
]

let package = Package(
    name: "depeche",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "depeche", targets: ["depeche"]),
        .library(name: "DepecheCore", targets: ["DepecheCore"]),
        .executable(name: "extract-bench", targets: ["ExtractBenchmark"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: ["YAML"]),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CInotifyTools",
            providers: [.apt(["libinotifytools0-dev"])]
        ),
        .systemLibrary(
            name: "CLMDB",
            providers: [.apt(["liblmdb-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CNats",
            pkgConfig: "libnats",
            providers: [.apt(["libnats-dev"])]
        ),
        .target(name: "CLinuxFiles"),
        .target(name: "CMinHashBatch"),
        .target(name: "CSimHashScan"),
        .target(name: "CByteScan"),
        .target(
            name: "DepecheCore",
            dependencies: [
                "CInotifyTools",
                "CLMDB",
                "CLibXML2",
                "CLinuxFiles",
                "CMinHashBatch",
                "CSimHashScan",
                "CByteScan",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Yams", package: "Yams"),
            ],
            resources: builtInGazetteers.map { .embedInCode("Extract/Lexicon/Gazetteer/\($0).tsv") },
            swiftSettings: strictSettings
        ),
        .target(
            name: "DepecheNATS",
            dependencies: [
                "CNats",
                "DepecheCore",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "depeche",
            dependencies: [
                "DepecheCore",
                "DepecheNATS",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "TestSupport",
            dependencies: ["DepecheCore"],
            path: "Tests/TestSupport",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "ExtractBenchmark",
            dependencies: ["DepecheCore"],
            path: "Benchmarks/ExtractBenchmark",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "fingerprint-bench",
            dependencies: ["DepecheCore"],
            path: "Benchmarks/FingerprintBenchmark",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "state-bench",
            dependencies: ["DepecheCore"],
            path: "Benchmarks/StateBenchmark",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "DepecheCoreTests",
            dependencies: [
                "DepecheCore",
                "TestSupport",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["DepecheCore", "DepecheNATS", "TestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
    ]
)
