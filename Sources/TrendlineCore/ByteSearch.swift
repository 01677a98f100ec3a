import Foundation

/// Finds a byte string in bytes, fast: used to find markers in fetched pages and placeholders in
/// encoded JSON. The standard `firstRange(of:)` is generic per element and was 6 % of the API's
/// time on the video detail (docs/benchmarks.md).
public enum ByteSearch {
    /// The absolute index of the first `needle` in `haystack` at or after `start`.
    ///
    /// `memchr` (vectorised) finds candidates for the needle's rarest byte in HTML and JSON, and
    /// `memcmp` checks the whole needle around each. Anchoring on the first byte made a TikTok
    /// page's `"webapp.video-detail"` cost 20,000 candidates (one per quote before it); its `-`
    /// has 400.
    public static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>, from start: Int) -> Int? {
        guard start >= haystack.startIndex, start <= haystack.endIndex, !needle.isEmpty else { return nil }
        let anchor = anchorIndex(needle)
        return haystack.withUnsafeBytes { hay in
            needle.withUnsafeBytes { pin in
                guard let base = hay.baseAddress else { return nil }
                let last = hay.count - pin.count  // the last position a match can start at
                var position = start - haystack.startIndex
                while position <= last {
                    guard let found = memchr(base + position + anchor, Int32(pin[anchor]), last - position + 1) else { return nil }
                    let candidate = UnsafeRawPointer(found) - base - anchor
                    if memcmp(base + candidate, pin.baseAddress!, pin.count) == 0 { return haystack.startIndex + candidate }
                    position = candidate + 1
                }
                return nil
            }
        }
    }

    /// The index of the needle's byte least common in HTML and JSON (the first such).
    static func anchorIndex(_ needle: [UInt8]) -> Int {
        var best = 0
        for index in needle.indices where commonness(needle[index]) < commonness(needle[best]) { best = index }
        return best
    }

    /// 3: quotes, lowercase letters, digits, spaces and separators, everywhere in pages and JSON;
    /// 2: punctuation found in URLs and keys; 1: capitals, `-`, `<`, `>`; 0: anything else.
    static func commonness(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "\""), UInt8(ascii: " "), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "/"):
            return 3
        case UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "="):
            return 2
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "-"), UInt8(ascii: "<"), UInt8(ascii: ">"):
            return 1
        default:
            return 0
        }
    }
}
