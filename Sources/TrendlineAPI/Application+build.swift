import Hummingbird
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import TrendlineCore

/// Builds the router with every route of the API. Middleware order matters: the error
/// envelope wraps everything and records the request metrics (into `dependencies.metrics`
/// when set, else the bootstrapped metrics system), then gzip for clients that ask for it
/// (``ResponseCompressionMiddleware``), the 405 of a method a path does not take
/// (``MethodNotAllowedMiddleware``), then (on /v1) the API key check, the per-key rate limit
/// and the query's names (``QueryNameCheck``).
public func buildRouter(_ dependencies: APIDependencies) -> Router<TrendlineRequestContext> {
    buildRouter(dependencies, methods: RouteMethods())
}

/// The router, with its table of routes and methods left in `methods` (for ``MethodFallbacks``).
func buildRouter(_ dependencies: APIDependencies, methods: RouteMethods) -> Router<TrendlineRequestContext> {
    let router = Router(context: TrendlineRequestContext.self)
    router.add(middleware: ErrorEnvelopeMiddleware(metrics: RequestMetricsCache(factory: dependencies.metricsFactory)))
    router.add(middleware: ResponseCompressionMiddleware())
    router.add(middleware: MethodNotAllowedMiddleware(routes: methods))
    let meta = MetaRoutes(dependencies: dependencies)
    meta.addOpen(to: router)
    let v1 = router.group("v1")
        .add(middleware: APIKeyAuthMiddleware(keys: APIKeyService(repository: dependencies.repository, clock: dependencies.clock)))
        .add(middleware: RateLimitMiddleware(dependencies: dependencies))
        .add(middleware: QueryNameCheck())
    meta.addKeyed(to: v1)
    VideoRoutes(dependencies: dependencies).add(to: v1)
    PostStatsRoutes(dependencies: dependencies).add(to: v1)
    UsageRoutes(dependencies: dependencies).add(to: v1)
    WebhookRoutes(dependencies: dependencies).add(to: v1)
    CreatorLookupRoutes(dependencies: dependencies).add(to: v1)
    CreatorRoutes(dependencies: dependencies).add(to: v1)
    CampaignRoutes(dependencies: dependencies).add(to: v1)
    InboxRoutes(dependencies: dependencies).add(to: v1)
    MCPRoutes(dependencies: dependencies).add(to: v1)
    methods.fill(from: router, refusals: MCPRoutes.refusals)
    return router
}

/// The router with ContentStats' `/api/v1/...` paths served as the `/v1` routes they name
/// (see ``PathAliases``), and `HEAD`, `OPTIONS` and `405` answered from its table (see
/// ``MethodFallbacks``): what the HTTP server answers with.
public func buildResponder(_ dependencies: APIDependencies) -> PathAliases<MethodFallbacks> {
    let methods = RouteMethods()
    return PathAliases(MethodFallbacks(buildRouter(dependencies, methods: methods), routes: methods))
}

/// The HTTP application: the router (with its path aliases) on `host:port`, plus any extra
/// services (the worker) that share its lifecycle and graceful shutdown. Repeated video details
/// are answered by `immediate`, or when it is `nil` by ``ImmediateDetailAnswers`` made from
/// `dependencies` (none where the store cannot answer that way). `onListening` runs once the
/// server listens, so what it prints (the demo's key and commands) is true by then.
public func buildApplication(
    _ dependencies: APIDependencies, host: String, port: Int, services: [any Service] = [], logger: Logger,
    immediate: ImmediateDetailAnswers? = nil, onListening: @escaping @Sendable () async -> Void = {}
) -> some ApplicationProtocol {
    Application(
        router: buildResponder(dependencies),
        server: .trendlineAPI(answering: immediate ?? ImmediateDetailAnswers(dependencies: dependencies, serverName: serverName)),
        configuration: .init(address: .hostname(host, port: port), serverName: serverName),
        services: services,
        onServerRunning: { channel in
            dependencies.ownAddress.record(channel.localAddress)
            await onListening()
        },
        logger: logger)
}

/// The `Server` header of the API's answers, the router's and the immediate ones alike.
let serverName = "trendline"

/// The router of a worker node: only `/health` and `/metrics`, so a worker can be monitored
/// like an API node without serving the API.
public func buildHealthRouter(_ dependencies: APIDependencies) -> Router<TrendlineRequestContext> {
    let router = Router(context: TrendlineRequestContext.self)
    router.add(middleware: ErrorEnvelopeMiddleware())
    router.add(middleware: ResponseCompressionMiddleware())
    MetaRoutes(dependencies: dependencies).addHealth(to: router)
    return router
}
