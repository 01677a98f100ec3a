import Foundation
import Hummingbird
import TrendlineDomain

/// Refuses a query parameter that is a near miss of one the route reads: `?platfrom=tiktok`
/// listed every video, as if no filter had been asked for. The names each operation reads are
/// the OpenAPI document's (its `in: query` parameters), so the contract decides. A name that is
/// near none of them (a cache buster, a tracking tag) is left alone: only a typo is refused,
/// `400 VALIDATION_ERROR` naming the parameter and the one meant.
struct QueryNameCheck: RouterMiddleware {
    typealias Context = TrendlineRequestContext

    /// The query parameters of each operation: by method, the path patterns and their names.
    let operations: [String: [PathPattern: [String]]]

    init(operations: [String: [PathPattern: [String]]] = Self.documented) {
        self.operations = operations
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let query = request.uri.query, !query.isEmpty {
            try check(request)
        }
        return try await next(request, context)
    }

    func check(_ request: Request) throws {
        let method = request.method == .head ? "GET" : request.method.rawValue
        guard let byPath = operations[method], let pattern = PathPattern.best(of: byPath.keys, for: request.uri.path),
              let names = byPath[pattern] else { return }
        for (name, _) in request.uri.queryParameters {
            let name = String(name)
            guard !names.contains(name), let meant = NearestName.among(names, to: name) else { continue }
            throw APIError.validation("unknown query parameter '\(name.prefix(100))' (did you mean '\(meant)'?); this request takes \(names.joined(separator: ", "))", field: name)
        }
    }

    /// The query parameters the OpenAPI document gives each operation.
    static let documented: [String: [PathPattern: [String]]] = {
        guard let document = try? JSONSerialization.jsonObject(with: OpenAPIDocument.data) as? [String: Any],
              let paths = document["paths"] as? [String: [String: Any]] else { return [:] }
        var operations: [String: [PathPattern: [String]]] = [:]
        for (path, item) in paths {
            for (method, operation) in item {
                guard let operation = operation as? [String: Any] else { continue }
                let parameters = operation["parameters"] as? [[String: Any]] ?? []
                let names = parameters.filter { $0["in"] as? String == "query" }.compactMap { $0["name"] as? String }
                operations[method.uppercased(), default: [:]][PathPattern(path)] = names
            }
        }
        return operations
    }()
}
