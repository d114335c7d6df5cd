import { adminEndpoint } from "./admin.js"
import { hostedPages } from "./hosted.js"
import type { Completer } from "./payment.js"
import { runOperation } from "./pipeline.js"
import type { SandboxRequest } from "./request.js"
import type { LogNote, Mutable, RequestLogEntry, SandboxDispatch } from "./request-log.js"
import { iso } from "./resources.js"
import type { Reply } from "./responses.js"
import { redeliver, resetState, type SandboxState } from "./state.js"
import { todayRoutes } from "./today.js"
import { v1Routes } from "./v1.js"

const reply = (value: Reply): SandboxDispatch => ({ kind: "reply", reply: value })

/** The request's URL, on `publicOrigin` when one is set; a URL that does not parse routes nowhere. */
const urlOf = (request: SandboxRequest, publicOrigin: string | undefined): URL => {
  try {
    const url = new URL(request.url)
    return publicOrigin === undefined ? url : new URL(`${publicOrigin}${url.pathname}${url.search}`)
  } catch {
    return new URL("http://invalid/")
  }
}

/**
 * Builds the sandbox's dispatch: routes each request to the admin endpoint, a hosted page or one of
 * the two generations of API routes, answers an unexpected error with a 500, and logs every request.
 */
export const createDispatch = (
  state: SandboxState,
  complete: Completer,
): ((request: SandboxRequest) => Promise<SandboxDispatch>) => {
  const v1 = v1Routes(state)
  const today = todayRoutes(state)
  const hosted = hostedPages({
    store: state.store,
    now: state.now,
    sessionTtlMs: state.sessionTtlMs,
    persist: () => state.persist(),
    complete,
  })
  const admin = adminEndpoint({
    token: state.adminToken,
    injector: state.injector,
    reset: () => resetState(state),
    requests: () => state.log.list(),
    webhooks: () => state.outbox?.deliveries() ?? [],
    redeliver: (eventId) => redeliver(state, eventId).delivery,
    complete,
  })

  // The paths of the two generations never overlap: `/v1/...` is the document's, everything at the
  // origin that is not a hosted page or `/__admin` is today's (Nest's 404 for unknown routes included).
  const route = async (request: SandboxRequest, url: URL, note: LogNote): Promise<SandboxDispatch> => {
    const segments = url.pathname.split("/").slice(1)
    const [root] = segments
    if (root === "__admin") return reply(await admin(request, url, segments.slice(1)))
    if (root === "checkout" || root === "pay") {
      const page = await hosted.route(request, url, segments)
      if (page !== undefined) return reply(page)
    }
    const routes = root === "v1" ? v1 : today
    note({ generation: routes.generation })
    const matched = routes.match(request, url)
    if ("reply" in matched) return reply(matched.reply)
    return runOperation(state, routes, matched.op, request, url, note)
  }

  return async (request) => {
    const requestId = crypto.randomUUID()
    const arrived = state.now()
    const url = urlOf(request, state.publicOrigin)
    const entry: Mutable<RequestLogEntry> = {
      method: request.method,
      path: url.pathname,
      query: url.search,
      status: null,
      requestId,
      time: iso(arrived),
    }
    const note: LogNote = (patch) => Object.assign(entry, patch)
    let result: SandboxDispatch
    try {
      await state.ready
      result = await route(request, url, note)
    } catch (error) {
      state.onError(error)
      const routes = entry.generation === today.generation ? today : v1
      result = reply(routes.problem({ kind: "internal", injected: false }))
    }
    // A reset after commit keeps the status the server decided; a reset before handling has none.
    if (result.kind !== "reset") {
      result.reply.headers["x-request-id"] = requestId
      entry.status = result.reply.status
    }
    state.log.add(entry)
    return result
  }
}
