import Foundation
import Testing
@testable import TrendlineAPI

/// The files compiled into the binary (``EmbeddedResources``) are the repository's: an edit of
/// Resources/openapi.json or Resources/dashboard.html without `scripts/embed_resources.py` is
/// caught here.
struct EmbeddedResourcesTests {
    static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/TrendlineAPI/Resources")

    @Test func theDashboardIsTheFile() throws {
        let file = try String(contentsOf: Self.resources.appendingPathComponent("dashboard.html"), encoding: .utf8)
        let same = EmbeddedResources.dashboard.utf8.elementsEqual(file.utf8)
        #expect(same, "run scripts/embed_resources.py")
    }

    @Test func theOpenAPIDocumentIsTheFile() throws {
        let file = try Data(contentsOf: Self.resources.appendingPathComponent("openapi.json"))
        let fromFile = try JSONSerialization.jsonObject(with: file) as? NSDictionary
        let embedded = try JSONSerialization.jsonObject(with: OpenAPIDocument.data) as? NSDictionary
        let same = fromFile != nil && fromFile == embedded
        #expect(same, "run scripts/embed_resources.py (scripts/openapi.py does)")
    }
}
