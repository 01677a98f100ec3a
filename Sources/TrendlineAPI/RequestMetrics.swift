import Dispatch
import HTTPTypes
import Hummingbird
import Metrics
import TrendlineCore

/// Each request's metrics, under the names Hummingbird's `MetricsMiddleware` uses
/// (`hb.requests`, `http.server.request.duration` in seconds, `hb.request.errors`,
/// `http.server.active_requests`, with the route, method and status as dimensions), so
/// dashboards built for Hummingbird keep working. ``ErrorEnvelopeMiddleware`` records them, so
/// a failed request counts under the status its envelope answered (Hummingbird's counts every
/// error it does not know as a 500), and no middleware layer of its own is added to every
/// request (one fewer layer: 122 -> 115.5 µs of server CPU per video detail, eleventh round).
///
/// Unlike Hummingbird's, it records when the handler returns instead of wrapping the response
/// body in a closure to record after the body is written. A wrapped body cannot take the HTTP
/// server's single-write path for a one-buffer body (head, body and end in one flush) and
/// costs three writes instead; on the 95 KB video detail that was measurable
/// (docs/benchmarks.md, tenth round). The duration therefore covers the handler and the
/// middlewares inside the envelope's, not the time the body spends on the wire.
///
/// The metric objects are made once per method and per route, method and status, so a request
/// looks them up instead of asking the factory.
final class RequestMetricsCache: Sendable {
    struct Endpoint: Sendable {
        let requests: Counter
        let duration: Metrics.Timer
    }

    private struct EndpointID: Hashable {
        let route: String
        let method: HTTPRequest.Method
        let status: HTTPResponse.Status
    }

    /// Records an answered request that started at `start` (`DispatchTime` nanoseconds);
    /// a `failed` one also counts as an error of its status.
    func record(route: String, method: HTTPRequest.Method, status: HTTPResponse.Status, failed: Bool, since start: UInt64) {
        let endpoint = endpoint(route: route, method: method, status: status)
        endpoint.requests.increment()
        endpoint.duration.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start))
        if failed { errors(route: route, method: method, status: status).increment() }
    }

    private let factory: any MetricsFactory
    private let actives = MadeOnce<HTTPRequest.Method, Meter>()
    private let endpoints = MadeOnce<EndpointID, Endpoint>()
    private let errorCounters = MadeOnce<EndpointID, Counter>()

    /// Metrics go to `factory`: the process's bootstrapped one unless a registry is given.
    init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
    }

    func active(method: HTTPRequest.Method) -> Meter {
        actives.value(for: method) {
            Meter(label: "http.server.active_requests", dimensions: [("http.request.method", method.rawValue)], factory: factory)
        }
    }

    func endpoint(route: String, method: HTTPRequest.Method, status: HTTPResponse.Status) -> Endpoint {
        endpoints.value(for: EndpointID(route: route, method: method, status: status)) {
            let dimensions = [("http.route", route), ("http.request.method", method.rawValue), ("http.response.status_code", String(status.code))]
            return Endpoint(
                requests: Counter(label: "hb.requests", dimensions: dimensions, factory: factory),
                duration: Metrics.Timer(label: "http.server.request.duration", dimensions: dimensions, preferredDisplayUnit: .seconds, factory: factory))
        }
    }

    /// Made only once a request on the route fails with `status`, so successes list no zero errors.
    func errors(route: String, method: HTTPRequest.Method, status: HTTPResponse.Status) -> Counter {
        errorCounters.value(for: EndpointID(route: route, method: method, status: status)) {
            Counter(
                label: "hb.request.errors", dimensions: [("http.route", route), ("http.request.method", method.rawValue), ("error.type", String(status.code))],
                factory: factory)
        }
    }
}
