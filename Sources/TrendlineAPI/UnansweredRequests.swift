import NIOHTTPTypes

/// The requests on one connection whose head was read and whose answer's end was not yet
/// written: what the API's channel handlers check before they answer or close anything
/// themselves, so no answer leaves out of turn and no request in progress is cut.
struct UnansweredRequests {
    private(set) var count = 0

    var none: Bool { count == 0 }

    /// Notes a request part read.
    mutating func read(_ part: HTTPRequestPart) {
        if case .head = part { count += 1 }
    }

    /// Notes an answer part written; whether it ended the last unanswered request.
    @discardableResult
    mutating func wrote(_ part: HTTPResponsePart) -> Bool {
        guard case .end = part, count > 0 else { return false }
        count -= 1
        return count == 0
    }
}
