import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether the process has used up its file descriptors. SQLite says only "unable to open
/// database file" when it cannot open a connection for that reason, which read as a permission
/// problem; a process that holds many client connections reaches its limit (often 1,024) long
/// before the disk or the file is at fault.
enum DescriptorsLeft {
    /// No descriptor could be opened just now.
    static var none: Bool {
        let descriptor = open("/dev/null", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return errno == EMFILE || errno == ENFILE }
        close(descriptor)
        return false
    }

    static let problem = "the process has no file descriptors left to open the SQLite file with (too many open connections); "
        + "nothing was changed: raise its limit (ulimit -n, or LimitNOFILE= in a systemd unit)"
}
