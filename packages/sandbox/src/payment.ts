import type { JsonObject } from "./json-value.js"
import type { WebhookOutbox } from "./outbox.js"
import { renderResource } from "./render.js"
import { SandboxActionError } from "./responses.js"
import type { Store } from "./store.js"
import type { WebhookEvent } from "./webhooks.js"

/** What the payer did on the hosted page. */
export type CheckoutOutcome = "succeeded" | "failed" | "canceled"

/** The outcomes, in the order the hosted page offers them. */
export const CHECKOUT_OUTCOMES: ReadonlyArray<CheckoutOutcome> = ["succeeded", "failed", "canceled"]

/** What paying, failing or cancelling did. */
export interface CheckoutCompletion {
  /** What the payer did: see {@link CheckoutOutcome}. */
  readonly outcome: CheckoutOutcome
  /** The session afterwards, as the API returns it: `completed` when paid, still `open` otherwise. */
  readonly session: JsonObject
  /** The transaction sent in `PAYMENT_SUCCEEDED` / `PAYMENT_FAILED`; none when the payer canceled. */
  readonly transaction?: JsonObject
  /** Where the hosted page sends the payer: `success_url` when paid, `cancel_url` when canceled, if set. */
  readonly redirectUrl?: string
  /** The events queued, in delivery order; empty when canceled or when no `webhooks` are configured. */
  readonly events: ReadonlyArray<{
    /** The event's `id`. */
    readonly id: string
    /** The event's name. */
    readonly event: WebhookEvent
  }>
}

/** Pays, fails or cancels a session: the one code path of the hosted page, the admin endpoint and `completeCheckout`. */
export type Completer = (
  sessionId: string,
  outcome: CheckoutOutcome,
  origin: string,
) => Promise<CheckoutCompletion>

/** What a payment needs from the sandbox's state. */
export interface PaymentContext {
  readonly store: Store
  readonly now: () => number
  readonly persist: () => Promise<void>
  readonly outbox: WebhookOutbox | undefined
}

const iso = (ms: number): string => new Date(ms).toISOString()

// Session fields a transaction carries over when set; the names follow lomi.'s Transactions API.
const CARRIED = [
  "customer_id",
  "customer_email",
  "customer_name",
  "customer_phone",
  "payment_link_id",
  "product_id",
  "price_id",
  "quantity",
] as const

/**
 * The transaction of one payment attempt, shaped like lomi.'s Transactions API
 * (`apps/api/src/core/transactions/TRANSACTIONS_API_DOC.md`): `status` `completed` or `failed`,
 * `transaction_type` `payment`. Provider internals are left out, as the live webhooks strip them.
 */
const transactionOf = (session: JsonObject, status: "completed" | "failed", at: number): JsonObject => {
  const transaction: JsonObject = {
    transaction_id: crypto.randomUUID(),
    checkout_session_id: session.checkout_session_id as string,
    organization_id: session.organization_id as string,
    environment: session.environment ?? "test",
    transaction_type: "payment",
    status,
    amount: session.amount as number,
    gross_amount: session.amount as number,
    currency_code: session.currency_code as string,
    metadata: session.metadata ?? {},
  }
  if (session.title !== undefined) transaction.description = session.title
  for (const name of CARRIED) {
    const value = session[name]
    if (value !== undefined) transaction[name] = value
  }
  transaction.created_at = iso(at)
  transaction.updated_at = iso(at)
  return transaction
}

/**
 * Plays the payer: `succeeded` completes the session, then queues `PAYMENT_SUCCEEDED` (the transaction)
 * and `CHECKOUT_COMPLETED` (the session); `failed` queues `PAYMENT_FAILED` and leaves the session open;
 * `canceled` changes nothing and sends nothing (lomi. has no event for a payer who leaves).
 * Throws {@link SandboxActionError} for an unknown session, or one that is not `open`.
 */
export const checkoutCompleter =
  (ctx: PaymentContext): Completer =>
  async (sessionId, outcome, origin) => {
    const { store, now, outbox } = ctx
    const found = store.find("checkout_sessions", sessionId)
    if (found === undefined) {
      throw new SandboxActionError("NOT_FOUND", `No checkout session with id ${sessionId}`)
    }
    const at = now()
    const session = renderResource("checkout_sessions", found.item, origin, at)
    if (session.status !== "open") {
      throw new SandboxActionError("CONFLICT", `This checkout session is ${String(session.status)}`)
    }
    if (outcome === "canceled") {
      return typeof session.cancel_url === "string"
        ? { outcome, session, redirectUrl: session.cancel_url, events: [] }
        : { outcome, session, events: [] }
    }
    const environment = String(found.item.environment ?? "test")
    const queue = (event: WebhookEvent, data: JsonObject) =>
      outbox === undefined ? [] : [outbox.enqueue(event, data, sessionId, environment)]
    if (outcome === "failed") {
      const transaction = transactionOf(found.item, "failed", at)
      const events = queue("PAYMENT_FAILED", transaction)
      return { outcome, session, transaction, events: events.map(({ id, event }) => ({ id, event })) }
    }
    // Stored before any await, so two concurrent payments cannot both find the session open.
    const completed: JsonObject = { ...found.item, status: "completed", updated_at: iso(at) }
    store.put(found.ns, "checkout_sessions", completed)
    await ctx.persist()
    const paid = renderResource("checkout_sessions", completed, origin, at)
    const transaction = transactionOf(completed, "completed", at)
    const events = [...queue("PAYMENT_SUCCEEDED", transaction), ...queue("CHECKOUT_COMPLETED", paid)]
    const result = {
      outcome,
      session: paid,
      transaction,
      events: events.map(({ id, event }) => ({ id, event })),
    }
    return typeof session.success_url === "string" ? { ...result, redirectUrl: session.success_url } : result
  }
