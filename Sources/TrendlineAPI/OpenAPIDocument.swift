import Foundation

/// The OpenAPI 3.1 document of the REST API (Resources/openapi.json, compiled in as
/// ``EmbeddedResources/openAPI``), the contract of the API. A test keeps it and the router in
/// agreement.
public enum OpenAPIDocument {
    /// The document's bytes (compact JSON).
    public static let data = Data(EmbeddedResources.openAPI.utf8)
}
