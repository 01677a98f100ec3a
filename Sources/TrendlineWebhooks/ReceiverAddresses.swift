import Foundation
import NIOPosix
import TrendlineDomain

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The addresses a receiver's host name resolves to, checked before each delivery: a webhook
/// URL's name is checked as text when it is saved, but a public-looking name can resolve to
/// 127.0.0.1, 10.x or the cloud's 169.254.169.254, which would let an account reach this
/// machine's private network through its webhooks. The delivery then connects to the address
/// checked here (``PinnedClients``), not to a second answer for the same name.
enum ReceiverAddresses {
    /// `url`'s host and the first address it resolves to through `resolve`. Throws
    /// ``WebhookTargetError/privateAddress(_:)`` when any of its addresses is one `policy`
    /// refuses, or ``ReceiverNotResolved`` when it does not resolve.
    static func pin(_ url: String, policy: WebhookTargetPolicy, resolve: @escaping @Sendable (String) throws -> [String]) async throws -> PinnedTarget {
        guard let host = URL(string: url)?.host, !host.isEmpty else { throw ReceiverNotResolved(host: url, reason: "the URL names no host") }
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let addresses = try await NIOThreadPool.singleton.runIfActive { try resolve(bare) }
        if !policy.allowPrivateAddresses {
            for address in addresses {
                if let why = WebhookTargetPolicy.privateAddressReason(address) {
                    throw WebhookTargetError.privateAddress("'\(host)' resolves to \(address), \(why); only public addresses can receive webhooks here")
                }
            }
        }
        guard let address = preferred(addresses) else { throw ReceiverNotResolved(host: bare, reason: "no address") }
        return PinnedTarget(host: bare, address: address)
    }

    /// The address a delivery connects to: one of the IPv4 ones, else one of all, chosen at
    /// random. The pinned connection tries one address only (no happy eyeballs across them):
    /// IPv4 is the one a receiver reachable from servers answers on (a dual-stack name whose
    /// IPv6 route is broken here would otherwise fail every delivery), and a random pick among a
    /// load-balanced receiver's addresses lets a retry reach a live one when another is down,
    /// as the DNS's own rotation would.
    static func preferred(_ addresses: [String]) -> String? {
        let ipv4 = addresses.filter { !$0.contains(":") }
        return (ipv4.isEmpty ? addresses : ipv4).randomElement()
    }

    /// Every address `host` resolves to, as numeric text (getaddrinfo, which blocks: run it off
    /// the cooperative pool).
    static func resolve(_ host: String) throws -> [String] {
        var hints = addrinfo()
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0, let first = list else {
            throw ReceiverNotResolved(host: host, reason: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(first) }
        var addresses: [String] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(entry.pointee.ai_addr, entry.pointee.ai_addrlen, &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST) == 0 {
                addresses.append(String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
            }
            cursor = entry.pointee.ai_next
        }
        return addresses
    }
}

/// A receiver's host name (as AsyncHTTPClient reads it from the URL, without IPv6 brackets) and
/// the address a delivery connects to.
struct PinnedTarget: Hashable, Sendable {
    let host: String
    let address: String
}

/// A receiver's host name that does not resolve: the delivery fails and is retried.
struct ReceiverNotResolved: Error, CustomStringConvertible {
    let host: String
    let reason: String
    var description: String { "cannot resolve '\(host)': \(reason)" }
}
