import HTTPTypes
import Hummingbird
import TrendlineCore

/// Requires an API key on every /v1 route, as `Authorization: Bearer KEY` or `X-API-Key: KEY`,
/// and puts its account in the context. Missing, unknown or revoked keys get 401.
struct APIKeyAuthMiddleware: RouterMiddleware {
    typealias Context = TrendlineRequestContext
    let keys: APIKeyService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let presented = Self.presentedKey(in: request) else {
            throw APIError.unauthorized(AuthenticationFailure.missingKey.message)
        }
        switch try await keys.authenticate(presented) {
        case .failure(let failure):
            throw APIError.unauthorized(failure.message)
        case .success(let (account, key)):
            var context = context
            context.account = account
            context.apiKeyID = key.id
            return try await next(request, context)
        }
    }

    static func presentedKey(in request: Request) -> String? {
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                let key = parts[1].trimmingCharacters(in: .whitespaces)
                if !key.isEmpty { return key }
            }
        }
        if let key = request.headers[.xAPIKey]?.trimmingCharacters(in: .whitespaces), !key.isEmpty {
            return key
        }
        return nil
    }
}
