import ArgumentParser

/// A TCP port typed on the command line: 1 to 65535, as `serve --port` and `TRENDLINE_PORT`
/// are read. NIO would take 70000 and listen on 4464 (70000 mod 65536) without a word.
enum PortArgument {
    static func check(_ port: Int?, option: String) throws {
        guard let port, !(1...65_535).contains(port) else { return }
        throw ValidationError("--\(option) must be a TCP port from 1 to 65535, got \(port)")
    }
}
