import Foundation
import TrendlineDomain

/// A Model Context Protocol server over one line-delimited JSON-RPC 2.0 stream (stdio): it
/// answers `initialize`, `ping`, `tools/list` and `tools/call`, and each call becomes one request
/// to the REST API through `api`. A tool's result is the API's JSON answer as text; an API
/// error (4xx/5xx) is a tool result with `isError`, its envelope intact, so the agent sees the
/// code, message and field and can correct itself.
public struct MCPServer: Sendable {
    public static let protocolVersions = ["2025-06-18", "2025-03-26", "2024-11-05"]
    let api: any TrendlineAPITransport
    let tools: [AgentTool]
    let version: String

    public init(api: any TrendlineAPITransport, tools: [AgentTool] = AgentToolCatalogue.all, version: String = "0.1.0") {
        self.api = api
        self.tools = tools
        self.version = version
    }

    /// The answer to one message, or `nil` for a notification. A JSON array is a batch (MCP
    /// 2025-03-26): its messages are answered in order, in one array, and `nil` when all of
    /// them were notifications.
    public func handle(_ line: Data) async -> Data? {
        guard let object = try? JSONSerialization.jsonObject(with: line) else {
            return Self.encode(Self.error(id: NSNull(), code: -32700, message: "parse error: each line must be one JSON-RPC object"))
        }
        if let batch = object as? [Any] {
            guard !batch.isEmpty else { return Self.encode(Self.error(id: NSNull(), code: -32600, message: "invalid request: an empty batch")) }
            var answers: [[String: Any]] = []
            for message in batch {
                if let answer = await answer(message) { answers.append(answer) }
            }
            return answers.isEmpty ? nil : (try? JSONSerialization.data(withJSONObject: answers, options: [.sortedKeys, .withoutEscapingSlashes]))
        }
        return await answer(object).map(Self.encode)
    }

    /// The answer to one decoded message, or `nil` for a notification.
    func answer(_ object: Any) async -> [String: Any]? {
        guard let message = object as? [String: Any] else {
            return Self.error(id: NSNull(), code: -32600, message: "invalid request: a message is one JSON-RPC object")
        }
        let id = message["id"]
        guard message["jsonrpc"] as? String == "2.0", let method = message["method"] as? String else {
            return Self.error(id: id ?? NSNull(), code: -32600, message: "invalid request: expected jsonrpc \"2.0\" and a method")
        }
        guard let id else { return nil }   // notifications (notifications/initialized, cancelled) need no answer
        let params = message["params"] as? [String: Any] ?? [:]
        switch method {
        case "initialize":
            let asked = params["protocolVersion"] as? String
            return Self.result(id: id, [
                "protocolVersion": asked.flatMap { Self.protocolVersions.contains($0) ? $0 : nil } ?? Self.protocolVersions[0],
                "capabilities": ["tools": ["listChanged": false]],
                "serverInfo": ["name": "trendline", "version": version],
                "instructions": "Trendline tracks public social videos: track_videos starts snapshots of views, likes, comments, shares and saves; list_videos, get_video and video_snapshots read them back. creator_profile, creator_videos, creator_median_views and creator_email look a creator up once; follow_creator tracks a creator's new videos. create_webhook has events POSTed to a URL. Answers are Trendline's REST API JSON.",
            ])
        case "ping":
            return Self.result(id: id, [:])
        case "tools/list":
            let listed: [[String: Any]] = tools.map { tool in
                ["name": tool.name, "description": tool.description,
                 "inputSchema": (try? JSONSerialization.jsonObject(with: Data(tool.inputSchema.utf8))) ?? ["type": "object"]]
            }
            return Self.result(id: id, ["tools": listed])
        case "tools/call":
            guard let name = params["name"] as? String, let tool = tools.first(where: { $0.name == name }) else {
                return Self.error(id: id, code: -32602, message: "unknown tool '\(params["name"] as? String ?? "")'; tools/list names them")
            }
            return Self.result(id: id, await call(tool, params["arguments"] as? [String: Any] ?? [:]))
        default:
            return Self.error(id: id, code: -32601, message: "method not found: \(method)")
        }
    }

    /// Runs `tool` with `arguments` against the API.
    func call(_ tool: AgentTool, _ arguments: [String: Any]) async -> [String: Any] {
        let request: (path: String, body: Data?)
        do {
            request = try Self.request(for: tool, arguments)
        } catch {
            return Self.toolResult("\(error)", isError: true)
        }
        do {
            let answer = try await api.send(method: tool.method, path: request.path, body: request.body)
            return Self.toolResult(String(decoding: answer.body, as: UTF8.self), isError: answer.status >= 400)
        } catch {
            return Self.toolResult("Trendline's API did not answer: \(error)", isError: true)
        }
    }

    /// The path (with its query) and JSON body `arguments` make for `tool`.
    static func request(for tool: AgentTool, _ arguments: [String: Any]) throws -> (path: String, body: Data?) {
        let known = Set(tool.pathArguments + tool.query + tool.body)
        if let unknown = arguments.keys.sorted().first(where: { !known.contains($0) }) {
            let names = known.sorted()
            throw AgentToolError("\(tool.name) takes no argument '\(unknown)'\(NearestName.suggestion(among: names, to: unknown)); it takes \(names.joined(separator: ", "))")
        }
        var path = tool.path
        for name in tool.pathArguments {
            // Percent-encoded, so a value (a campaign name with spaces or slashes) stays one segment.
            guard let value = arguments[name].map(text), !value.isEmpty,
                  let segment = value.addingPercentEncoding(withAllowedCharacters: Self.segmentCharacters) else {
                throw AgentToolError("\(tool.name) needs '\(name)'")
            }
            path = path.replacingOccurrences(of: "{\(name)}", with: segment)
        }
        var components = URLComponents()
        components.queryItems = tool.query.compactMap { name in arguments[name].map { URLQueryItem(name: name, value: text($0)) } }
        if let query = components.percentEncodedQuery, !query.isEmpty { path += "?" + query }
        let members = arguments.filter { tool.body.contains($0.key) }
        // GET and DELETE carry no body; the others send their members (`{}` when there are none).
        let body = tool.method == "GET" || tool.method == "DELETE" ? nil : try JSONSerialization.data(withJSONObject: members, options: [.sortedKeys])
        return (path, body)
    }

    /// What a path segment keeps unencoded: ASCII letters, digits, `-` and `_` (a `.` is encoded
    /// too, so no argument can be a `..` segment).
    static let segmentCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")

    static func text(_ value: Any) -> String {
        if let string = value as? String { return string }
        if let number = value as? NSNumber { return number.stringValue }
        return "\(value)"
    }

    static func toolResult(_ text: String, isError: Bool) -> [String: Any] {
        ["content": [["type": "text", "text": text]], "isError": isError]
    }

    static func result(id: Any, _ result: [String: Any]) -> [String: Any] {
        ["jsonrpc": "2.0", "id": id, "result": result]
    }

    static func error(id: Any, code: Int, message: String) -> [String: Any] {
        ["jsonrpc": "2.0", "id": id, "error": ["code": code, "message": message]]
    }

    static func encode(_ message: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: message, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
    }
}

/// Arguments a tool cannot send.
struct AgentToolError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
