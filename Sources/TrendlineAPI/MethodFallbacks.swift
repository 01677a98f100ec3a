import HTTPTypes
import Hummingbird

/// What HTTP asks of a server beyond the routes themselves: `HEAD` answered wherever `GET` is
/// (its headers, no body: `curl -I`, load balancers' checks), `OPTIONS` answered `204` with
/// `Allow` (``RouteMethods``, the router's own table). A method a path does not take is the
/// router's 405 (``MethodNotAllowedMiddleware``), told which method the client sent.
public struct MethodFallbacks: HTTPResponderBuilder {
    public typealias Context = TrendlineRequestContext

    let router: Router<Context>
    /// The router's table, the one its ``MethodNotAllowedMiddleware`` reads.
    let routes: RouteMethods

    init(_ router: Router<Context>, routes: RouteMethods) {
        self.router = router
        self.routes = routes
    }

    public func buildResponder() -> Responder {
        Responder(inner: router.buildResponder(), routes: routes)
    }

    public struct Responder: HTTPResponder {
        let inner: RouterResponder<Context>
        let routes: RouteMethods

        public func respond(to request: Request, context: Context) async throws -> Response {
            var asked = request
            var context = context
            if request.method == .head {
                var head = request.head
                head.method = .get
                asked = Request(head: head, body: request.body)
                context.askedMethod = .head
            } else if request.method == .options {
                let allowed = routes.allowed(request.uri.path)
                if !allowed.isEmpty { return Response(status: .noContent, headers: [.allow: allowed.joined(separator: ", ")]) }
            }
            var response = try await inner.respond(to: asked, context: context)
            if request.method == .head {
                // The GET's length is announced and nothing is written: a HEAD answer has no body.
                response.body = ResponseBody(contentLength: response.body.contentLength) { writer in try await writer.finish(nil) }
            }
            return response
        }
    }
}
