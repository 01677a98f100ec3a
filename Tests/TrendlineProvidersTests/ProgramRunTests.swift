import Foundation
import Testing
import TrendlineTestSupport
@testable import TrendlineProviders

/// Programs run through swift-subprocess with their status, output and limits; one that could
/// not be started is said in words, and running out of descriptors says what to raise.
struct ProgramRunTests {
    /// No time limit is tested here: at the suite's start, with every test on two cores, a
    /// run's timer fired before a 10 s run was through (CI: "kept 0 bytes", a timed-out run).
    static let unhurried: TimeInterval = 120

    @Test func theSystemsReasonIsSaid() {
        #expect(SpawnFailure.reason(errno: EMFILE).hasPrefix("the process has no file descriptors left"))
        #expect(SpawnFailure.reason(errno: ENFILE).hasPrefix("the process has no file descriptors left"))
        #expect(SpawnFailure.reason(errno: ENOENT) == "No such file or directory")
        #expect(SpawnFailure.reason(errno: EACCES) == "Permission denied")
    }

    /// A file that is not executable fails to start, and the failure names it.
    @Test func aProgramThatCannotStartSaysWhy() async throws {
        let file = try ScratchDirectory.make("spawn").appendingPathComponent("not-executable").path
        try "#!/bin/sh\necho ran\n".write(toFile: file, atomically: true, encoding: .utf8)
        do {
            let output = try await ProgramRun.run(file, arguments: [], timeout: Self.unhurried)
            Issue.record("a file without the executable bit ran: \(output.status)")
        } catch {
            #expect(SpawnFailure.reason(error) == "Executable \"\(file)\" is not found or cannot be executed.", "\(error)")
            #expect(!SpawnFailure.isOutputLimit(error))
        }
    }

    /// The monitor is made once; programs run afterwards with the variables given added to
    /// this process's, and their exit status read.
    @Test func theProcessMonitorIsMadeOnceAndProgramsStillRun() async throws {
        #expect(await ProcessMonitor.prepare())
        #expect(await ProcessMonitor.prepare())
        let output = try await ProgramRun.run(
            "/bin/sh", arguments: ["-c", "echo \"$TRENDLINE_SPAWN_TEST:${PATH:+path}\"; echo oops >&2; exit 3"], timeout: Self.unhurried,
            environment: ["TRENDLINE_SPAWN_TEST": "given"])
        #expect(output.status == 3 && !output.timedOut)
        #expect(String(decoding: output.stdout, as: UTF8.self) == "given:path\n")
        #expect(String(decoding: output.stderr, as: UTF8.self) == "oops\n")
    }

    /// More output than a run keeps is an error, not an answer cut short (a cut JSON document
    /// would only fail later, as a parse error).
    @Test func outputPastTheLimitIsAnError() async throws {
        do {
            let output = try await ProgramRun.run("/bin/sh", arguments: ["-c", "head -c 300000 /dev/zero"], timeout: Self.unhurried, maximumOutput: 100_000)
            Issue.record("kept \(output.stdout.count) bytes past a 100,000-byte limit (timed out: \(output.timedOut))")
        } catch {
            #expect(SpawnFailure.isOutputLimit(error), "\(error)")
        }
        let fits = try await ProgramRun.run("/bin/sh", arguments: ["-c", "head -c 100000 /dev/zero"], timeout: Self.unhurried, maximumOutput: 100_000)
        #expect(fits.stdout.count == 100_000)
    }

    /// A caller cancelled mid-run (a worker told to stop) still gets the program's answer.
    @Test func aCancelledCallerStillGetsTheAnswer() async throws {
        let run = Task { try await ProgramRun.run("/bin/sh", arguments: ["-c", "sleep 0.3; echo done"], timeout: Self.unhurried) }
        try await Task.sleep(for: .milliseconds(50))
        run.cancel()
        let output = try await run.value
        #expect(output.status == 0 && !output.timedOut && String(decoding: output.stdout, as: UTF8.self) == "done\n")
    }
}
