import { ID_FIELD } from "./collection.js"
import type { OperationName } from "./faults.js"
import type { Execution, GenerationRoutes, Match, Operation, Problem } from "./generation.js"
import type { ResourceKind } from "./kinds.js"
import { checkListQuery } from "./list-query.js"
import { renderResource } from "./render.js"
import { parseBody, type SandboxRequest, safeDecode } from "./request.js"
import { createResource, type ResourceContext, updateResource } from "./resources.js"
import { empty, failure, invalid, json, methodNotAllowed, type Reply, routeNotFound } from "./responses.js"
import type { Namespace } from "./store.js"
import { checkBody } from "./validation.js"

// The 1.1.0 document's routes under `/v1`: ten operations, `{"error":{code,message,details}}` errors
// and `{data, pagination}` pages (see the project's CONTRACT.md).

// Maps: the method is client input, and must never find a name on Object.prototype.
const OPERATION_NAMES: Readonly<Record<ResourceKind, ReadonlyMap<string, OperationName>>> = {
  checkout_sessions: new Map([
    ["GET collection", "list_checkout_sessions"],
    ["POST collection", "create_checkout_session"],
    ["GET item", "retrieve_checkout_session"],
    ["PATCH item", "update_checkout_session"],
    ["DELETE item", "delete_checkout_session"],
  ]),
  payment_links: new Map([
    ["GET collection", "list_payment_links"],
    ["POST collection", "create_payment_link"],
    ["GET item", "retrieve_payment_link"],
    ["PATCH item", "update_payment_link"],
    ["DELETE item", "delete_payment_link"],
  ]),
}

const notFound = (kind: ResourceKind, id: string): Reply =>
  failure(
    404,
    "NOT_FOUND",
    `No ${kind === "checkout_sessions" ? "checkout session" : "payment link"} with id ${id}`,
    {
      id,
    },
  )

const match = (request: SandboxRequest, url: URL): Match => {
  const [, collection, rawId, ...rest] = url.pathname.split("/").slice(1)
  if ((collection !== "checkout_sessions" && collection !== "payment_links") || rest.length > 0)
    return { reply: routeNotFound(url) }
  const id = rawId === undefined ? undefined : rawId === "" ? null : safeDecode(rawId)
  if (id === null || (rawId !== undefined && id === undefined)) return { reply: routeNotFound(url) }
  const shape = id === undefined ? "collection" : "item"
  const name = OPERATION_NAMES[collection].get(`${request.method} ${shape}`)
  if (name === undefined)
    return {
      reply: methodNotAllowed(shape === "collection" ? ["GET", "POST"] : ["GET", "PATCH", "DELETE"]),
    }
  return { op: id === undefined ? { name, kind: collection } : { name, kind: collection, id } }
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
  const collection = ns[kind]
  const idField = ID_FIELD[kind]
  const render = (item: Parameters<typeof renderResource>[1]) =>
    renderResource(kind, item, url.origin, ctx.now())
  if (op.name === "list_checkout_sessions" || op.name === "list_payment_links") {
    const query = checkListQuery(url.searchParams)
    if (!query.ok) return { reply: invalid("Invalid list parameters", query.issues), executed: false }
    const page = collection.page(query.value)
    const at = ctx.now()
    const { limit, offset } = query.value
    return {
      reply: json(200, {
        data: page.items.map((item) => renderResource(kind, item, url.origin, at)),
        pagination: { limit, offset, total: page.total },
      }),
      executed: true,
    }
  }
  if (id !== undefined && (request.method === "GET" || request.method === "DELETE")) {
    const item = collection.items.get(id)
    if (item === undefined) return { reply: notFound(kind, id), executed: true }
    if (request.method === "GET") return { reply: json(200, render(item)), executed: true }
    ctx.store.delete(ns, kind, id)
    return { reply: empty(204), executed: true, wrote: true }
  }
  const parsed = parseBody(request)
  if (!parsed.ok) return { reply: invalid(parsed.message, parsed.issues), executed: false }
  const checked = checkBody("v1", kind, id === undefined ? "create" : "update", parsed.value)
  if (!checked.ok) return { reply: invalid("Invalid request body", checked.issues), executed: false }
  const fields = checked.value
  if (id === undefined) {
    const created = createResource(ctx, ns, kind, fields, apiKey)
    if (!created.ok) {
      return {
        reply: failure(409, "CONFLICT", `${idField} ${created.taken} already exists`, {
          [idField]: created.taken,
        }),
        executed: true,
      }
    }
    return { reply: json(201, render(created.item)), executed: true, wrote: true }
  }
  const existing = collection.items.get(id)
  if (existing === undefined) return { reply: notFound(kind, id), executed: true }
  return {
    reply: json(200, render(updateResource(ctx, ns, kind, existing, fields))),
    executed: true,
    wrote: true,
  }
}

const problem = (p: Problem): Reply => {
  switch (p.kind) {
    case "invalid":
      return invalid(p.message, p.issues)
    case "unauthorized":
      return failure(401, "UNAUTHORIZED", p.missing ? "Missing X-API-KEY header" : "Invalid API key")
    case "conflict":
      return failure(409, "CONFLICT", p.message, p.details)
    case "idempotency_mismatch":
      return failure(
        422,
        "IDEMPOTENCY_KEY_MISMATCH",
        "This Idempotency-Key was already used with a different request body",
        { idempotency_key: p.key },
      )
    case "too_large":
      return failure(413, "PAYLOAD_TOO_LARGE", `Request body exceeds ${p.limit} bytes`, { limit: p.limit })
    case "rate_limited": {
      const headers = { "retry-after": String(p.retryAfter) }
      return p.injected
        ? failure(
            429,
            "RATE_LIMITED",
            "Injected fault: rate limited",
            { injected: true, retry_after: p.retryAfter },
            headers,
          )
        : failure(429, "RATE_LIMITED", "Too many requests", { retry_after: p.retryAfter }, headers)
    }
    case "unavailable":
      return failure(
        503,
        "SERVICE_UNAVAILABLE",
        "Injected fault: service unavailable",
        { injected: true, retry_after: p.retryAfter },
        { "retry-after": String(p.retryAfter) },
      )
    case "internal":
      return p.injected
        ? failure(500, "INTERNAL_ERROR", "Injected fault: internal error", { injected: true })
        : failure(500, "INTERNAL_ERROR", "Internal sandbox error")
  }
}

/** The 1.1.0 document's routes under `/v1`, over the shared store. */
export const v1Routes = (ctx: ResourceContext): GenerationRoutes => ({
  generation: "v1",
  apiKey: (request) => request.header("x-api-key"),
  match,
  execute: (op, request, url, ns, apiKey) => execute(ctx, op, request, url, ns, apiKey),
  problem,
})
