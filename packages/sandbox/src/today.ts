import type { OperationName } from "./faults.js"
import type { Execution, GenerationRoutes, Match, Operation, Problem } from "./generation.js"
import type { JsonObject } from "./json-value.js"
import type { ResourceKind } from "./kinds.js"
import { nestError, nestInvalid, nestRouteNotFound, PARSE_INT_MESSAGE } from "./nest.js"
import { renderToday, sessionStatus } from "./render.js"
import { parseBody, type SandboxRequest, safeDecode } from "./request.js"
import { createResource, type ResourceContext } from "./resources.js"
import { json, type Reply } from "./responses.js"
import type { Namespace } from "./store.js"
import { checkTodayListQuery, type TodayListQuery } from "./today-query.js"
import { checkBody } from "./validation.js"

// The routes lomi. serves today at the origin, without `/v1` (lomi. monorepo obled225/lomi. at
// cb3deed9, apps/api/src/core/checkout-sessions/ and .../payment-links/): create, list and retrieve
// only, NestJS errors, a bare array of sessions and `{data, total, limit, offset}` of links.

const COLLECTIONS: ReadonlyMap<string, ResourceKind> = new Map([
  ["checkout-sessions", "checkout_sessions"],
  ["payment-links", "payment_links"],
])

// The same seed names as `/v1`, so fault rules and the request log speak of one set of operations.
const NAMES: Readonly<Record<ResourceKind, Record<"list" | "create" | "retrieve", OperationName>>> = {
  checkout_sessions: {
    list: "list_checkout_sessions",
    create: "create_checkout_session",
    retrieve: "retrieve_checkout_session",
  },
  payment_links: {
    list: "list_payment_links",
    create: "create_payment_link",
    retrieve: "retrieve_payment_link",
  },
}

const NOT_FOUND: Readonly<Record<ResourceKind, string>> = {
  checkout_sessions: "Checkout session",
  payment_links: "Payment link",
}

/**
 * Express's default routing: case-insensitive, one trailing slash allowed. Every other method or path,
 * PATCH and DELETE included, is Nest's 404 for an unknown route.
 */
const match = (request: SandboxRequest, url: URL): Match => {
  const segments = url.pathname.split("/").slice(1)
  if (segments.length > 1 && segments.at(-1) === "") segments.pop()
  const [root, rawId, ...rest] = segments
  const kind = root === undefined ? undefined : COLLECTIONS.get(root.toLowerCase())
  const unknown = { reply: nestRouteNotFound(request.method, url) }
  if (kind === undefined || rest.length > 0) return unknown
  if (rawId === undefined) {
    if (request.method === "GET") return { op: { name: NAMES[kind].list, kind } }
    return request.method === "POST" ? { op: { name: NAMES[kind].create, kind } } : unknown
  }
  const id = rawId === "" ? undefined : safeDecode(rawId)
  if (id === undefined || request.method !== "GET") return unknown
  return { op: { name: NAMES[kind].retrieve, kind, id } }
}

/** Whether a stored item passes the list's filters at `at`. */
const kept = (kind: ResourceKind, query: TodayListQuery, item: JsonObject, at: number): boolean =>
  kind === "checkout_sessions"
    ? query.status === undefined || sessionStatus(item, at) === query.status
    : (query.linkType === undefined || item.link_type === query.linkType) &&
      (query.isActive === undefined || (item.is_active ?? true) === query.isActive)

const list = (op: Operation, url: URL, ns: Namespace, at: number): Reply => {
  const { kind } = op
  const checked = checkTodayListQuery(kind, url.searchParams)
  if (!checked.ok) return checked.notNumeric ? nestError(400, PARSE_INT_MESSAGE) : nestInvalid(checked.issues)
  const query = checked.value
  // Newest first, ties by id, as on `/v1`. Filters are read at request time (expiry moves with the
  // clock), and no total is needed, so the scan stops at the end of the page.
  const page: JsonObject[] = []
  let skipped = 0
  for (const item of ns[kind].inOrder("created_at", "desc")) {
    if (!kept(kind, query, item, at)) continue
    if (skipped < query.offset) skipped++
    else if (page.push(renderToday(kind, item, url.origin, at)) === query.limit) break
  }
  // payment-links.service.ts answers `total: links.length`: the size of this page, not of the list.
  return kind === "checkout_sessions"
    ? json(200, page)
    : json(200, { data: page, total: page.length, limit: query.limit, offset: query.offset })
}

const execute = async (
  ctx: ResourceContext,
  op: Operation,
  request: SandboxRequest,
  url: URL,
  ns: Namespace,
  apiKey: string,
): Promise<Execution> => {
  const { kind, id } = op
  if (op.name === NAMES[kind].list) {
    const reply = list(op, url, ns, ctx.now())
    return { reply, executed: reply.status === 200 }
  }
  if (id !== undefined) {
    const item = ns[kind].items.get(id)
    if (item === undefined) {
      const message = `${NOT_FOUND[kind]} with ID ${id} not found or access denied`
      return { reply: nestError(404, message), executed: true }
    }
    return { reply: json(200, renderToday(kind, item, url.origin, ctx.now())), executed: true }
  }
  const parsed = parseBody(request)
  if (!parsed.ok) return { reply: nestInvalid(parsed.issues), executed: false }
  const checked = checkBody("2025-12", kind, "create", parsed.value)
  if (!checked.ok) return { reply: nestInvalid(checked.issues), executed: false }
  const created = createResource(ctx, ns, kind, checked.value, apiKey)
  // Today's bodies cannot choose an id, so no id can be taken; answered as `/v1` would, in Nest's shape.
  if (!created.ok) return { reply: nestError(409, `${created.taken} already exists`), executed: true }
  return {
    reply: json(201, renderToday(kind, created.item, url.origin, ctx.now())),
    executed: true,
    wrote: true,
  }
}

const problem = (p: Problem): Reply => {
  switch (p.kind) {
    case "invalid":
      return nestInvalid(p.issues)
    case "unauthorized":
      // The words of lomi.'s ApiKeyGuard (apps/api/src/core/common/guards/api-key.guard.ts at 700515a6).
      return nestError(401, p.missing ? "API Key is missing" : "Invalid API Key")
    case "conflict":
      return nestError(409, p.message)
    case "idempotency_mismatch":
      return nestError(422, "This Idempotency-Key was already used with a different request body")
    case "too_large":
      return nestError(413, `Request body exceeds ${p.limit} bytes`)
    case "rate_limited": {
      // The words of @nestjs/throttler, whose guard lomi.'s app module installs for every route.
      const message = "ThrottlerException: Too Many Requests"
      return nestError(429, p.injected ? `Injected fault: ${message}` : message, {
        "retry-after": String(p.retryAfter),
      })
    }
    case "unavailable":
      return nestError(503, "Injected fault: Service Unavailable", { "retry-after": String(p.retryAfter) })
    case "internal":
      return nestError(500, p.injected ? "Injected fault: Internal server error" : "Internal server error")
  }
}

/** The key as lomi.'s guard reads it: `X-API-KEY`, else `Authorization: Bearer <key>`. */
const apiKey = (request: SandboxRequest): string | undefined => {
  const header = request.header("x-api-key")
  if (header !== undefined && header !== "") return header
  const authorization = request.header("authorization")
  const bearer = authorization?.startsWith("Bearer ") === true ? authorization.slice(7) : ""
  return bearer === "" ? undefined : bearer
}

/** The routes lomi. serves today at the origin, over the shared store. */
export const todayRoutes = (ctx: ResourceContext): GenerationRoutes => ({
  generation: "2025-12",
  apiKey,
  match,
  execute: (op, request, url, ns, key) => execute(ctx, op, request, url, ns, key),
  problem,
})
