import Foundation
import Hummingbird
import NIOCore
import TrendlineDomain

/// Lines of RFC 4180 CSV, for exports opened in spreadsheets.
///
/// A field with a comma, a quote or a line break is quoted (quotes doubled). Text that a
/// spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return: a video title can be anything) is written with a leading `'`, the usual guard against
/// formula injection; numbers are passed as numbers.
enum CSVText {
    /// A download's name from its parts (each already safe), the absent ones left out:
    /// `["campaign", "Q4", nil, "day"]` is `campaign-Q4-day.csv`.
    static func fileName(_ parts: [String?]) -> String {
        parts.compactMap { $0 }.joined(separator: "-") + ".csv"
    }

    /// `text` as a safe part of a download's file name: ASCII letters and digits, the rest `-`.
    static func fileNamePart(_ text: String) -> String {
        String(text.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) && $0.isASCII ? Character($0) : "-" })
    }

    /// One line, ending in CRLF; `nil` fields are empty.
    static func line(_ fields: [Field]) -> String {
        fields.map(\.encoded).joined(separator: ",") + "\r\n"
    }

    enum Field {
        case text(String?)
        case number(Int64?)

        var encoded: String {
            switch self {
            case .number(let value): return value.map(String.init) ?? ""
            case .text(nil): return ""
            case .text(let value?):
                var text = value
                if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
                guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
                return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
        }
    }
}

extension CSVText {
    /// The five counters in the order every export writes them (views, likes, comments, shares,
    /// saves); empty fields without counts or where the platform reported none.
    static func counts(_ counts: Counts?) -> [Field] {
        [.number(counts?.views), .number(counts?.likes), .number(counts?.comments), .number(counts?.shares), .number(counts?.saves)]
    }

    /// `text` as a download named `fileName` (already a safe file name): what every export answers.
    static func download(_ text: String, fileName: String) -> Response {
        var headers: HTTPFields = [.contentType: "text/csv; charset=utf-8"]
        headers[.contentDisposition] = "attachment; filename=\"\(fileName)\""
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
