import Foundation

/// One tool an AI agent can call, and the REST request it becomes. The tools are a thin layer
/// over the API: their answers are the API's own JSON (errors in its envelope, with `code`,
/// `message` and `field`), so an agent reads what a `curl` user reads and nothing is decided
/// twice.
public struct AgentTool: Sendable {
    public let name: String
    public let description: String
    /// `GET`, `POST`, `PATCH` or `DELETE`.
    public let method: String
    /// The path, with `{name}` for arguments that are path segments.
    public let path: String
    /// Arguments sent as query parameters.
    public let query: [String]
    /// Arguments sent as the JSON body's members.
    public let body: [String]
    /// The tool's input as a JSON Schema object, in JSON.
    public let inputSchema: String

    /// The path segments `path` names.
    var pathArguments: [String] {
        path.split(separator: "/").compactMap { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
    }
}
