/// Runs `body`, then every one of `shutdowns` in order, also when `body` throws, and rethrows
/// the first error: the body's, else a shutdown's. AsyncHTTPClient stops the process when a
/// client is released without its shutdown, so a command that made clients and then failed (a
/// port in use, say) crashed with a backtrace instead of saying why.
func shutdownAfter<T>(_ shutdowns: [() async throws -> Void], _ body: () async throws -> T) async throws -> T {
    let outcome = await Result(catching: body)
    var failure: (any Error)?
    for shutdown in shutdowns {
        do { try await shutdown() } catch { failure = failure ?? error }
    }
    let value = try outcome.get()
    if let failure { throw failure }
    return value
}

extension Result where Failure == any Error {
    /// Captures the outcome of an async throwing body, so cleanup can run before it is rethrown.
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
