/// The body of a PATCH, which must change something. ``RequestBody`` refuses one that changes
/// nothing after it has checked the fields sent, so `{"note": "x"}` is named as the unknown
/// field it is rather than answered "nothing to change".
protocol ChangeBody {
    /// No field that changes anything was sent.
    var changesNothing: Bool { get }
    /// The refusal of a body that changes nothing, naming the fields that would.
    static var nothingToChange: APIError { get }
}
