import ArgumentParser
import Foundation
import TrendlineAgentTools

/// `trendline mcp`: Trendline's tools for AI agents, as a Model Context Protocol server on
/// stdin/stdout, over the REST API of a running Trendline with one API key.
struct MCP: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve Trendline's tools to an AI agent (Model Context Protocol over stdio).",
        discussion: "Point an MCP client at `trendline mcp --key KEY`; each tool call becomes one request to the REST API at --url.")

    @Option(help: "The running Trendline's base URL.") var url: String = ProcessInfo.processInfo.environment["TRENDLINE_URL"] ?? "http://127.0.0.1:8080"
    @Option(help: "An API key (default: TRENDLINE_API_KEY).") var key: String?

    func run() async throws {
        guard let key = key ?? ProcessInfo.processInfo.environment["TRENDLINE_API_KEY"], !key.isEmpty else {
            throw ValidationError("give an API key with --key or TRENDLINE_API_KEY (create one with `trendline keys create --account NAME`)")
        }
        let api = HTTPTrendlineAPI(baseURL: url, key: key)
        let server = MCPServer(api: api)
        for await line in Self.standardInputLines() where !line.isEmpty {
            if let answer = await server.handle(Data(line.utf8)) {
                FileHandle.standardOutput.write(answer + Data("\n".utf8))
            }
        }
        try await api.shutdown()
    }

    /// Standard input's lines, read on a thread of their own so the wait for the next message
    /// does not hold one of Swift's cooperative threads.
    static func standardInputLines() -> AsyncStream<String> {
        AsyncStream { continuation in
            Thread {
                while let line = readLine(strippingNewline: true) { continuation.yield(line) }
                continuation.finish()
            }.start()
        }
    }
}
