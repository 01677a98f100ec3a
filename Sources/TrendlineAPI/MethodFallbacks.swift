import HTTPTypes
import Hummingbird

/// What HTTP asks of a server beyond the routes themselves: `HEAD` answered wherever `GET` is
/// (its headers, no body: `curl -I`, load balancers' checks), `OPTIONS` answered `204` with
/// `Allow`, and a method a path does not take answered `405 METHOD_NOT_ALLOWED` with `Allow`
/// in the error envelope, where the router alone says `404` as if the path did not exist.
/// It reads the router's own table, so it cannot drift from it.
public struct MethodFallbacks: HTTPResponderBuilder {
    public typealias Context = TrendlineRequestContext

    let router: Router<Context>
    /// Routes that exist only to refuse their method with a 405 of their own (MCP's `GET` and
    /// `DELETE`, ``MCPRoutes/refusals``): left out of `Allow`, which would otherwise offer them.
    let refusals: [(path: String, method: HTTPRequest.Method)]

    public init(_ router: Router<Context>, refusals: [(path: String, method: HTTPRequest.Method)] = []) {
        self.router = router
        self.refusals = refusals
    }

    public func buildResponder() -> Responder {
        let table = router.routes
            .filter { route in !refusals.contains { $0.path == route.path.description && $0.method == route.method } }
            .map { route in
                (pattern: PathPattern(route.path.description), method: route.method)
            }
        return Responder(inner: router.buildResponder(), routes: table)
    }

    public struct Responder: HTTPResponder {
        let inner: RouterResponder<Context>
        let routes: [(pattern: PathPattern, method: HTTPRequest.Method)]

        public func respond(to request: Request, context: Context) async throws -> Response {
            var asked = request
            if request.method == .head {
                var head = request.head
                head.method = .get
                asked = Request(head: head, body: request.body)
            } else if request.method == .options {
                let allowed = allowedMethods(request.uri.path)
                if !allowed.isEmpty { return Response(status: .noContent, headers: [.allow: allowed.joined(separator: ", ")]) }
            }
            var response = try await inner.respond(to: asked, context: context)
            if response.status == .notFound { response = methodNotAllowed(request, context: context, instead: response) }
            if request.method == .head {
                // The GET's length is announced and nothing is written: a HEAD answer has no body.
                response.body = ResponseBody(contentLength: response.body.contentLength) { writer in try await writer.finish(nil) }
            }
            return response
        }

        /// A 405 with `Allow` when the router's 404 came from a path that exists but does not
        /// take this method; else the 404 as it was.
        func methodNotAllowed(_ request: Request, context: Context, instead notFound: Response) -> Response {
            let allowed = allowedMethods(request.uri.path)
            guard !allowed.isEmpty, !allowed.contains(request.method.rawValue) else { return notFound }
            var error = APIError(
                status: .methodNotAllowed, code: "METHOD_NOT_ALLOWED",
                message: "\(context.aliasedPath ?? request.uri.path) does not take \(request.method); it takes \(allowed.joined(separator: ", "))")
            error.headers[.allow] = allowed.joined(separator: ", ")
            var context = context
            context.requestID = notFound.headers[.xRequestID] ?? ErrorEnvelopeMiddleware.requestID(from: request)
            var refused = ErrorEnvelopeMiddleware.failure(error, request: request, context: context)
            refused.headers[.xRequestID] = context.requestID
            return refused
        }

        /// The methods the route that `path` resolves to takes, `HEAD` and `OPTIONS` with them;
        /// empty when no route has this path. Like the router, a path resolves to its most
        /// specific pattern: `/v1/videos/track` is the track route, not `/v1/videos/{id}`.
        func allowedMethods(_ path: String) -> [String] {
            guard let best = PathPattern.best(of: routes.map(\.pattern), for: path) else { return [] }
            let methods = Set(routes.filter { $0.pattern == best }.map(\.method.rawValue))
            let order = ["GET", "HEAD", "POST", "PATCH", "DELETE", "OPTIONS"]
            return order.filter { methods.contains($0) || ($0 == "HEAD" && methods.contains("GET")) || $0 == "OPTIONS" }
        }
    }
}
