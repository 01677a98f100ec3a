import Foundation

extension CreatorHandle {
    /// Reads a creator as a person types one on a command line: a profile URL, or a username
    /// (`name` or `@name`) with its platform. With both, the URL's platform must be `platform`.
    public static func from(reference raw: String, platform: Platform?) -> Result<CreatorHandle, CreatorHandleError> {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        // Usernames never hold a '/'; every profile URL has one before the name.
        guard text.contains("/") else {
            guard let platform else { return .failure(.notAProfile(raw, "give a profile URL, or the username with its platform (\(supportedPlatforms.map(\.rawValue).joined(separator: ", ")))")) }
            return from(username: text, platform: platform)
        }
        let read = from(url: text)
        if case .success(let handle) = read, let platform, handle.platform != platform {
            return .failure(.notAProfile(raw, "it is a profile on \(handle.platform.displayName), not \(platform.displayName)"))
        }
        return read
    }
}
