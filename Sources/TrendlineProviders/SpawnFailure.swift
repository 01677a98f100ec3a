import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why a program could not be started, in words: Foundation reports it as a Cocoa error
/// wrapping the system's (`Error Domain=NSCocoaErrorDomain Code=512 "(null)" UserInfo=...`).
enum SpawnFailure {
    static func reason(_ error: any Error) -> String {
        let wrapped = error as NSError
        let system = (wrapped.userInfo[NSUnderlyingErrorKey] as? NSError) ?? wrapped
        guard system.domain == NSPOSIXErrorDomain else { return "\(error)" }
        if system.code == Int(EMFILE) || system.code == Int(ENFILE) {
            return "the process has no file descriptors left (too many open connections; raise its limit: ulimit -n, or LimitNOFILE= in a systemd unit)"
        }
        return String(cString: strerror(Int32(system.code)))
    }
}
