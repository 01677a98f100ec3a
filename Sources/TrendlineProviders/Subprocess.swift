import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program with a time limit and bounded output, without blocking Swift's cooperative
/// threads (the waiting happens on a dispatch queue). Past the limit it is asked to stop
/// (SIGTERM), and killed (SIGKILL) if it is still running ``killAfter`` later: a program that
/// ignores SIGTERM (a wrapper script's `trap`) held its call, and the worker's round, forever.
enum Subprocess {
    /// How long a program has to stop after SIGTERM.
    static let killAfter: TimeInterval = 5

    struct Output: Sendable {
        var status: Int32
        var stdout: Data
        var stderr: Data
        var timedOut: Bool
    }

    static func run(_ executable: String, arguments: [String], timeout: TimeInterval, environment: [String: String] = [:], maximumOutput: Int = 16 << 20) async throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let timedOut = TimeoutFlag()
                let pid = process.processIdentifier
                let killer = DispatchWorkItem {
                    if process.isRunning { kill(pid, SIGKILL) }
                }
                let timer = DispatchWorkItem {
                    if process.isRunning {
                        timedOut.set()
                        process.terminate()
                        DispatchQueue.global().asyncAfter(deadline: .now() + killAfter, execute: killer)
                    }
                }
                DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
                let group = DispatchGroup()
                let stderrBox = DataBox()
                group.enter()
                DispatchQueue.global().async {
                    stderrBox.data = read(err.fileHandleForReading, limit: 1 << 20)
                    group.leave()
                }
                let stdout = read(out.fileHandleForReading, limit: maximumOutput)
                group.wait()
                process.waitUntilExit()
                timer.cancel()
                killer.cancel()
                continuation.resume(returning: Output(status: process.terminationStatus, stdout: stdout, stderr: stderrBox.data, timedOut: timedOut.value))
            }
        }
    }

    /// Reads to the end, keeping at most `limit` bytes (the rest is drained and dropped).
    /// Uses read(2) directly: FileHandle.availableData traps on EINTR.
    static func read(_ handle: FileHandle, limit: Int) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let descriptor = handle.fileDescriptor
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            if data.count < limit { data.append(contentsOf: buffer[0..<min(count, limit - data.count)]) }
        }
        return data
    }

    /// The executable's path: as given when it contains a slash, else looked up in PATH.
    static func locate(_ name: String) -> String? {
        let manager = FileManager.default
        if name.contains("/") { return manager.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if manager.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    final class DataBox: @unchecked Sendable { var data = Data() }
    final class TimeoutFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var flag = false
        func set() { lock.withLock { flag = true } }
        var value: Bool { lock.withLock { flag } }
    }
}
