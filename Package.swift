// swift-tools-version:6.0
// Dyad: news text to CAMEO event data. Module arrows point one way, down this list
// (see DESIGN.md): Core <- Text <- NLP <- (Lexicon, Coder) <- dyad.
import PackageDescription

let package = Package(
    name: "Dyad",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dyad", targets: ["dyad"]),
        .library(name: "DyadCore", targets: ["DyadCore"]),
        .library(name: "DyadText", targets: ["DyadText"]),
        .library(name: "DyadNLP", targets: ["DyadNLP"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(name: "DyadCore"),
        .target(name: "DyadText", dependencies: ["DyadCore"], resources: [.copy("Resources")]),
        .target(
            name: "DyadNLP",
            dependencies: ["DyadCore", "DyadText"],
            resources: [.copy("Resources/tagger.model")]
        ),
        .executableTarget(
            name: "dyad",
            dependencies: [
                "DyadCore", "DyadText", "DyadNLP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "DyadCoreTests", dependencies: ["DyadCore"]),
        .testTarget(name: "DyadTextTests", dependencies: ["DyadText"]),
        .testTarget(name: "DyadNLPTests", dependencies: ["DyadNLP", "DyadText"]),
        .testTarget(name: "dyadTests", dependencies: ["dyad"]),
    ]
)
