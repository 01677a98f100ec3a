import HTTPTypes
import Hummingbird

/// A method a path does not take is `405 METHOD_NOT_ALLOWED` with `Allow`, where the router
/// alone says `404` as if the path did not exist. Inside the error middleware, so the answer is
/// in the envelope and the request metrics count a 405 (made after the router, it was counted
/// as the router's 404).
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = TrendlineRequestContext
    let routes: RouteMethods

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && [nil, "NotFound"].contains(context.endpointPath) {
            // No route matched (Hummingbird's not-found responder names the endpoint "NotFound"):
            // the path may exist for other methods.
            let method = context.askedMethod ?? request.method
            guard let route = routes.route(of: request.uri.path), !route.methods.contains(method.rawValue) else { throw error }
            let allowed = route.methods.joined(separator: ", ")
            // Counted under the route it is, not as an unknown path.
            context.coreContext.endpointPath.value = route.path
            var refusal = APIError(
                status: .methodNotAllowed, code: "METHOD_NOT_ALLOWED",
                message: "\(context.aliasedPath ?? request.uri.path) does not take \(method); it takes \(allowed)")
            refusal.headers[.allow] = allowed
            throw refusal
        }
    }
}
