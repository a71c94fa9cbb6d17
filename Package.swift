// swift-tools-version:6.1
// Dyad: news text to CAMEO event data. Module arrows point one way, down this list
// (see DESIGN.md): Core <- Text <- NLP <- (Lexicon, Coder) <- dyad; Core <- Formats <- Store <- dyad.
// GRDB is heavy: only DyadStore (and through it the executable) depends on it. PostgreSQL stores
// need postgres-nio, which brings two TLS stacks (hundreds of C files): it is behind the
// `PostgreSQL` trait, off by default, so a fresh clone builds without it
// (`swift build --traits PostgreSQL` turns it on).
import PackageDescription

let package = Package(
    name: "Dyad",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dyad", targets: ["dyad"]),
        .library(name: "DyadCore", targets: ["DyadCore"]),
        .library(name: "DyadText", targets: ["DyadText"]),
        .library(name: "DyadNLP", targets: ["DyadNLP"]),
        .library(name: "DyadLexicon", targets: ["DyadLexicon"]),
        .library(name: "DyadCoder", targets: ["DyadCoder"]),
        .library(name: "DyadFormats", targets: ["DyadFormats"]),
        .library(name: "DyadStore", targets: ["DyadStore"]),
    ],
    traits: [
        .trait(name: "PostgreSQL", description: "PostgreSQL stores (postgres://...) through postgres-nio."),
        .default(enabledTraits: []),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .target(name: "DyadCore", resources: [.copy("Resources")]),
        .target(name: "DyadText", dependencies: ["DyadCore"], resources: [.copy("Resources")]),
        .target(
            name: "DyadNLP",
            dependencies: ["DyadCore", "DyadText"],
            exclude: ["README.md"],
            resources: [.copy("Resources/tagger.model"), .copy("Resources/parser.model")]
        ),
        .target(name: "DyadLexicon", dependencies: ["DyadCore", "DyadText"], resources: [.copy("Resources")]),
        .target(
            name: "DyadCoder",
            dependencies: ["DyadCore", "DyadText", "DyadNLP", "DyadLexicon"],
            exclude: ["Resources/README.md", "SentenceCoding/README.md"],
            resources: [.copy("Resources")]
        ),
        .target(name: "DyadFormats", dependencies: ["DyadCore"]),
        .target(
            name: "DyadStore",
            dependencies: [
                "DyadCore", "DyadFormats",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: ["PostgreSQL"])),
            ],
            exclude: ["README.md"]
        ),
        .executableTarget(
            name: "dyad",
            dependencies: [
                "DyadCore", "DyadText", "DyadNLP", "DyadLexicon", "DyadCoder", "DyadFormats", "DyadStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "DyadCoreTests", dependencies: ["DyadCore"]),
        .testTarget(name: "DyadTextTests", dependencies: ["DyadText"]),
        .testTarget(name: "DyadNLPTests", dependencies: ["DyadNLP", "DyadText"]),
        .testTarget(name: "DyadLexiconTests", dependencies: ["DyadLexicon"]),
        .testTarget(name: "DyadCoderTests", dependencies: ["DyadCoder", "DyadNLP", "DyadLexicon"]),
        .testTarget(name: "DyadFormatsTests", dependencies: ["DyadFormats"]),
        .testTarget(
            name: "DyadStoreTests",
            dependencies: [
                "DyadStore", "DyadCore", "DyadFormats", "DyadCoder", "DyadNLP", "DyadText", "DyadLexicon",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "dyadTests", dependencies: ["dyad"]),
    ]
)
