import type { JsonObject } from "./json-value.js"
import { checkoutPage, messagePage, paymentLinkPage } from "./pages.js"
import {
  CHECKOUT_OUTCOMES,
  type CheckoutCompletion,
  type CheckoutOutcome,
  type Completer,
} from "./payment.js"
import { renderResource } from "./render.js"
import { type SandboxRequest, safeDecode, safeText } from "./request.js"
import { html, methodNotAllowed, type Reply, redirect, SandboxActionError } from "./responses.js"
import type { Store } from "./store.js"

/** What the hosted pages need from the sandbox's state. */
export interface HostedContext {
  readonly store: Store
  readonly now: () => number
  /** Lifetime of a session opened from a payment link. */
  readonly sessionTtlMs: number
  /** Saves the store; resolves once durable. */
  readonly persist: () => Promise<void>
  /** Pays, fails or cancels a session: the same code path as `completeCheckout`. */
  readonly complete: Completer
}

const iso = (ms: number): string => new Date(ms).toISOString()

const copy = (source: JsonObject, names: ReadonlyArray<string>): JsonObject => {
  const out: JsonObject = {}
  for (const name of names) {
    const value = source[name]
    if (value !== undefined) out[name] = value
  }
  return out
}

/**
 * The pages a payer sees, reached by id alone without an API key, like the real hosted checkout:
 * `/checkout/{id}` (and its form, `/checkout/{id}/complete`) and `/pay/{id}`.
 * `route` answers `undefined` for paths it does not serve.
 */
export const hostedPages = (ctx: HostedContext) => {
  const { store, now } = ctx

  const checkout = async (request: SandboxRequest, url: URL, id: string, action: string | undefined) => {
    const found = store.find("checkout_sessions", id)
    if (found === undefined)
      return html(404, messagePage("Not found", "This checkout session does not exist."))
    if (action === undefined) {
      if (request.method !== "GET") return methodNotAllowed(["GET"])
      return html(200, checkoutPage(renderResource("checkout_sessions", found.item, url.origin, now())))
    }
    if (action !== "complete") return undefined
    if (request.method !== "POST") return methodNotAllowed(["POST"])
    const outcome = new URLSearchParams(request.body === undefined ? "" : safeText(request.body)).get(
      "outcome",
    )
    if (!(CHECKOUT_OUTCOMES as ReadonlyArray<string | null>).includes(outcome)) {
      return html(400, messagePage("Bad request", `outcome must be one of ${CHECKOUT_OUTCOMES.join(", ")}.`))
    }
    let done: CheckoutCompletion
    try {
      done = await ctx.complete(id, outcome as CheckoutOutcome, url.origin)
    } catch (error) {
      if (!(error instanceof SandboxActionError)) throw error
      return html(error.status, messagePage("Not payable", `${error.message}.`))
    }
    if (done.redirectUrl !== undefined) return redirect(done.redirectUrl)
    const back = { href: `/checkout/${encodeURIComponent(id)}`, label: "Back to the checkout" }
    if (done.outcome === "succeeded") {
      return html(200, messagePage("Payment complete", "Thank you: this sandbox payment succeeded."))
    }
    return html(
      200,
      messagePage(
        done.outcome === "failed" ? "Payment failed" : "Payment canceled",
        "The session stays open.",
        back,
      ),
    )
  }

  const paymentLink = async (request: SandboxRequest, id: string): Promise<Reply> => {
    const found = store.find("payment_links", id)
    if (found === undefined) return html(404, messagePage("Not found", "This payment link does not exist."))
    if (request.method === "GET") return html(200, paymentLinkPage(found.item))
    if (request.method !== "POST") return methodNotAllowed(["GET", "POST"])
    const link = found.item
    if (link.is_active === false || typeof link.amount !== "number") {
      return html(409, messagePage("Not payable", "This payment link cannot be paid here."))
    }
    const at = now()
    const stamp = iso(at)
    const sessionId = crypto.randomUUID()
    const session: JsonObject = {
      checkout_session_id: sessionId,
      organization_id: found.ns.organizationId,
      environment: link.environment ?? "test",
      amount: link.amount,
      currency_code: link.currency_code ?? "XOF",
      payment_link_id: id,
      ...copy(link, [
        "title",
        "description",
        "public_description",
        "success_url",
        "cancel_url",
        "product_id",
        "price_id",
        "metadata",
      ]),
      status: "open",
      expires_at: iso(at + ctx.sessionTtlMs),
      created_at: stamp,
      updated_at: stamp,
    }
    store.put(found.ns, "checkout_sessions", session)
    await ctx.persist()
    return redirect(`/checkout/${sessionId}`)
  }

  return {
    async route(
      request: SandboxRequest,
      url: URL,
      segments: ReadonlyArray<string>,
    ): Promise<Reply | undefined> {
      const [area, rawId, action, ...rest] = segments
      const id = rawId === undefined || rawId === "" ? undefined : safeDecode(rawId)
      if (id === undefined || rest.length > 0) return undefined
      if (area === "checkout") return checkout(request, url, id, action)
      if (area === "pay" && action === undefined) return paymentLink(request, id)
      return undefined
    },
  }
}
