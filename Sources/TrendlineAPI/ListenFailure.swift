import Foundation
import NIOCore

/// A server that could not listen on its address, said in one line for the terminal instead of
/// NIO's `bind(descriptor:ptr:bytes:): Address already in use (errno: 98)`.
public struct ListenFailure: Error, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let reason: String

    public var description: String { "cannot listen on \(host):\(port): \(reason)" }

    /// Runs `body` (a server's run) and turns the socket errors of binding into a
    /// ``ListenFailure`` that says what to do; other errors pass through.
    public static func explained<T>(host: String, port: Int, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch is SocketAddressError.UnknownHost {
            throw ListenFailure(host: host, port: port, reason: "no such host; check --host (an address of this machine, or 0.0.0.0 for all)")
        } catch let error as IOError {
            switch error.errnoCode {
            case EADDRINUSE:
                throw ListenFailure(host: host, port: port, reason: "the address is in use (another trendline, or another program, listens there); stop it or choose another --port")
            case EACCES:
                throw ListenFailure(host: host, port: port, reason: "permission denied (ports below 1024 need privileges); choose another --port")
            case EADDRNOTAVAIL:
                throw ListenFailure(host: host, port: port, reason: "no network interface of this machine has that address; check --host")
            default:
                throw error
            }
        }
    }
}
