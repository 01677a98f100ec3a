import ArgumentParser
import Foundation
import Logging
import TrendlineRuntime
import TrendlineSimulator

/// `trendline-bench`: every benchmark against the platform simulator on loopback; prints the
/// table and rewrites the generated part of docs/benchmarks.md.
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trendline-bench",
        abstract: "Measure Trendline's speed and scale against the platform simulator on loopback.",
        subcommands: [All.self, Scale.self],
        defaultSubcommand: All.self)
}

/// The measures that can be picked with `--only`.
enum Measure: String, CaseIterable, ExpressibleByArgument {
    case api, pipeline, postgres, upstream, scale, parse
}

struct All: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the measures (default: all) and write the report.")

    @Option(help: "Runs per measure; each figure is the median.") var runs = 3
    @Option(help: "Only these measures (comma-separated: \(Measure.allCases.map(\.rawValue).joined(separator: ", "))).")
    var only: String?
    @Option(help: "Videos per pipeline round.") var pipelineVideos = 20_000
    @Option(help: "A PostgreSQL server for the pipeline on PostgreSQL (postgres://USER@HOST:PORT/DB; a schema of its own is made and dropped). Without it (or TRENDLINE_BENCH_POSTGRES_URL) that measure is skipped.")
    var postgresURL: String?
    @Option(help: "Videos per round of the pipeline on PostgreSQL.") var postgresVideos = 5_000
    @Option(help: "Tracked videos in the scale file.") var scaleVideos = 1_000_000
    @Option(help: "How much faster than real time the simulated hour of the scale measure runs.") var speed = 30.0
    @Option(help: "Seconds of load per API run.") var seconds = 5
    @Option(help: "Folder of the real captured pages.") var fixtures = "../shared/fixtures/real"
    @Option(help: "Report file whose generated part is rewritten ('-' writes none).") var output = "docs/benchmarks.md"

    func run() async throws {
        DeferredMetadataLogHandler.bootstrap(level: .error) // only the service's errors: the bench prints its own progress
        let chosen = try only.map { text in
            try text.split(separator: ",").map { name in
                guard let measure = Measure(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("unknown measure '\(name)'; known: \(Measure.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return measure
            }
        } ?? Measure.allCases
        let runs = max(1, self.runs)
        let postgresFromEnvironment = ProcessInfo.processInfo.environment["TRENDLINE_BENCH_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
        let postgresURL = self.postgresURL ?? postgresFromEnvironment
        let environmentNote = self.postgresURL == nil && postgresFromEnvironment != nil ? "TRENDLINE_BENCH_POSTGRES_URL=… " : ""
        var report = Report(
            runs: runs, command: environmentNote + "swift run -c release trendline-bench" + CommandLine.arguments.dropFirst().map { " " + $0 }.joined())
        let clock = BenchClock()
        let simulator = PlatformSimulator(epoch: Date().addingTimeInterval(-86_400 * 60), clock: { clock.now })
        let settings = self
        let figures = try await simulator.withRunningServer { base in
            var figures: [Figure] = []
            if chosen.contains(.api) {
                figures += try await APIBench(simulatorBase: base, clock: clock, runs: runs, seconds: settings.seconds).run()
            }
            if chosen.contains(.pipeline) {
                figures += try await PipelineBench(simulator: simulator, simulatorBase: base, clock: clock, runs: runs, videos: settings.pipelineVideos).run()
            }
            if chosen.contains(.postgres) {
                if let url = postgresURL {
                    figures += try await PostgresPipelineBench(
                        url: url, simulatorBase: base, clock: clock, runs: runs, videos: settings.postgresVideos).run()
                } else {
                    progress("postgres: skipped (no --postgres-url or TRENDLINE_BENCH_POSTGRES_URL)")
                }
            }
            if chosen.contains(.upstream) {
                figures += try await UpstreamBench(simulator: simulator, simulatorBase: base, clock: clock, runs: runs).run()
            }
            return figures
        }
        report.figures += figures
        if chosen.contains(.scale) {
            report.figures += try ScaleChild.run(videos: scaleVideos, speed: speed, runs: runs)
        }
        if chosen.contains(.parse) {
            report.figures += try ParseBench(fixtures: fixtures, runs: runs).run()
        }
        print(report.markdownTable)
        if output != "-" {
            try report.write(to: output)
            progress("wrote \(output)")
        }
    }
}
