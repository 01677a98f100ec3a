import Foundation

/// The video URLs in a list a user hands over for bulk tracking: one URL per line, or a CSV file
/// such as a spreadsheet's export or Trendline's own (`GET /v1/videos/export`).
///
/// A plain list gives each line, trimmed; blank lines and lines starting with `#` are skipped.
/// A file with a comma or a quote on any such line is read as CSV (RFC 4180: quoted fields may
/// hold commas, doubled quotes and line breaks). When its first row names a URL column (`url`,
/// `video_url`, `video_link`, `link`, `canonical_url`; the first of these present wins), each
/// later row gives that column; otherwise each row gives its first field that starts with
/// `http://` or `https://`. A row without one gives its first field, so the tracker reports it
/// as the URL it is not, rather than the row being lost. A first row without a URL is a header
/// and is skipped.
public enum URLListText {
    /// Column names read as the URL, in order of preference.
    public static let urlColumns = ["url", "video_url", "video_link", "link", "canonical_url"]

    public static func urls(in text: String) -> [String] {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard lines.contains(where: { $0.contains(",") || $0.contains("\"") }) else { return lines }
        return urls(inRows: rows(ofCSV: text))
    }

    static func urls(inRows rows: [[String]]) -> [String] {
        var rows = rows.filter { row in !row.allSatisfy(\.isEmpty) && !(row.first?.hasPrefix("#") ?? false) }
        guard let first = rows.first else { return [] }
        let names = first.map { $0.lowercased() }
        if let column = urlColumns.lazy.compactMap({ names.firstIndex(of: $0) }).first {
            return rows.dropFirst().map { $0.indices.contains(column) ? $0[column] : "" }.filter { !$0.isEmpty }
        }
        if !first.contains(where: isWebURL) { rows.removeFirst() }
        return rows.map { row in row.first(where: isWebURL) ?? row.first(where: { !$0.isEmpty }) ?? "" }
    }

    static func isWebURL(_ field: String) -> Bool {
        let lowered = field.lowercased()
        return lowered.hasPrefix("https://") || lowered.hasPrefix("http://")
    }

    /// RFC 4180 rows; fields are trimmed of surrounding spaces (outside quotes).
    static func rows(ofCSV text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.makeIterator()
        var pending: Character? = nil
        func endField() {
            row.append(field.trimmingCharacters(in: .whitespaces))
            field = ""
        }
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = iterator.next()
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.trimmingCharacters(in: .whitespaces).isEmpty:
                field = ""
                quoted = true
            case ",":
                endField()
            case _ where character.isNewline:
                endField()
                rows.append(row)
                row = []
            default:
                field.append(character)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            endField()
            rows.append(row)
        }
        return rows
    }
}
