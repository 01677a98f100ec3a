import Foundation

/// The OpenAPI 3.1 document of the REST API (Resources/openapi.json), the contract of the API.
/// A test keeps it and the router in agreement.
public enum OpenAPIDocument {
    /// The document's bytes.
    public static func data() throws -> Data {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try Data(contentsOf: url)
    }
}
