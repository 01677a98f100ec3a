import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TrendlineAgentTools

/// `/v1/mcp`: the agent tools (``AgentToolCatalogue``) over MCP's Streamable HTTP transport,
/// for agents that reach Trendline over the network instead of starting `trendline mcp`.
///
/// It sits behind the /v1 key check like any route. Each `POST` is one JSON-RPC message (or a
/// batch), answered as JSON; a notification is `202` with no body. A tool call is sent to this
/// server's own REST API with the key the request presented, so it goes through the same
/// checks, limits and envelope as a `curl` user's request, and counts against the limit there;
/// every other message (initialize, tools/list, ping...) is counted here, one request each. There are no server-sent streams (`GET` is `405`) and no sessions. A
/// browser page of another origin is refused (the `Origin` check MCP asks of HTTP servers).
struct MCPRoutes {
    let dependencies: APIDependencies
    /// One connection pool for every tool call, for the process's life.
    static let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
    static let protocolVersion = HTTPField.Name("MCP-Protocol-Version")!

    func add(to group: RouterGroup<TrendlineRequestContext>) {
        group.post("mcp", use: post)
        group.get("mcp", use: notAllowed)
        group.delete("mcp", use: notAllowed)
    }

    /// The routes above that only refuse (MCP's stream and session end), which `Allow` must
    /// not offer.
    static let refusals: [(path: String, method: HTTPRequest.Method)] = [("/v1/mcp", .get), ("/v1/mcp", .delete)]

    @Sendable func post(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        try Self.checkOrigin(request)
        if let version = request.headers[Self.protocolVersion], !MCPServer.protocolVersions.contains(version) {
            throw APIError.validation(
                "MCP protocol version '\(version)' is not supported; use one of \(MCPServer.protocolVersions.joined(separator: ", "))",
                field: Self.protocolVersion.rawName)
        }
        let body = try await RequestBody.bytes(of: request, limit: dependencies.configuration.bodyLimit)
        let cost = Self.messagesCharged(in: body)
        let limitHeaders = cost > 0 ? try await RateLimitMiddleware.take(cost, context: context, dependencies: dependencies)?.headers ?? [] : []
        guard let base = dependencies.ownAddress.baseURL, let key = APIKeyAuthMiddleware.presentedKey(in: request) else {
            throw APIError.unavailable("the MCP endpoint is not ready: the server's own address is not known yet")
        }
        let server = MCPServer(api: HTTPTrendlineAPI(client: Self.client, baseURL: base, key: key))
        let answer = await server.handle(body)
        var headers: HTTPFields = [:]
        headers.append(contentsOf: limitHeaders)
        guard let answer else { return Response(status: .accepted, headers: headers) }
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer)))
    }

    /// How many requests a body costs here: each message but a tool call (a tool call is
    /// charged when it reaches the REST API); a body that is not JSON-RPC costs one.
    static func messagesCharged(in body: Data) -> Int {
        guard let json = try? JSONSerialization.jsonObject(with: body) else { return 1 }
        let messages = (json as? [Any]) ?? [json]
        let charged = messages.filter { (($0 as? [String: Any])?["method"] as? String) != "tools/call" }.count
        return messages.isEmpty ? 1 : charged
    }

    @Sendable func notAllowed(_ request: Request, context: TrendlineRequestContext) async throws -> Response {
        var error = APIError(
            status: .methodNotAllowed, code: "METHOD_NOT_ALLOWED",
            message: "the MCP endpoint takes POST only (one JSON-RPC message per request; no server-sent stream, no sessions)")
        error.headers[.allow] = "POST, OPTIONS"
        throw error
    }

    /// A request from a browser page carries `Origin`; only a page of this server's own origin
    /// may call (a page elsewhere could otherwise use a key the browser holds for it).
    static func checkOrigin(_ request: Request) throws {
        guard let origin = request.headers[.origin] else { return }
        let host = request.head.authority
        guard let originHost = URLComponents(string: origin).flatMap(Self.authority), let host, originHost.lowercased() == host.lowercased() else {
            throw APIError(status: .forbidden, code: "FORBIDDEN_ORIGIN", message: "requests from the page at '\(origin)' are not accepted; MCP clients send no Origin, and pages must be served by this server", field: "Origin")
        }
    }

    /// `host[:port]` of a URL, as a `Host` header names it.
    static func authority(_ url: URLComponents) -> String? {
        guard let host = url.host, !host.isEmpty else { return nil }
        return url.port.map { "\(host):\($0)" } ?? host
    }
}
