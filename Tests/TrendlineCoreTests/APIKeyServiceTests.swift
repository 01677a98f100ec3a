import Foundation
import Testing
import TrendlineCore
import TrendlineDomain

/// Keys are shown once, stored as SHA-256 only, and refused once revoked.
struct APIKeyServiceTests {
    @Test func issuedKeysAuthenticateAndOnlyTheirHashIsStored() async throws {
        let store = try makeTestStore()
        let account = try await AccountService(repository: store).create(name: "acme")
        let service = APIKeyService(repository: store)
        let issued = try await service.createKey(accountName: "acme", name: "ci")
        #expect(issued.secret.hasPrefix("tl_live_"))
        #expect(issued.secret.count == 40)
        #expect(issued.key.prefix == String(issued.secret.prefix(16)))
        let stored = try #require(try await store.listKeys(accountID: account.id).first)
        #expect(stored.hash == APIKeyService.hash(issued.secret))
        #expect(stored.hash.count == 64)
        #expect(!stored.hash.contains(issued.secret) && stored.hash != issued.secret)
        let (who, _) = try await service.authenticate(issued.secret).get()
        #expect(who.id == account.id)
        #expect(try await store.listKeys(accountID: account.id).first?.lastUsedAt != nil, "use is recorded")
    }

    @Test func theStoredHashIsTheKeysSHA256InLowercaseHex() {
        // Python's hashlib.sha256 of the same text: the stored form must not drift, or every
        // key already issued stops working.
        #expect(APIKeyService.hash("tl_live_Ab3Ab3Ab3Ab3Ab3Ab3Ab3Ab3Ab3Ab3xy") == "69556ab76cfdc8fa3d3236e8a2b01aa701349179c1462d33be71803c42f12722")
        #expect(APIKeyService.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func twoKeysDiffer() async throws {
        let store = try makeTestStore()
        _ = try await AccountService(repository: store).create(name: "acme")
        let service = APIKeyService(repository: store)
        let a = try await service.createKey(accountName: "acme")
        let b = try await service.createKey(accountName: "acme")
        #expect(a.secret != b.secret)
    }

    @Test func unknownMalformedAndRevokedKeysAreRefused() async throws {
        let store = try makeTestStore()
        _ = try await AccountService(repository: store).create(name: "acme")
        let service = APIKeyService(repository: store)
        let issued = try await service.createKey(accountName: "acme")
        await #expect(throws: AuthenticationFailure.unknownKey) { try await service.authenticate("tl_live_" + String(repeating: "x", count: 32)).get() }
        await #expect(throws: AuthenticationFailure.unknownKey) { try await service.authenticate("not-a-key").get() }
        await #expect(throws: AuthenticationFailure.unknownKey) { try await service.authenticate(issued.secret + "x").get() }
        _ = try await store.revokeKey(idOrPrefix: issued.key.prefix, at: Date())
        await #expect(throws: AuthenticationFailure.revokedKey) { try await service.authenticate(issued.secret).get() }
    }

    @Test func accountNamesAreValidatedAndKeysNeedAnAccount() async throws {
        let store = try makeTestStore()
        let accounts = AccountService(repository: store)
        await #expect(throws: AdminError.invalidAccountName("bad name")) { try await accounts.create(name: "bad name") }
        await #expect(throws: AdminError.invalidAccountName("")) { try await accounts.create(name: "") }
        await #expect(throws: AdminError.unknownAccount("ghost")) { try await APIKeyService(repository: store).createKey(accountName: "ghost") }
    }
}
