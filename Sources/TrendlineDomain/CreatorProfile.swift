import Foundation

/// What a platform shows about a creator, as `POST /v1/profile` returns it.
public struct CreatorProfile: Sendable, Hashable {
    public var handle: CreatorHandle
    /// The platform's own id (TikTok secUid, YouTube channel id, Instagram pk, X user id), used
    /// for follow-up calls such as the video list.
    public var platformID: String?
    public var fullName: String?
    public var bio: String?
    public var profilePicURL: String?
    public var followers: Int64?
    public var following: Int64?
    public var postsCount: Int64?
    public var isVerified: Bool
    public var externalURL: String?
    /// Read from a listing rather than the account's own page (yt-dlp's): a field left `nil`,
    /// and the verification, were not reported, and say nothing about the account.
    public var isPartial = false

    public init(
        handle: CreatorHandle, platformID: String? = nil, fullName: String? = nil, bio: String? = nil, profilePicURL: String? = nil,
        followers: Int64? = nil, following: Int64? = nil, postsCount: Int64? = nil, isVerified: Bool = false, externalURL: String? = nil
    ) {
        self.handle = handle
        self.platformID = platformID
        self.fullName = fullName
        self.bio = bio
        self.profilePicURL = profilePicURL
        self.followers = followers
        self.following = following
        self.postsCount = postsCount
        self.isVerified = isVerified
        self.externalURL = externalURL
    }

    /// Whether the reading measured any count (followers, following, posts).
    public var hasCounts: Bool { followers != nil || following != nil || postsCount != nil }

    /// A partial reading completed with what `known` (the last profile read) says of the
    /// account's name, bio, picture, link and verification. Counts stay as read: a count that
    /// was not measured is not carried forward as a new measurement.
    public func filled(from known: CreatorProfile?) -> CreatorProfile {
        guard isPartial, let known else { return self }
        var filled = self
        filled.platformID = platformID ?? known.platformID
        filled.fullName = fullName ?? known.fullName
        filled.bio = bio ?? known.bio
        filled.profilePicURL = profilePicURL ?? known.profilePicURL
        filled.externalURL = externalURL ?? known.externalURL
        filled.isVerified = isVerified || known.isVerified
        return filled
    }
}

/// One of a creator's recent videos, with its counts when the listing carries them.
public struct ChannelVideo: Sendable, Hashable {
    /// The platform's video id.
    public var id: String
    /// The canonical video URL (trackable as it is).
    public var url: String
    public var description: String?
    public var counts: Counts
    public var createdAt: Date?

    public init(id: String, url: String, description: String? = nil, counts: Counts, createdAt: Date? = nil) {
        self.id = id
        self.url = url
        self.description = description
        self.counts = counts
        self.createdAt = createdAt
    }
}

extension Array where Element == ChannelVideo {
    /// Newest first by `createdAt` (videos without a date last), the order discovery relies on.
    /// Videos with the same date, or none, keep the listing's order: a listing without dates
    /// (YouTube's channel tab through yt-dlp) is already newest first.
    public var newestFirst: [ChannelVideo] {
        enumerated().sorted { a, b in
            let (x, y) = (a.element.createdAt ?? .distantPast, b.element.createdAt ?? .distantPast)
            return x != y ? x > y : a.offset < b.offset
        }.map(\.element)
    }
}

/// The median of recent videos' views, for `POST /v1/median-views`.
public enum MedianViews {
    /// The median of `views` (the mean of the two middle values for an even count, rounded
    /// down); `nil` for none.
    public static func median(_ views: [Int64]) -> Int64? {
        guard !views.isEmpty else { return nil }
        let sorted = views.sorted()
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return sorted[middle] }
        return sorted[middle - 1] / 2 + sorted[middle] / 2 + (sorted[middle - 1] % 2 + sorted[middle] % 2) / 2
    }
}
