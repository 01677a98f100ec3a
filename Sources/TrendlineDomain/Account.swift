import Foundation

/// A tenant: owns API keys and trackings. Accounts never see each other's data.
public struct Account: Sendable, Hashable {
    public var id: UUID
    public var name: String
    public var createdAt: Date
    /// The name of the assigned plan; `nil` uses the operator's default plan.
    public var plan: String?
    /// Credit left, when the account's plan uses credits.
    public var balance: Money

    public init(id: UUID, name: String, createdAt: Date, plan: String? = nil, balance: Money = .zero) {
        self.id = id
        self.name = name
        self.createdAt = createdAt.truncatedToMilliseconds
        self.plan = plan
        self.balance = balance
    }
}

/// An API key as stored: never the key itself, only its SHA-256 hash and a short prefix to
/// recognise it by.
public struct APIKey: Sendable, Hashable {
    public var id: UUID
    public var accountID: UUID
    public var name: String
    /// The first characters of the key (e.g. `tl_live_Ab3d`), safe to show.
    public var prefix: String
    /// Lowercase hex SHA-256 of the full key.
    public var hash: String
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?
    /// The key reads and cannot change anything (``KeyAccess``): one to give a client who
    /// should see a campaign's figures, not track, stop or delete.
    public var readOnly: Bool

    public init(
        id: UUID, accountID: UUID, name: String, prefix: String, hash: String, createdAt: Date, lastUsedAt: Date? = nil, revokedAt: Date? = nil,
        readOnly: Bool = false
    ) {
        self.readOnly = readOnly
        self.id = id
        self.accountID = accountID
        self.name = name
        self.prefix = prefix
        self.hash = hash
        self.createdAt = createdAt.truncatedToMilliseconds
        self.lastUsedAt = lastUsedAt?.truncatedToMilliseconds
        self.revokedAt = revokedAt?.truncatedToMilliseconds
    }

    public var isRevoked: Bool { revokedAt != nil }
}
