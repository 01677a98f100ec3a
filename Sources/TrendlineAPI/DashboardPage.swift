import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The web dashboard (Resources/dashboard.html, compiled in as ``EmbeddedResources/dashboard``): one self-contained page, no build step and no
/// third-party script, that works through the public REST API with the key the user types in
/// (kept in the browser's localStorage). It tracks URLs, lists the videos with their counts,
/// charts a video's history and pauses, resumes, stops or refreshes it.
enum DashboardPage {

    /// Inline script and styles only from the page itself, requests only to this origin, and
    /// never framed by another site.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

    /// The page, and its gzip form, made once; `no-cache` has the browser ask again on every
    /// load, which the page's `ETag` answers with a `304` when nothing changed.
    static let answer: StaticAnswer = {
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"]
        headers[HTTPField.Name("Content-Security-Policy")!] = contentSecurityPolicy
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        return StaticAnswer(body: ByteBuffer(string: EmbeddedResources.dashboard), fields: headers)
    }()
}
