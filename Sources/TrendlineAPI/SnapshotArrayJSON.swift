import Foundation
import TrendlineDomain

/// Writes a snapshot list as the API's JSON, byte for byte what `APIJSON.encoder()` makes of
/// `[SnapshotDTO]` (sorted keys, nulls kept, ISO 8601 dates with milliseconds), without going
/// through `Encoder`. A video detail embeds up to thousands of snapshots, and the generic encoder
/// spent about 7 ms on 720 of them (docs/benchmarks.md); this writes them in a few microseconds
/// each. Tests hold the two outputs equal.
enum SnapshotArrayJSON {
    static func encode(_ snapshots: some Collection<Snapshot>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(snapshots.count * 140 + 2)
        out.append(UInt8(ascii: "["))
        var first = true
        for snapshot in snapshots {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            let counts = snapshot.counts
            append(#"{"comments":"#, to: &out)
            append(counts.comments, to: &out)
            append(#","likes":"#, to: &out)
            append(counts.likes, to: &out)
            append(#","provider":"#, to: &out)
            JSONStringText.append(snapshot.provider, to: &out)
            append(#","saves":"#, to: &out)
            append(counts.saves, to: &out)
            append(#","shares":"#, to: &out)
            append(counts.shares, to: &out)
            append(#","taken_at":""#, to: &out)
            TimestampText.append(snapshot.takenAt, to: &out)
            append(#"","views":"#, to: &out)
            append(counts.views, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    static func append(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    static func append(_ value: Int64?, to out: inout [UInt8]) {
        guard let value else { return append("null", to: &out) }
        out.append(contentsOf: String(value).utf8)
    }
}
