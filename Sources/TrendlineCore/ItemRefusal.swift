/// Why one item of a batch was refused (an id in an inbox review, a video named to
/// `trendline videos`, a manual refresh): the code the API answers with, and why.
public struct ItemRefusal: Sendable, Equatable {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
