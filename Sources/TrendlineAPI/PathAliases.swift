import Hummingbird

/// Serves ContentStats' paths (`/api/v1/videos/track`, `/api/v1/usage`, ...) as the `/v1` routes
/// they name, so the curl examples users bring from that service work once the host and key are
/// changed. The rewrite happens before routing: the alias answers exactly what the `/v1` route
/// answers, with the same key check, limits and errors, and the OpenAPI document lists each
/// route once, under `/v1`.
public struct PathAliases<Builder: HTTPResponderBuilder>: HTTPResponderBuilder where Builder.Responder.Context: AliasAwareRequestContext {
    /// The prefix served as an alias, and what it stands for.
    public static var aliasPrefix: String { "/api/v1/" }
    public static var canonicalPrefix: String { "/v1/" }

    let router: Builder

    public init(_ router: Builder) {
        self.router = router
    }

    public func buildResponder() -> Responder {
        Responder(inner: router.buildResponder())
    }

    public struct Responder: HTTPResponder {
        let inner: Builder.Responder

        public func respond(to request: Request, context: Builder.Responder.Context) async throws -> Response {
            guard let path = request.head.path, let canonical = PathAliases.canonical(path) else {
                return try await inner.respond(to: request, context: context)
            }
            var head = request.head
            head.path = canonical
            var context = context
            context.aliasedPath = request.uri.path
            return try await inner.respond(to: Request(head: head, body: request.body), context: context)
        }
    }

    /// `path` (with its query) under the canonical prefix, or `nil` when it is not an alias.
    static func canonical(_ path: String) -> String? {
        guard path.hasPrefix(aliasPrefix) else { return nil }
        return canonicalPrefix + path.dropFirst(aliasPrefix.count)
    }
}

/// A request context that remembers the path a client sent when ``PathAliases`` rewrote it,
/// so errors name what the client asked for.
public protocol AliasAwareRequestContext: RequestContext {
    /// The path as sent (without its query), when it was an alias; `nil` otherwise.
    var aliasedPath: String? { get set }
}
