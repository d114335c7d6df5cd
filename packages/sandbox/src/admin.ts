import { type FaultInjector, FaultSpecError, parseFaultRules } from "./faults.js"
import { CHECKOUT_OUTCOMES, type CheckoutOutcome, type Completer } from "./payment.js"
import { parseBody, type SandboxRequest, safeDecode } from "./request.js"
import {
  empty,
  failure,
  invalid,
  json,
  methodNotAllowed,
  type Reply,
  routeNotFound,
  SandboxActionError,
} from "./responses.js"
import type { WebhookDelivery } from "./webhooks.js"

/** What the admin endpoint controls. */
export interface AdminContext {
  /** The bearer token; without one `/__admin` does not exist. */
  readonly token: string | undefined
  readonly injector: FaultInjector
  readonly reset: () => Promise<void>
  readonly requests: () => ReadonlyArray<unknown>
  readonly webhooks: () => ReadonlyArray<WebhookDelivery>
  /** Starts a redelivery and returns the event as it stands (pending). */
  readonly redeliver: (eventId: string) => WebhookDelivery
  /** Pays, fails or cancels a session. */
  readonly complete: Completer
}

/** `/__admin/...`: runtime control for tests and demos, behind `Authorization: Bearer <token>`. */
export const adminEndpoint =
  (ctx: AdminContext) =>
  async (request: SandboxRequest, url: URL, segments: ReadonlyArray<string>): Promise<Reply> => {
    if (ctx.token === undefined) return routeNotFound(url)
    if (request.header("authorization") !== `Bearer ${ctx.token}`) {
      return failure(401, "UNAUTHORIZED", "Missing or invalid admin token")
    }
    const [resource, ...rest] = segments
    if (resource === "webhooks" || resource === "checkout") {
      try {
        return (await actions(ctx, request, url, resource, rest)) ?? routeNotFound(url)
      } catch (error) {
        if (!(error instanceof SandboxActionError)) throw error
        return failure(error.status, error.code, error.message)
      }
    }
    if (rest.length > 0) return routeNotFound(url)
    if (resource === "faults") return faults(ctx.injector, request)
    if (resource === "reset") {
      if (request.method !== "POST") return methodNotAllowed(["POST"])
      await ctx.reset()
      return empty(204)
    }
    if (resource === "requests") {
      if (request.method !== "GET") return methodNotAllowed(["GET"])
      return json(200, { data: ctx.requests() })
    }
    return routeNotFound(url)
  }

const faults = (injector: FaultInjector, request: SandboxRequest): Reply => {
  const state = () => json(200, { rules: injector.list(), seed: injector.seed })
  if (request.method === "GET") return state()
  if (request.method === "DELETE") {
    injector.set([])
    return empty(204)
  }
  if (request.method !== "PUT") return methodNotAllowed(["GET", "PUT", "DELETE"])
  const parsed = parseBody(request)
  if (!parsed.ok) return invalid(parsed.message, parsed.issues)
  const spec = parsed.value
  const seed =
    typeof spec === "object" && spec !== null && !Array.isArray(spec)
      ? (spec as { seed?: unknown }).seed
      : undefined
  if (seed !== undefined && typeof seed !== "number" && typeof seed !== "string") {
    return invalid("Invalid fault specification", [
      { path: ["seed"], message: "Expected a number or a string" },
    ])
  }
  try {
    injector.set(parseFaultRules(spec), seed)
  } catch (error) {
    if (error instanceof FaultSpecError) {
      return invalid(
        "Invalid fault specification",
        error.issues.map((i) => ({ ...i, path: ["rules", ...i.path] })),
      )
    }
    throw error
  }
  return state()
}

/**
 * `GET /webhooks`, `POST /webhooks/{id}/redeliver` and `POST /checkout/{id}/complete`; `undefined` for
 * other paths. Unknown ids and forbidden states throw {@link SandboxActionError} (404 / 409).
 */
const actions = async (
  ctx: AdminContext,
  request: SandboxRequest,
  url: URL,
  resource: "webhooks" | "checkout",
  rest: ReadonlyArray<string>,
): Promise<Reply | undefined> => {
  if (resource === "webhooks" && rest.length === 0) {
    return request.method === "GET" ? json(200, { data: ctx.webhooks() }) : methodNotAllowed(["GET"])
  }
  const [rawId, action, ...more] = rest
  const id = rawId === undefined || rawId === "" ? undefined : safeDecode(rawId)
  const expected = resource === "webhooks" ? "redeliver" : "complete"
  if (id === undefined || action !== expected || more.length > 0) return undefined
  if (request.method !== "POST") return methodNotAllowed(["POST"])
  if (resource === "webhooks") return json(202, ctx.redeliver(id))
  const parsed = parseBody(request)
  if (!parsed.ok) return invalid(parsed.message, parsed.issues)
  const outcome = (parsed.value as { outcome?: unknown } | null)?.outcome
  if (typeof outcome !== "string" || !(CHECKOUT_OUTCOMES as ReadonlyArray<string>).includes(outcome)) {
    return invalid("Invalid outcome", [
      { path: ["outcome"], message: `Expected one of ${CHECKOUT_OUTCOMES.join(", ")}` },
    ])
  }
  return json(200, await ctx.complete(id, outcome as CheckoutOutcome, url.origin))
}
