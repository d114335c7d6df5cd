/**
 * The generations of lomi.'s routes a client can speak. lomi.'s 1.1.0 reference document and the service
 * lomi. runs today (since 2025-12-02) no longer agree on paths, operations, list bodies or errors; a client
 * speaks exactly one generation, fixed when it is built, and each operation says its route on each.
 *
 * @since 0.2.0
 */

/**
 * A generation of lomi.'s routes:
 * - `"v1"`: the 1.1.0 reference document: base URLs ending in `/v1`, `/checkout_sessions` and
 *   `/payment_links`, ten operations (create, list, retrieve, update, delete), `{data, pagination}` pages,
 *   `{"error":{...}}` errors;
 * - `"2025-12"`: what lomi.'s hosted environments serve since 2025-12-02: no `/v1`, `/checkout-sessions`
 *   and `/payment-links`, create, list and retrieve only, NestJS errors.
 *
 * @since 0.2.0
 */
export type ApiGeneration = "v1" | "2025-12"

/**
 * Every {@link ApiGeneration}, oldest first.
 *
 * @since 0.2.0
 */
export const API_GENERATIONS: ReadonlyArray<ApiGeneration> = ["v1", "2025-12"]

/**
 * The generation the hosted environments speak, and a base URL that does not end in `/v1`.
 *
 * @internal
 */
export const CURRENT_GENERATION: ApiGeneration = "2025-12"

// The one generation whose routes sit under a path prefix of the host.
const V1_SUFFIX = "/v1"

/**
 * The generation a custom base URL's shape says: a path ending in `/v1` is the document's (`"v1"`),
 * anything else (a bare origin, a proxy's prefix) today's. `baseUrl` has no trailing slash.
 *
 * @internal
 */
export const generationOfBaseUrl = (baseUrl: string): ApiGeneration =>
  baseUrl.endsWith(V1_SUFFIX) ? "v1" : CURRENT_GENERATION

/**
 * The base URL of a hosted environment's `host` (an origin) for `generation`.
 *
 * @internal
 */
export const hostedBaseUrl = (host: string, generation: ApiGeneration): string =>
  generation === "v1" ? `${host}${V1_SUFFIX}` : host
