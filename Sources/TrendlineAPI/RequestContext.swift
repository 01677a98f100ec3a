import Foundation
import Hummingbird
import Logging
import NIOCore
import TrendlineCore
import TrendlineDomain

/// The per-request state: the request id every response echoes, and the account the API key
/// authenticated (set by ``APIKeyAuthMiddleware`` on /v1 routes).
public struct TrendlineRequestContext: AliasAwareRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Echoed in `X-Request-Id` and in every envelope.
    public var requestID: String
    public var account: Account?
    /// The path the client sent when it was an alias of a `/v1` one (``PathAliases``).
    public var aliasedPath: String?
    /// The method the client sent when the router is asked another (`HEAD` asked as `GET`,
    /// ``MethodFallbacks``).
    public var askedMethod: HTTPRequest.Method?
    /// The API key that authenticated the request (rate limits are per key).
    public var apiKeyID: UUID?
    /// Whether that key is read-only (``KeyAccess``).
    public var readOnlyKey = false
    /// The key's request bucket after this request took from it (set by the rate limiter).
    public var requestBudget: RequestBudget?
    /// The connection the request came on (``SplicedBodies`` leaves prefixes for it); `nil`
    /// where the body must be one buffer (``ResponseCompressionMiddleware`` compresses it).
    var channel: (any Channel)?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.requestID = ""
        self.account = nil
        self.apiKeyID = nil
        self.requestBudget = nil
        self.aliasedPath = nil
        self.channel = source.channel
    }

    /// The authenticated account; only call on routes behind ``APIKeyAuthMiddleware``.
    func requireAccount() throws -> Account {
        guard let account else { throw APIError.unauthorized(AuthenticationFailure.missingKey.message) }
        return account
    }
}

/// A key's requests-per-minute limit and its bucket as the rate limiter left it.
public struct RequestBudget: Sendable {
    public var limit: Int
    public var bucket: TokenBucket
}
