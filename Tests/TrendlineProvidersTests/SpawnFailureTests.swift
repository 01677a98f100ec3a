import Foundation
import Testing
@testable import TrendlineProviders

/// A program that could not be started is said in words, and running out of descriptors says
/// what to raise; Foundation's own text was `Error Domain=NSCocoaErrorDomain Code=512 "(null)"`.
struct SpawnFailureTests {
    static func wrapped(_ code: Int32) -> NSError {
        NSError(domain: NSCocoaErrorDomain, code: 512, userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(code))])
    }

    @Test func theSystemsReasonIsSaid() {
        #expect(SpawnFailure.reason(Self.wrapped(EMFILE)).hasPrefix("the process has no file descriptors left"))
        #expect(SpawnFailure.reason(Self.wrapped(ENOENT)) == "No such file or directory")
        #expect(SpawnFailure.reason(NSError(domain: NSPOSIXErrorDomain, code: Int(EACCES))) == "Permission denied")
    }

    /// The monitor is made once; a program runs afterwards as before.
    @Test func theProcessMonitorIsMadeOnceAndProgramsStillRun() async throws {
        #expect(ProcessMonitor.prepare() && ProcessMonitor.prepare())
        let output = try await Subprocess.run("/bin/echo", arguments: ["ran"], timeout: 10)
        #expect(output.status == 0 && String(decoding: output.stdout, as: UTF8.self) == "ran\n")
    }
}
