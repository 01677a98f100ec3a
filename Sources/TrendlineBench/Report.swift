import Foundation

/// One row of the results table: a measure, its reference measured in the same run, and the
/// target it is held to.
struct Figure: Sendable {
    var measure: String
    var value: String
    var reference: String
    var target: String
    /// `nil` when the row has no pass/fail target.
    var met: Bool?

    var verdict: String {
        switch met {
        case .some(true): return "met"
        case .some(false): return "MISSED"
        case nil: return "-"
        }
    }
}

/// The results of one bench run: the table on stdout and the generated part of
/// docs/benchmarks.md.
struct Report: Sendable {
    var figures: [Figure] = []
    var notes: [String] = []
    var runs: Int
    var command: String

    static let begin = "<!-- trendline-bench:begin (generated; everything up to the end marker is rewritten) -->"
    static let end = "<!-- trendline-bench:end -->"

    var header: String {
        """
        Machine: \(Machine.cores) cores (\(Machine.cpuModel)), \(String(format: "%.0f", Machine.memoryGiB)) GiB; \
        commit \(Machine.commit); \(ISO8601DateFormatter().string(from: Date())).
        Command: `\(command)`. Each figure is the median of \(runs) runs unless its row says otherwise.
        """
    }

    var markdownTable: String {
        var lines = ["| measure | figure | reference (same run) | target | |", "|---|---|---|---|---|"]
        for figure in figures {
            lines.append("| \(figure.measure) | \(figure.value) | \(figure.reference) | \(figure.target) | \(figure.verdict) |")
        }
        return lines.joined(separator: "\n")
    }

    var markdown: String {
        var text = "\(Self.begin)\n\(header)\n\n\(markdownTable)\n"
        if !notes.isEmpty {
            text += "\n" + notes.map { "- \($0)" }.joined(separator: "\n") + "\n"
        }
        return text + Self.end
    }

    /// Replaces the generated part of the file at `path` (or appends it), keeping the rest.
    func write(to path: String) throws {
        let existing = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "# Benchmarks\n\n"
        var updated: String
        if let start = existing.range(of: Self.begin), let stop = existing.range(of: Self.end, range: start.upperBound..<existing.endIndex) {
            updated = existing.replacingCharacters(in: start.lowerBound..<stop.upperBound, with: markdown)
        } else {
            updated = existing + (existing.hasSuffix("\n") ? "\n" : "\n\n") + markdown + "\n"
        }
        try updated.write(toFile: path, atomically: true, encoding: .utf8)
    }
}

/// Writes a progress line to stderr at once, so the table on stdout stays clean.
func progress(_ text: String) {
    FileHandle.standardError.write(Data(("· " + text + "\n").utf8))
}
