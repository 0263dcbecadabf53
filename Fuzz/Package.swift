// swift-tools-version:6.2
// libFuzzer targets for depeche (issue 5), in their own package so that the main package never
// needs the fuzzer flags. Build and run from the repository root with `make fuzz`, or:
//   cd Fuzz && swift build -Xswiftc -sanitize=fuzzer,address
//   .build/debug/FuzzDecode -max_total_time=600 .build/corpus/FuzzDecode seeds/FuzzDecode
// Inputs that crashed a target are kept in corpus-crashes/<Target>/ and replayed by the
// FuzzRegression tests of the main package.
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "depeche-fuzz",
    dependencies: [
        // Named, because a path package is otherwise known by its directory name.
        .package(name: "depeche", path: ".."),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .target(name: "FuzzDriver", path: "FuzzDriver"),
        // A link to Tests/DepecheCoreTests/Fuzz/FuzzReplay.swift: the regression tests replay
        // kept inputs through the very calls the targets make.
        .target(
            name: "FuzzReplay",
            dependencies: [.product(name: "DepecheCore", package: "depeche"), .product(name: "Logging", package: "swift-log")],
            path: "FuzzReplay", swiftSettings: strictSettings),
        .executableTarget(
            name: "FuzzDecode",
            dependencies: ["FuzzDriver", "FuzzReplay"],
            path: "FuzzDecode", swiftSettings: strictSettings),
        .executableTarget(
            name: "FuzzClean",
            dependencies: ["FuzzDriver", "FuzzReplay"],
            path: "FuzzClean", swiftSettings: strictSettings),
        .executableTarget(
            name: "FuzzAnalyze",
            dependencies: ["FuzzDriver", "FuzzReplay", .product(name: "DepecheCore", package: "depeche")],
            path: "FuzzAnalyze", swiftSettings: strictSettings),
        .executableTarget(
            name: "FuzzEventLog",
            dependencies: [
                "FuzzDriver",
                "FuzzReplay",
                .product(name: "DepecheCore", package: "depeche"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "FuzzEventLog", swiftSettings: strictSettings),
    ]
)
