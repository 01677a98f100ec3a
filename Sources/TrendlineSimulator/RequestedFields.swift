import Foundation
import Hummingbird

/// The parts or fields an upstream request asked for: YouTube's `part`, X's `tweet.fields`,
/// `user.fields` and `expansions`. The real APIs leave out what was not asked for, so the
/// simulator does too: a provider that forgets to ask for its counters gets none, in tests as
/// against the platform.
struct RequestedFields: Sendable {
    let names: Set<String>

    init(_ request: Request, _ parameter: String) {
        let text = request.uri.queryParameters[Substring(parameter)].map(String.init) ?? ""
        names = Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    var isEmpty: Bool { names.isEmpty }

    func contains(_ name: String) -> Bool { names.contains(name) }

    /// `,"name":json` when `name` was asked for, else nothing: appended after an object's
    /// always-present members.
    func member(_ name: String, _ json: @autoclosure () -> String) -> String {
        names.contains(name) ? #","\#(name)":\#(json())"# : ""
    }
}
