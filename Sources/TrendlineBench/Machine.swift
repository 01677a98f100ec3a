import Foundation

/// What the figures were measured on, and the process's memory.
enum Machine {
    static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    static var cpuModel: String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown CPU" }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            return line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
        }
        return "unknown CPU"
    }

    static var memoryGiB: Double {
        Double(ProcessInfo.processInfo.physicalMemory) / Double(1 << 30)
    }

    /// Resident memory of this process now, in bytes (VmRSS).
    static func residentBytes() -> Int {
        statusField("VmRSS:")
    }

    /// The most resident memory this process has had, in bytes (VmHWM).
    static func peakResidentBytes() -> Int {
        statusField("VmHWM:")
    }

    private static func statusField(_ name: String) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
            return kilobytes * 1024
        }
        return 0
    }

    /// The current commit of the working tree, if git is there.
    static var commit: String {
        let output = try? Shell.run("git", ["rev-parse", "--short", "HEAD"])
        return output?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown"
    }
}
