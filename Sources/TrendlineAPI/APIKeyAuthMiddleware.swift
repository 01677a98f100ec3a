import HTTPTypes
import Hummingbird
import TrendlineCore
import TrendlineDomain

/// Requires an API key on every /v1 route, as `Authorization: Bearer KEY` or `X-API-Key: KEY`,
/// and puts its account in the context. Missing, unknown or revoked keys get 401; a read-only
/// key asking for a change gets 403 `READ_ONLY_KEY` (``KeyAccess``).
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
            if key.readOnly, !KeyAccess.readOnlyAllows(method: request.method.rawValue, path: request.uri.path) {
                throw APIError.readOnlyKey(method: request.method.rawValue, path: context.aliasedPath ?? request.uri.path)
            }
            var context = context
            context.readOnlyKey = key.readOnly
            context.account = account
            context.apiKeyID = key.id
            return try await next(request, context)
        }
    }

    /// The key of `Authorization: Bearer KEY` (the scheme in any case) or else of `X-API-Key`,
    /// without surrounding spaces or tabs. Read over the header's bytes: the split, lowercasing
    /// and Foundation trimming this replaces were 3 % of a video detail's cost (perf).
    static func presentedKey(in request: Request) -> String? {
        presentedKey(authorization: request.headers[.authorization], apiKey: request.headers[.xAPIKey])
    }

    static func presentedKey(authorization: String?, apiKey: String?) -> String? {
        if let authorization, let key = bearerToken(authorization) { return key }
        if let apiKey, let key = trimmed(Substring(apiKey)) { return key }
        return nil
    }

    /// The token after `Bearer ` (one or more spaces), or `nil` for any other scheme or none.
    static func bearerToken(_ value: String) -> String? {
        let bytes = value.utf8
        var start = bytes.startIndex
        while start != bytes.endIndex, isBlank(bytes[start]) { start = bytes.index(after: start) }
        guard let space = bytes[start...].firstIndex(of: UInt8(ascii: " ")) else { return nil }
        let scheme = bytes[start..<space]
        guard scheme.count == 6, zip(scheme, "bearer".utf8).allSatisfy({ $0 | 0x20 == $1 }) else { return nil }
        return trimmed(Substring(value[space...]))
    }

    private static func trimmed(_ text: Substring) -> String? {
        let bytes = text.utf8
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) }) else { return nil }
        return String(text[first...last])
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }
}
