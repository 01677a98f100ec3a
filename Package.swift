// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "trendline",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "trendline", targets: ["TrendlineCLI"]),
        .executable(name: "trendline-bench", targets: ["TrendlineBench"]),
        .library(name: "TrendlineDomain", targets: ["TrendlineDomain"]),
        .library(name: "TrendlineStore", targets: ["TrendlineStore"]),
        .library(name: "TrendlineSQLite", targets: ["TrendlineSQLite"]),
        .library(name: "TrendlinePostgres", targets: ["TrendlinePostgres"]),
        .library(name: "TrendlineCore", targets: ["TrendlineCore"]),
        .library(name: "TrendlineAPI", targets: ["TrendlineAPI"]),
        .library(name: "TrendlineRuntime", targets: ["TrendlineRuntime"]),
        .library(name: "TrendlineProviders", targets: ["TrendlineProviders"]),
        .library(name: "TrendlineSimulator", targets: ["TrendlineSimulator"]),
        .library(name: "TrendlineSnapshots", targets: ["TrendlineSnapshots"]),
        .library(name: "TrendlineWebhooks", targets: ["TrendlineWebhooks"]),
        .library(name: "TrendlineAgentTools", targets: ["TrendlineAgentTools"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.8.1"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
    ],
    targets: [
        // Pure domain: platforms, URL parsing, records, cadence. No I/O, Foundation only.
        .target(name: "TrendlineDomain"),
        // The repository protocol every storage backend implements.
        .target(name: "TrendlineStore", dependencies: ["TrendlineDomain"]),
        // The embedded default backend: SQLite through GRDB.
        .target(
            name: "TrendlineSQLite",
            dependencies: [
                "TrendlineDomain", "TrendlineStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the store's per-snapshot statements (DirectStatement).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The several-nodes backend: PostgreSQL through PostgresNIO.
        .target(
            name: "TrendlinePostgres",
            dependencies: [
                "TrendlineDomain", "TrendlineStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "_ConnectionPoolModule", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Use cases shared by the HTTP API and the CLI: tracking, accounts and keys.
        .target(
            name: "TrendlineCore",
            dependencies: [
                "TrendlineDomain", "TrendlineStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Providers: real upstream formats (TikTok page JSON, YouTube Data API v3, X API v2,
        // Instagram media info, yt-dlp) over AsyncHTTPClient or a subprocess (swift-subprocess).
        .target(
            name: "TrendlineProviders",
            dependencies: [
                "TrendlineDomain", "TrendlineCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // Taking snapshots: the worker service, per-platform guards, the snapshot taker.
        .target(
            name: "TrendlineSnapshots",
            dependencies: [
                "TrendlineDomain", "TrendlineStore", "TrendlineCore", "TrendlineProviders",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // MCP tools for AI agents, as a client of the REST API (no store access of its own).
        .target(
            name: "TrendlineAgentTools",
            dependencies: ["TrendlineDomain", .product(name: "AsyncHTTPClient", package: "async-http-client")]
        ),
        // Delivering webhooks: the outbox fan-out and the signed, retried HTTP sender.
        .target(
            name: "TrendlineWebhooks",
            dependencies: [
                "TrendlineDomain", "TrendlineStore", "TrendlineCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The platform simulator: every platform's formats on one local port (tests, demo, benchmarks).
        .target(
            name: "TrendlineSimulator",
            dependencies: [
                "TrendlineDomain", "TrendlineProviders",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // The REST API on Hummingbird.
        .target(
            name: "TrendlineAPI",
            dependencies: [
                "TrendlineDomain", "TrendlineStore", "TrendlineCore", "TrendlineAgentTools",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // gzip for answers clients ask to have compressed (ResponseCompressionMiddleware).
                .product(name: "CompressNIO", package: "compress-nio"),
                // The static answers' ETags (StaticAnswer).
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            // Served from EmbeddedResources.swift (scripts/embed_resources.py), not a bundle.
            exclude: ["Resources"]
        ),
        // Settings (flags > environment > config file > defaults) and opening the store.
        .target(
            name: "TrendlineRuntime",
            dependencies: [
                "TrendlineDomain", "TrendlineStore", "TrendlineSQLite", "TrendlinePostgres", "TrendlineCore", "TrendlineProviders", "TrendlineSnapshots",
                "TrendlineWebhooks",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // The thin `trendline` command-line front end.
        .executableTarget(
            name: "TrendlineCLI",
            dependencies: [
                "TrendlineDomain", "TrendlineStore", "TrendlineSQLite", "TrendlineCore", "TrendlineAPI", "TrendlineRuntime",
                "TrendlineProviders", "TrendlineSnapshots", "TrendlineSimulator", "TrendlineWebhooks", "TrendlineAgentTools",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // `swift run -c release trendline-bench`: every benchmark against the simulator on loopback.
        .executableTarget(
            name: "TrendlineBench",
            dependencies: [
                "TrendlineDomain", "TrendlineStore", "TrendlineSQLite", "TrendlineCore", "TrendlineAPI", "TrendlineRuntime",
                "TrendlineProviders", "TrendlineSnapshots", "TrendlineSimulator", "TrendlinePostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Helpers the test targets share (not shipped): the throwaway PostgreSQL schemas,
        // scratch directories removed when the test process exits, background loops' timing.
        .target(
            name: "TrendlineTestSupport",
            dependencies: [
                "TrendlineDomain", "TrendlineStore", "TrendlinePostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ],
            path: "Tests/TrendlineTestSupport"
        ),
        .testTarget(name: "TrendlineDomainTests", dependencies: ["TrendlineDomain"]),
        .testTarget(
            name: "TrendlineRuntimeTests",
            dependencies: [
                "TrendlineRuntime", "TrendlineCore", "TrendlineSnapshots", "TrendlineProviders", "TrendlineStore", "TrendlineDomain", "TrendlineSQLite", "TrendlinePostgres",
                "TrendlineTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .testTarget(
            name: "TrendlineSnapshotsTests",
            dependencies: [
                "TrendlineDomain", "TrendlineStore", "TrendlineSQLite", "TrendlineCore", "TrendlineProviders",
                "TrendlineSnapshots", "TrendlineSimulator", "TrendlineTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .testTarget(
            name: "TrendlineProvidersTests",
            dependencies: [
                "TrendlineDomain", "TrendlineCore", "TrendlineProviders", "TrendlineSimulator", "TrendlineTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "TrendlineStoreTests",
            dependencies: [
                "TrendlineDomain", "TrendlineStore", "TrendlineSQLite", "TrendlinePostgres", "TrendlineTestSupport",
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "TrendlineWebhooksTests",
            dependencies: [
                "TrendlineDomain", "TrendlineStore", "TrendlineSQLite", "TrendlineCore", "TrendlineWebhooks", "TrendlineSimulator", "TrendlineTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .testTarget(
            name: "TrendlineCoreTests",
            dependencies: ["TrendlineDomain", "TrendlineStore", "TrendlineSQLite", "TrendlinePostgres", "TrendlineCore", "TrendlineTestSupport"]
        ),
        .testTarget(
            name: "TrendlineAPITests",
            dependencies: [
                "TrendlineDomain", "TrendlineStore", "TrendlineSQLite", "TrendlineCore", "TrendlineAPI", "TrendlineProviders", "TrendlineSimulator",
                "TrendlineAgentTools", "TrendlineSnapshots", "TrendlineTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ],
            // The dashboard's Node harness, run by DashboardScriptTests; not Swift.
            exclude: ["Dashboard"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
