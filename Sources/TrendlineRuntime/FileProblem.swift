import Foundation

/// What went wrong with a file or directory, in words: Foundation's errors print as
/// `Error Domain=NSCocoaErrorDomain Code=513 "You don't have permission." UserInfo={...}`.
enum FileProblem {
    /// The operating system's reason (`Permission denied`), a JSON parser's detail, the few
    /// file errors Foundation raises on Linux in plain words, else the error's own description.
    static func reason(_ error: any Error) -> String {
        let error = error as NSError
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if error.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(error.code))) }
        if let detail = error.userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        if error.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: error.code) {
            case .fileWriteNoPermission, .fileReadNoPermission: return "permission denied"
            case .fileWriteFileExists: return "a file of that name is in the way"
            case .fileReadNoSuchFile, .fileNoSuchFile: return "no such file or directory"
            default: break
            }
        }
        return error.localizedDescription
    }
}
