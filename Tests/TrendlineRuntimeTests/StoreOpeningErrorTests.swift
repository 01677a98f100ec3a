import Foundation
import Logging
import Testing
import TrendlinePostgres
import TrendlineRuntime
import TrendlineStore
import TrendlineTestSupport

/// A store that cannot be opened is refused with a sentence naming the path and the cause,
/// which the CLI prints as is, instead of Foundation's or SQLite's raw error.
struct StoreOpeningErrorTests {
    @Test func aDataDirectoryThatIsAFileIsNamed() throws {
        let directory = try ScratchDirectory.make("opening")
        let file = directory.appendingPathComponent("data").path
        try Data("not a directory".utf8).write(to: URL(fileURLWithPath: file))
        let settings = Settings(host: "127.0.0.1", port: 8080, dataDirectory: file, logLevel: .info)
        #expect(throws: StoreError.unavailable("cannot create the data directory '\(file)': a file of that name is in the way")) {
            _ = try StoreOpener.open(settings)
        }
    }

    @Test func aFileThatIsNotSQLiteIsNamedAndLeftAlone() throws {
        let directory = try ScratchDirectory.make("opening")
        let settings = Settings(host: "127.0.0.1", port: 8080, dataDirectory: directory.path, logLevel: .info)
        let garbage = Data((0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) })
        try garbage.write(to: URL(fileURLWithPath: settings.databasePath))
        do {
            _ = try StoreOpener.open(settings)
            Issue.record("a file that is not a database was opened")
        } catch let error as StoreError {
            #expect(error.description.hasPrefix("'\(settings.databasePath)' is not a SQLite database"), "\(error)")
            #expect(error.description.hasSuffix("move it away or choose another data directory"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: settings.databasePath)) == garbage, "the file is not overwritten")
    }

    /// A PostgreSQL server that refuses the connection is named with its own reason at once,
    /// instead of the pool retrying it until "the database did not answer within 10 seconds".
    @Test(.enabled(if: testPostgresURL != nil, "TRENDLINE_TEST_POSTGRES_URL is not set: PostgreSQL refusal test skipped"))
    func aDatabaseThatRefusesTheConnectionIsNamedWithItsReason() async throws {
        var url = try #require(URLComponents(string: testPostgresURL!))
        url.path = "/trendline_no_such_database"
        var settings = Settings(host: "127.0.0.1", port: 8080, dataDirectory: "./data", logLevel: .info)
        let refused = try #require(url.string)
        settings.databaseURL = refused
        let started = ContinuousClock.now
        do {
            _ = try await StoreOpener.withStore(settings) { _ in true }
            Issue.record("a database that does not exist was opened")
        } catch let error as StoreError {
            #expect(error.description.hasSuffix("refused the connection: database \"trendline_no_such_database\" does not exist"), "\(error)")
        }
        // The reason above is what tells the two apart; the clock backs it up. Under the whole
        // suite on two cores a prompt answer has taken over 9 s, the pool's timeout never less than 10.
        #expect(ContinuousClock.now - started < .seconds(10), "answered at once, not after the pool's 10 s timeout")
    }

    /// A server that takes the connection and never answers (hung, or a proxy in front of none)
    /// is given up on after the check's own wait, instead of the pool then waiting as long again.
    @Test func aServerThatNeverAnswersIsWaitedForOnce() async throws {
        let listener = try SilentListener()
        defer { listener.close() }
        let url = try PostgresURL("postgres://trendline@127.0.0.1:\(listener.port)/trendline")
        let started = ContinuousClock.now
        await #expect(throws: StoreError.unavailable("the database did not answer within 1.0 seconds")) {
            try await url.checkServerAccepts(timeout: .seconds(1), logger: Logger(label: "test"))
        }
        #expect(ContinuousClock.now - started < .seconds(30), "one wait, not the check's and then the pool's")
    }
}

/// A loopback TCP socket that listens and never accepts: the kernel completes connections into
/// its backlog, and nothing ever answers them.
struct SilentListener {
    let descriptor: Int32
    let port: Int

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(descriptor, raw, length) == 0 && listen(descriptor, 16) == 0 && getsockname(descriptor, raw, &length) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRNOTAVAIL) }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() { _ = Glibc.close(descriptor) }
}
