import HTTPTypes
import Hummingbird
import Synchronization

/// The methods each of the router's paths takes, read from the router's own table so it cannot
/// drift from it: for `OPTIONS`' and a 405's `Allow`. Filled once the router has every route
/// (``fill(from:refusals:)``), since the middleware that reads it is added before them.
final class RouteMethods: Sendable {
    private let routes = Mutex<[(path: String, pattern: PathPattern, method: HTTPRequest.Method)]>([])

    init() {}

    /// Takes the table of `router`. `refusals` are routes that exist only to refuse their method
    /// with a 405 of their own (MCP's `GET` and `DELETE`, ``MCPRoutes/refusals``): left out of
    /// `Allow`, which would otherwise offer them.
    func fill(from router: Router<TrendlineRequestContext>, refusals: [(path: String, method: HTTPRequest.Method)]) {
        let table = router.routes
            .filter { route in !refusals.contains { $0.path == route.path.description && $0.method == route.method } }
            .map { route in (path: route.path.description, pattern: PathPattern(route.path.description), method: route.method) }
        routes.withLock { $0 = table }
    }

    /// The methods the route that `path` resolves to takes, `HEAD` and `OPTIONS` with them;
    /// empty when no route has this path. Like the router, a path resolves to its most
    /// specific pattern: `/v1/videos/track` is the track route, not `/v1/videos/{id}`.
    func allowed(_ path: String) -> [String] {
        route(of: path)?.methods ?? []
    }

    /// The route `path` resolves to, as the router names it (`/v1/videos/{id}`), and its methods.
    func route(of path: String) -> (path: String, methods: [String])? {
        let routes = routes.withLock { $0 }
        guard let best = PathPattern.best(of: routes.map(\.pattern), for: path) else { return nil }
        let matching = routes.filter { $0.pattern == best }
        let methods = Set(matching.map(\.method.rawValue))
        let order = ["GET", "HEAD", "POST", "PATCH", "DELETE", "OPTIONS"]
        return (matching[0].path, order.filter { methods.contains($0) || ($0 == "HEAD" && methods.contains("GET")) || $0 == "OPTIONS" })
    }
}
