// The two axes every route, body schema and stored item is keyed by.

/** The two resource collections. */
export type ResourceKind = "checkout_sessions" | "payment_links"

/**
 * The two generations of routes: the 1.1.0 document's under `/v1`, and the routes lomi. serves at the
 * origin since 2025-12 (hyphenated paths, NestJS errors).
 */
export type Generation = "v1" | "2025-12"
