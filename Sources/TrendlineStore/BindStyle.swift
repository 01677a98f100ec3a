/// How a backend writes the n-th value bound to a statement: `?n` in SQLite, `$n` in
/// PostgreSQL. The statements both backends share (``StoreSQL``) number their own
/// placeholders, so each caller binds its values in the order the statement documents, whatever
/// order they appear in the text. With bare positional `?` a caller had to follow the text, and
/// binding a resume's two values the wrong way round left re-enabled deliveries parked.
public enum BindStyle: Sendable {
    case sqlite
    case postgres

    /// The placeholder of the `number`-th bound value (from 1).
    public func callAsFunction(_ number: Int) -> String {
        switch self {
        case .sqlite: "?\(number)"
        case .postgres: "$\(number)"
        }
    }
}
