import type { FaultRule, FaultRuleState } from "./faults.js"
import { toFetchResponse } from "./fetch.js"
import type { JsonObject } from "./json-value.js"
import type { SandboxHandlerOptions } from "./options.js"
import {
  CHECKOUT_OUTCOMES,
  type CheckoutCompletion,
  type CheckoutOutcome,
  checkoutCompleter,
} from "./payment.js"
import { fromRequest, type SandboxRequest } from "./request.js"
import type { RequestLogEntry, SandboxDispatch } from "./request-log.js"
import { createDispatch } from "./router.js"
import { type SeedOptions, seedCheckoutSessions } from "./seeding.js"
import { closeState, createSandboxState, redeliver, resetState } from "./state.js"
import type { WebhookDelivery } from "./webhooks.js"

// The assembly: one state object (state.ts), the dispatch over it (router.ts → pipeline.ts and the
// route modules), and the controls tests use, each a call into the module that owns it.

/** A runtime-neutral sandbox: a fetch handler plus the controls tests use. */
export interface SandboxHandler {
  /** Standard fetch handler. An injected connection reset rejects with a `TypeError`, as `fetch` would. */
  fetch(request: Request): Promise<Response>
  /** Lower-level entry for adapters that own the socket and can reset it. */
  dispatch(request: SandboxRequest): Promise<SandboxDispatch>
  /** Resolves when persisted data is loaded; requests wait for it on their own. */
  readonly ready: Promise<void>
  /** The first configured API key. */
  readonly apiKey: string
  /** The seed of the fault dice. */
  readonly seed: number | string
  /** Deletes every session, link and idempotency key (persisted too), refills rate buckets, clears the log. */
  reset(): Promise<void>
  /** Replaces the fault rules (throws `FaultSpecError` when invalid); a `seed` restarts the dice. */
  setFaults(rules: ReadonlyArray<FaultRule>, seed?: number | string): void
  /** The current fault rules, with remaining counts of scripted ones. */
  faults(): ReadonlyArray<FaultRuleState>
  /** Every request received so far (bounded by `requestLogLimit`), oldest first. */
  requests(): ReadonlyArray<RequestLogEntry>
  /** Empties the request log. */
  clearRequests(): void
  /**
   * Bulk-inserts `count` open checkout sessions built from `template` (amount, currency and title vary
   * when not given), with increasing `created_at`, and persists once. Returns their ids.
   */
  seedCheckoutSessions(count: number, template?: JsonObject, options?: SeedOptions): Promise<string[]>
  /**
   * Plays the payer of an `open` session, by the same code path as the hosted page's buttons: `succeeded`
   * completes it and queues `PAYMENT_SUCCEEDED` then `CHECKOUT_COMPLETED`; `failed` queues
   * `PAYMENT_FAILED` and leaves it open; `canceled` sends nothing. `origin` (default
   * `http://localhost`) is used for the session's `url`. Rejects with `SandboxActionError` for an
   * unknown session (`NOT_FOUND`) or one that is not open (`CONFLICT`), `TypeError` for another outcome.
   */
  completeCheckout(
    sessionId: string,
    outcome: CheckoutOutcome,
    options?: { readonly origin?: string },
  ): Promise<CheckoutCompletion>
  /** The webhook delivery log, oldest first (empty without `webhooks`). */
  webhookDeliveries(): ReadonlyArray<WebhookDelivery>
  /**
   * Sends a delivered, dead or failed event again (the stored bytes, same `id` and signature) with a fresh
   * set of attempts; resolves with the event once that round ends. Rejects with `SandboxActionError`:
   * `NOT_FOUND` for an unknown id, `CONFLICT` while it is still pending.
   */
  redeliverWebhook(eventId: string): Promise<WebhookDelivery>
  /** Resolves once no webhook is pending: every event delivered, dead or failed (or the sandbox closed). */
  webhooksIdle(): Promise<void>
  /** Cancels pending injected latencies and webhook deliveries (in flight too), and waits for pending writes. */
  close(): Promise<void>
}

/**
 * Creates the sandbox as a runtime-neutral fetch handler (no `node:` imports): it runs in Node, Bun,
 * Deno and workerd. Use `startSandbox` from this package to serve it over node:http.
 */
export const createSandboxHandler = (options: SandboxHandlerOptions = {}): SandboxHandler => {
  const state = createSandboxState(options)
  const complete = checkoutCompleter(state)
  const dispatch = createDispatch(state, complete)
  return {
    dispatch,
    ready: state.ready,
    apiKey: state.keys.first,
    get seed() {
      return state.injector.seed
    },
    fetch: async (request) => toFetchResponse(await dispatch(await fromRequest(request, state.maxBodyBytes))),
    reset: () => resetState(state),
    setFaults(rules, seed) {
      state.injector.set(rules, seed)
    },
    faults: () => state.injector.list(),
    requests: () => state.log.list(),
    clearRequests() {
      state.log.clear()
    },
    seedCheckoutSessions: (count, template, seedOptions) =>
      seedCheckoutSessions(state, count, template, seedOptions),
    async completeCheckout(sessionId, outcome, completeOptions = {}) {
      if (!(CHECKOUT_OUTCOMES as ReadonlyArray<unknown>).includes(outcome)) {
        throw new TypeError(`outcome must be one of ${CHECKOUT_OUTCOMES.join(", ")}, got ${String(outcome)}`)
      }
      await state.ready
      return complete(sessionId, outcome, completeOptions.origin ?? "http://localhost")
    },
    webhookDeliveries: () => state.outbox?.deliveries() ?? [],
    redeliverWebhook: async (eventId) => redeliver(state, eventId).settled,
    webhooksIdle: () => state.outbox?.idle() ?? Promise.resolve(),
    close: () => closeState(state),
  }
}
