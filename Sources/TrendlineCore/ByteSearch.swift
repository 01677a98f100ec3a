import Foundation

/// Finds a byte string in bytes, fast: used to find markers in fetched pages and placeholders in
/// encoded JSON. The standard `firstRange(of:)` is generic per element and was 6 % of the API's
/// time on the video detail (docs/benchmarks.md).
public enum ByteSearch {
    /// The absolute index of the first `needle` in `haystack` at or after `start`. `memchr`
    /// finds candidates for the first byte (vectorised), `memcmp` checks the rest.
    public static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>, from start: Int) -> Int? {
        guard start >= haystack.startIndex, start <= haystack.endIndex, !needle.isEmpty else { return nil }
        return haystack.withUnsafeBytes { hay in
            needle.withUnsafeBytes { pin in
                guard let base = hay.baseAddress else { return nil }
                var offset = start - haystack.startIndex
                while offset + pin.count <= hay.count {
                    guard let candidate = memchr(base + offset, Int32(pin[0]), hay.count - pin.count + 1 - offset) else { return nil }
                    let position = UnsafeRawPointer(candidate) - base
                    // In JSON the first byte is often a quote, found everywhere: check the second
                    // byte inline before calling memcmp.
                    if pin.count == 1 || hay[position + 1] == pin[1], memcmp(base + position, pin.baseAddress!, pin.count) == 0 {
                        return haystack.startIndex + position
                    }
                    offset = position + 1
                }
                return nil
            }
        }
    }
}
