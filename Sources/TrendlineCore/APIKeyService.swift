import Crypto
import Foundation
import TrendlineDomain
import TrendlineStore

/// Issues, checks and revokes API keys. Keys look like `tl_live_` + 32 base62 characters; only
/// their SHA-256 is stored, so a key is shown once, when it is created.
public struct APIKeyService: Sendable {
    public static let keyPrefix = "tl_live_"
    /// Characters of the random part shown in listings.
    static let visibleRandomCharacters = 8
    static let randomLength = 32
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    let repository: any TrendlineRepository
    let clock: WallClock

    public init(repository: any TrendlineRepository, clock: WallClock = .system) {
        self.repository = repository
        self.clock = clock
    }

    /// A newly created key: `secret` is shown once and never stored.
    public struct IssuedKey: Sendable {
        public let key: APIKey
        public let secret: String
    }

    /// Creates a key for the account named `accountName`.
    public func createKey(accountName: String, name: String? = nil, readOnly: Bool = false) async throws -> IssuedKey {
        guard let account = try await repository.account(named: accountName) else {
            throw AdminError.unknownAccount(accountName)
        }
        return try await createKey(accountID: account.id, name: name ?? "default", readOnly: readOnly)
    }

    /// A new key for the account; `readOnly` makes one that can read but change nothing (``KeyAccess``).
    public func createKey(accountID: UUID, name: String, readOnly: Bool = false) async throws -> IssuedKey {
        var generator = SystemRandomNumberGenerator()
        let random = String((0..<Self.randomLength).map { _ in Self.alphabet.randomElement(using: &generator)! })
        let secret = Self.keyPrefix + random
        let key = APIKey(
            id: UUIDText.random(), accountID: accountID, name: name,
            prefix: String(secret.prefix(Self.keyPrefix.count + Self.visibleRandomCharacters)),
            hash: Self.hash(secret), createdAt: clock.now, readOnly: readOnly)
        try await repository.insertKey(key)
        return IssuedKey(key: key, secret: secret)
    }

    /// The account a presented key belongs to, or why it is refused.
    public func authenticate(_ presented: String) async throws -> Result<(Account, APIKey), AuthenticationFailure> {
        guard Self.isWellFormed(presented) else { return .failure(.unknownKey) }
        guard let (key, account) = try await repository.keyWithAccount(hash: Self.hash(presented)) else { return .failure(.unknownKey) }
        guard !key.isRevoked else { return .failure(.revokedKey) }
        let now = clock.now
        if Self.needsTouch(key, at: now) {
            // Bookkeeping: a store that cannot write (a full disk) must not turn every read
            // into an error. The next request records the use instead.
            try? await repository.touchKey(id: key.id, at: now)
        }
        return .success((account, key))
    }

    /// Whether `presented` has the shape of a key this service makes (no store lookup otherwise).
    public static func isWellFormed(_ presented: String) -> Bool {
        presented.hasPrefix(keyPrefix) && presented.utf8.count == keyPrefix.utf8.count + randomLength
    }

    /// Whether using `key` at `now` should be recorded: the store records use at most once a
    /// minute, so the write is skipped while the key says it was used recently.
    public static func needsTouch(_ key: APIKey, at now: Date) -> Bool {
        key.lastUsedAt.map { now.timeIntervalSince($0) >= 60 || now < $0 } ?? true
    }

    /// Lowercase hex SHA-256 of the key, hashed from the string's own bytes (every
    /// authenticated request hashes its key; copying it into `Data` first was an allocation each).
    public static func hash(_ secret: String) -> String {
        var secret = secret
        return LowercaseHex.string(secret.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)) })
    }
}

/// Why a presented API key is not accepted.
public enum AuthenticationFailure: Error, Sendable, Equatable {
    case missingKey
    case unknownKey
    case revokedKey

    public var message: String {
        switch self {
        case .missingKey: return "an API key is required: send 'Authorization: Bearer KEY' or 'X-API-Key: KEY'"
        case .unknownKey: return "the API key is not valid"
        case .revokedKey: return "the API key has been revoked"
        }
    }
}

/// Errors of the administrative commands (accounts and keys).
public enum AdminError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownAccount(String)
    case invalidAccountName(String)
    case unknownKey(String)
    case unknownPlan(String, known: [String])
    case invalidAmount(String)

    public var description: String {
        switch self {
        case .unknownPlan(let plan, let known):
            return "no plan named '\(plan)' in the config (plans: \(known.joined(separator: ", ")))"
        case .invalidAmount(let text):
            return "'\(text)' is not an amount: use a non-zero decimal such as 10 or 2.52 (negative to take credit back)"
        case .unknownAccount(let name): return "no account named '\(name)'; create it with: trendline accounts create \(name)"
        case .invalidAccountName(let name): return "'\(name)' is not a valid account name: use 1-64 letters, digits, '-', '_' or '.'"
        case .unknownKey(let key): return "no key with id or prefix '\(key)'"
        }
    }
}
