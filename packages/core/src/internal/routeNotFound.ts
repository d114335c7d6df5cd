/**
 * Telling a missing resource from a missing route. A `baseUrl` that reaches a server without the API's
 * routes (a typo in the path, a proxy prefix, the wrong port) answers every call with a 404; reported as
 * `LomiNotFoundError` it sends users hunting for a session that was never the problem.
 *
 * The rule: a 404 means "no such resource" only when its body is one of the API's own error shapes (the
 * contract's `{"error":{...}}` or lomi.'s NestJS `{"statusCode","message","error"}`) and its message is not
 * a router's answer for a path it does not serve (Express and NestJS `Cannot GET /...`, Fastify
 * `Route GET:/... not found`, the sandbox's `No route for /...`). Any other 404 (HTML, plain text, an empty
 * body, JSON in another shape) did not come from the API's handlers: it is a route that does not exist.
 */
import { type ApiGeneration, hostedBaseUrl } from "../ApiGeneration.js"
import { BaseUrls } from "../Config.js"
import { LomiUnexpectedStatusError } from "../Errors.js"
import type { Route } from "../Route.js"
import type { CallContext, ParsedErrorBody } from "./errorBody.js"

const METHOD = "(?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)"
const ROUTER_MESSAGES: ReadonlyArray<RegExp> = [
  new RegExp(`^Cannot ${METHOD} /`),
  new RegExp(`^Route ${METHOD}:/\\S* not found`),
  /^No route for \//,
]

const EXCERPT = 120

/** Whether a 404 with this body is about the route rather than a resource. */
export const isRouteNotFound = (body: ParsedErrorBody): boolean => {
  if (body.shape !== "contract" && body.shape !== "nest") return true
  const message = body.message ?? ""
  return ROUTER_MESSAGES.some((router) => router.test(message))
}

const cut = (text: string): string => (text.length > EXCERPT ? `${text.slice(0, EXCERPT)}...` : text)

// What answered, in a few words: the server's message when it sent one, else the kind of body.
const answer = (body: ParsedErrorBody): string => {
  switch (body.shape) {
    case "empty":
      return "an empty body"
    case "html":
      return "an HTML page"
    case "text":
      return `the text ${JSON.stringify(cut(body.message?.replace(/^.*? body: /, "") ?? ""))}`
    default:
      return body.message === undefined ? "JSON that is not a lomi. error" : JSON.stringify(cut(body.message))
  }
}

// What a local sandbox calls the base URL of each generation (`sandbox.url`, `sandbox.origin`).
const SANDBOX_PROPERTY: Readonly<Record<ApiGeneration, string>> = { v1: "url", "2025-12": "origin" }

/**
 * The error of a 404 for a route the server does not serve: a `LomiUnexpectedStatusError` with code
 * `ROUTE_NOT_FOUND`, whose message shows the URL as a template (origin, base path and path template,
 * never an id), and says to check `baseUrl` and the generation of routes the client speaks.
 */
export const routeNotFoundError = (
  baseUrl: string,
  generation: ApiGeneration,
  route: Route,
  body: ParsedErrorBody,
  context: CallContext,
): LomiUnexpectedStatusError =>
  new LomiUnexpectedStatusError({
    status: 404,
    code: "ROUTE_NOT_FOUND",
    message: `${route.method} ${baseUrl}${route.path} is not a lomi. API route: the server answered 404 with ${answer(body)}. Check \`baseUrl\` (or LOMI_BASE_URL) and \`apiGeneration\`: this client speaks lomi.'s "${generation}" routes, so the base URL must be the root of an API that serves them, such as ${hostedBaseUrl(BaseUrls.sandbox, generation)} or a local sandbox's \`${SANDBOX_PROPERTY[generation]}\`.`,
    requestId: context.requestId,
    retryable: false,
    attempts: context.attempts,
    idempotencyKey: context.idempotencyKey,
  })
