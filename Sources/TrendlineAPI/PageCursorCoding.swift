import Foundation
import TrendlineDomain
import TrendlineStore

/// Opaque cursors: base64url of the position, so clients pass them back unchanged.
enum CursorCoding {
    static func encode(_ cursor: PageCursor) -> String {
        base64url("\(cursor.createdAt.millisecondsSince1970).\(UUIDText.lowercase(cursor.id))")
    }

    /// A cursor of a list ordered by `order`: a counter's order carries the value too
    /// (`views.1200.<ms>.<id>`), so a cursor only continues the order it came from.
    static func encode(_ cursor: PageCursor, order: TrackingOrder) -> String {
        guard order != .newest, let value = cursor.sortValue else { return encode(cursor) }
        return base64url("\(order.rawValue).\(value).\(cursor.createdAt.millisecondsSince1970).\(UUIDText.lowercase(cursor.id))")
    }

    static func decodePage(_ text: String, order: TrackingOrder) -> PageCursor? {
        guard order != .newest else { return decodePage(text) }
        guard let plain = unbase64url(text) else { return nil }
        let parts = plain.split(separator: ".", maxSplits: 3)
        guard parts.count == 4, parts[0] == order.rawValue, let value = Int64(parts[1]), let ms = Int64(parts[2]), let id = UUIDText.parse(String(parts[3]))
        else { return nil }
        return PageCursor(createdAt: Date(millisecondsSince1970: ms), id: id, sortValue: value)
    }

    static func decodePage(_ text: String) -> PageCursor? {
        guard let plain = unbase64url(text) else { return nil }
        let parts = plain.split(separator: ".", maxSplits: 1)
        guard parts.count == 2, let ms = Int64(parts[0]), let id = UUIDText.parse(String(parts[1])) else { return nil }
        return PageCursor(createdAt: Date(millisecondsSince1970: ms), id: id)
    }

    static func encodeSnapshot(after date: Date) -> String {
        base64url("s\(date.millisecondsSince1970)")
    }

    static func decodeSnapshot(_ text: String) -> Date? {
        guard let plain = unbase64url(text), plain.hasPrefix("s"), let ms = Int64(plain.dropFirst()) else { return nil }
        return Date(millisecondsSince1970: ms)
    }

    private static func base64url(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private static func unbase64url(_ text: String) -> String? {
        guard text.count <= 200 else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
