import Foundation
import Testing
import TrendlineAPI
@testable import TrendlineAgentTools

/// Every agent tool against the API's contract (openapi.json): its request is an operation the
/// API has, each argument is a parameter or body member of that operation, and its input schema
/// names exactly the arguments the tool sends, with no value the API would refuse by its enum.
struct AgentToolCatalogueTests {
    /// The OpenAPI document, with `$ref`s into its components resolved on demand.
    struct Contract {
        let document: [String: Any]

        init() throws {
            document = try #require(try JSONSerialization.jsonObject(with: OpenAPIDocument.data) as? [String: Any])
        }

        func resolved(_ object: [String: Any]) -> [String: Any] {
            guard let reference = object["$ref"] as? String, reference.hasPrefix("#/") else { return object }
            var node: Any = document
            for key in reference.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(key)] ?? [:] }
            return resolved(node as? [String: Any] ?? [:])
        }

        func operation(_ method: String, _ path: String) -> [String: Any]? {
            ((document["paths"] as? [String: Any])?[path] as? [String: Any])?[method.lowercased()] as? [String: Any]
        }

        /// The operation's parameters `in` (path or query), by name, with their schemas.
        func parameters(of operation: [String: Any], in location: String) -> [String: [String: Any]] {
            var found: [String: [String: Any]] = [:]
            for parameter in (operation["parameters"] as? [[String: Any]] ?? []).map(resolved) where parameter["in"] as? String == location {
                if let name = parameter["name"] as? String { found[name] = resolved(parameter["schema"] as? [String: Any] ?? [:]) }
            }
            return found
        }

        /// The JSON body's members, by name, with their schemas.
        func bodyMembers(of operation: [String: Any]) -> [String: [String: Any]] {
            let body = resolved(operation["requestBody"] as? [String: Any] ?? [:])
            let schema = resolved((((body["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any]) ?? [:])
            var members: [String: [String: Any]] = [:]
            // A body may be one object, or all of several (allOf).
            for part in [schema] + (schema["allOf"] as? [[String: Any]] ?? []).map(resolved) {
                for (name, member) in part["properties"] as? [String: Any] ?? [:] { members[name] = resolved(member as? [String: Any] ?? [:]) }
            }
            return members
        }
    }

    static func inputSchema(_ tool: AgentTool) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(tool.inputSchema.utf8)) as? [String: Any], "\(tool.name)'s inputSchema is not a JSON object")
    }

    /// The enum a schema (or an array schema's items) allows, if any.
    static func allowed(_ schema: [String: Any]) -> Set<String>? {
        if let values = schema["enum"] as? [String] { return Set(values) }
        if let items = schema["items"] as? [String: Any], let values = items["enum"] as? [String] { return Set(values) }
        return nil
    }

    @Test(arguments: AgentToolCatalogue.all.map(\.name))
    func theToolIsAnOperationOfTheAPIAndSendsOnlyWhatItTakes(_ name: String) throws {
        let tool = try #require(AgentToolCatalogue.all.first { $0.name == name })
        let contract = try Contract()
        let schema = try Self.inputSchema(tool)
        let properties = try #require(schema["properties"] as? [String: Any], "\(name) has no properties")
        #expect(schema["type"] as? String == "object")
        #expect(Set(properties.keys) == Set(tool.pathArguments + tool.query + tool.body), "\(name): the schema names other arguments than the tool sends")
        #expect(Set(schema["required"] as? [String] ?? []).isSubset(of: properties.keys), "\(name) requires an argument it does not describe")
        #expect(Set(tool.pathArguments).isSubset(of: schema["required"] as? [String] ?? []), "\(name): a path argument must be required")

        // A path segment the tool fills from an enum (change_video_tracking's action) is one
        // operation per value; an id is one of the operation's path parameters.
        var paths = [tool.path]
        for argument in tool.pathArguments {
            guard let values = (properties[argument] as? [String: Any]).flatMap(Self.allowed) else { continue }
            paths = paths.flatMap { path in values.sorted().map { path.replacingOccurrences(of: "{\(argument)}", with: $0) } }
        }
        for path in paths {
            let operation = try #require(contract.operation(tool.method, path), "\(name): openapi.json has no \(tool.method) \(path)")
            let pathParameters = contract.parameters(of: operation, in: "path")
            let queryParameters = contract.parameters(of: operation, in: "query")
            let members = contract.bodyMembers(of: operation)
            for argument in tool.pathArguments where path.contains("{\(argument)}") {
                #expect(pathParameters[argument] != nil, "\(name): \(path) has no path parameter \(argument)")
            }
            for (argument, declared) in tool.query.map({ ($0, queryParameters[$0]) }) + tool.body.map({ ($0, members[$0]) }) {
                let spec = try #require(declared, "\(name): \(tool.method) \(path) takes no '\(argument)'")
                if let offered = (properties[argument] as? [String: Any]).flatMap(Self.allowed), let accepted = Self.allowed(spec) {
                    #expect(offered.isSubset(of: accepted), "\(name): '\(argument)' offers \(offered.subtracting(accepted).sorted()), which the API refuses")
                }
            }
            if tool.method == "POST" || tool.method == "PATCH" {
                #expect(!tool.body.isEmpty || operation["requestBody"] == nil || members.isEmpty, "\(name): \(path) takes a body the tool never sends")
            }
        }
    }

    @Test func toolNamesAreUniqueAndEveryReadOfTheAPIHasOne() throws {
        let names = AgentToolCatalogue.all.map(\.name)
        #expect(Set(names).count == names.count)
        // Each /v1 operation but the service's own (ping, platforms), the destructive video and
        // campaign deletes, the CSV exports (files for spreadsheets; campaign_report, list_videos
        // and video_snapshots give the same as JSON) and the MCP endpoint itself has a tool, so an agent
        // can do what a curl user can.
        let contract = try Contract()
        var covered: Set<String> = []
        for tool in AgentToolCatalogue.all {
            let schema = try Self.inputSchema(tool)
            var paths = [tool.path]
            for argument in tool.pathArguments {
                guard let values = ((schema["properties"] as? [String: Any])?[argument] as? [String: Any]).flatMap(Self.allowed) else { continue }
                paths = paths.flatMap { path in values.map { path.replacingOccurrences(of: "{\(argument)}", with: $0) } }
            }
            for path in paths { covered.insert("\(tool.method) \(path)") }
        }
        let left = Set(["GET /v1/ping", "GET /v1/platforms", "DELETE /v1/videos/{id}", "POST /v1/videos/delete", "DELETE /v1/campaigns/{name}", "GET /v1/campaigns/{name}/export", "GET /v1/videos/{id}/export", "GET /v1/videos/export", "POST /v1/mcp", "GET /v1/mcp", "DELETE /v1/mcp"])
        for (path, item) in contract.document["paths"] as? [String: Any] ?? [:] where path.hasPrefix("/v1/") {
            for method in (item as? [String: Any] ?? [:]).keys where ["get", "post", "patch", "delete"].contains(method) {
                let operation = "\(method.uppercased()) \(path)"
                #expect(covered.contains(operation) || left.contains(operation), "no agent tool for \(operation)")
            }
        }
    }

    @Test func deleteAndGetSendNoBodyAndTheOthersSendTheirMembers() throws {
        let tools = Dictionary(uniqueKeysWithValues: AgentToolCatalogue.all.map { ($0.name, $0) })
        let deleted = try MCPServer.request(for: try #require(tools["delete_webhook"]), ["id": "abc"])
        #expect(deleted.path == "/v1/webhooks/abc" && deleted.body == nil)
        let redeliver = try MCPServer.request(for: try #require(tools["redeliver_webhook"]), ["id": "abc", "delivery": "42"])
        #expect(redeliver.path == "/v1/webhooks/abc/deliveries/42/redeliver" && redeliver.body.map { String(decoding: $0, as: UTF8.self) } == "{}")
        let history = try MCPServer.request(for: try #require(tools["creator_history"]), ["id": "abc", "limit": 3])
        #expect(history.path == "/v1/creators/abc/history?limit=3" && history.body == nil)
        let updated = try MCPServer.request(for: try #require(tools["update_webhook"]), ["id": "abc", "enabled": false])
        #expect(updated.body.map { String(decoding: $0, as: UTF8.self) } == #"{"enabled":false}"#)
    }

    /// An argument a tool does not take is refused naming the one meant: agents guess names.
    @Test func anUnknownArgumentNamesTheArgumentMeant() throws {
        let tools = Dictionary(uniqueKeysWithValues: AgentToolCatalogue.all.map { ($0.name, $0) })
        let track = try #require(tools["track_videos"])
        do {
            _ = try MCPServer.request(for: track, ["urls": ["https://youtu.be/dQw4w9WgXcQ"], "duration_day": 7])
            Issue.record("accepted an argument the tool does not take")
        } catch let error as AgentToolError {
            #expect(error.description.hasPrefix("track_videos takes no argument 'duration_day' (did you mean 'duration_days'?); it takes "), "\(error)")
        }
    }

    @Test func pathArgumentsArePercentEncodedIntoOneSegment() throws {
        let tools = Dictionary(uniqueKeysWithValues: AgentToolCatalogue.all.map { ($0.name, $0) })
        let report = try #require(tools["campaign_report"])
        #expect(try MCPServer.request(for: report, ["name": "Spring launch"]).path == "/v1/campaigns/Spring%20launch")
        #expect(try MCPServer.request(for: report, ["name": "a/b"]).path == "/v1/campaigns/a%2Fb", "a slash cannot add a segment")
        #expect(try MCPServer.request(for: report, ["name": ".."]).path == "/v1/campaigns/%2E%2E", "nor can a dot segment")
        #expect(try MCPServer.request(for: report, ["name": "Été"]).path == "/v1/campaigns/%C3%89t%C3%A9")
        #expect(throws: AgentToolError.self) { try MCPServer.request(for: report, ["name": ""]) }
        #expect(try MCPServer.request(for: try #require(tools["get_video"]), ["id": "0f8e-ab"]).path == "/v1/videos/0f8e-ab", "ids stay as they are")
    }
}
