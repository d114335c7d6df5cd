/**
 * Webhook events: the envelope lomi. POSTs to a merchant's endpoint, as one spec union discriminated by
 * `event` (its Effect Schema, derived from the spec, is in `Schemas.ts`). Decoded leniently, as API
 * responses are: unknown fields are kept, optional fields may be `null`, and an event name added after this
 * SDK was released decodes as an {@link UnknownWebhookEvent} instead of failing.
 */

import { Spec } from "@lomi/core"
import { type CheckoutSession, CheckoutSessionSpec } from "./CheckoutSession.js"
import { documented } from "./internal/documented.js"
import { Nullable, Open, OpenEnum, OpenRecord } from "./internal/fields.js"
import { type WebhookTransaction, WebhookTransactionSpec } from "./WebhookTransaction.js"

/** The events whose `data` is the transaction (the 1.1.0 generation's `PAYMENT_CANCELED` included). */
export const PAYMENT_WEBHOOK_EVENT_NAMES = [
  "PAYMENT_CREATED",
  "PAYMENT_SUCCEEDED",
  "PAYMENT_FAILED",
  "PAYMENT_CANCELED",
] as const
/** An event whose `data` is a {@link WebhookTransaction}. */
export type PaymentWebhookEventName = (typeof PAYMENT_WEBHOOK_EVENT_NAMES)[number]

/** Events whose `data` the contract does not describe yet: a {@link WebhookEventData} until it does. */
export const RECORD_WEBHOOK_EVENT_NAMES = [
  "REFUND_CREATED",
  "REFUND_COMPLETED",
  "REFUND_FAILED",
  "SUBSCRIPTION_CREATED",
  "SUBSCRIPTION_UPDATED",
  "SUBSCRIPTION_RENEWED",
  "SUBSCRIPTION_CANCELLED",
  "USAGE_RECORDED",
  "USAGE_INVOICE_CREATED",
  "USAGE_INVOICE_PAID",
  "USAGE_INVOICE_OVERDUE",
  "SUBSCRIPTION_USAGE_PERIOD_CLOSED",
  "DISPUTE_CREATED",
  "DISPUTE_UPDATED",
  "DISPUTE_CLOSED",
] as const
/** An event whose `data` is a {@link WebhookEventData} (refunds, subscriptions, usage, disputes). */
export type RecordWebhookEventName = (typeof RECORD_WEBHOOK_EVENT_NAMES)[number]

/** Every event name this SDK knows: today's catalogue, plus `CHECKOUT_COMPLETED` and `PAYMENT_CANCELED` of 1.1.0. */
export const WEBHOOK_EVENT_NAMES = [
  ...PAYMENT_WEBHOOK_EVENT_NAMES,
  ...RECORD_WEBHOOK_EVENT_NAMES,
  "CHECKOUT_COMPLETED",
] as const
/** An event name this SDK knows. */
export type WebhookEventName = (typeof WEBHOOK_EVENT_NAMES)[number]

/** The `data` of an event this SDK does not describe yet: the JSON object as sent. */
export interface WebhookEventData {
  /** Any field lomi. sent. */
  readonly [field: string]: unknown
}

/**
 * The envelope of every webhook event, `{ id, event, timestamp, data, lomi_environment }`, serialised once
 * by lomi. and signed as sent. Fields lomi. adds later are kept on the object, unlisted here.
 */
export interface WebhookEventEnvelope<Name extends string, Data> {
  /** Unique per event and identical on every retry of it: de-duplicate on it. */
  readonly id: string
  /** The event's name, e.g. `PAYMENT_SUCCEEDED`: `switch` on it to narrow `data`. */
  readonly event: Name
  /** When the event was first sent (ISO 8601 date-time); a retry keeps it, so it can be hours old. */
  readonly timestamp: string
  /** What the event is about: the transaction, the checkout session, or the object lomi. sent. */
  readonly data: Data
  /** The lomi. environment that sent it: `test` or `live`. */
  readonly lomi_environment?: "test" | "live" | (string & {}) | null | undefined
}

/** A `PAYMENT_*` event: its `data` is the transaction. */
export type PaymentWebhookEvent = {
  readonly [N in PaymentWebhookEventName]: WebhookEventEnvelope<N, WebhookTransaction>
}[PaymentWebhookEventName]

/** A `CHECKOUT_COMPLETED` event (the 1.1.0 generation): its `data` is the checkout session. */
export interface CheckoutCompletedWebhookEvent
  extends WebhookEventEnvelope<"CHECKOUT_COMPLETED", CheckoutSession> {}

/** A refund, subscription, usage or dispute event: its `data` is the object as sent. */
export type RecordWebhookEvent = {
  readonly [N in RecordWebhookEventName]: WebhookEventEnvelope<N, WebhookEventData>
}[RecordWebhookEventName]

// The envelope is serialised once by lomi. and signed as sent; the field order here is the wire's.
const envelope = <N extends string, D>(event: Spec.Spec<N>, data: Spec.Spec<D>) =>
  Open({
    id: Spec.string(),
    event,
    timestamp: Spec.string(),
    data,
    lomi_environment: Nullable(OpenEnum(["test", "live"])),
  })

// One member per name, so `Extract<WebhookEvent, { event: "X" }>` and `case "X":` both find exactly one.
const members = (names: ReadonlyArray<string>, data: Spec.Spec<any>) =>
  Object.fromEntries(names.map((name) => [name, envelope(Spec.literals([name]), data)]))

const KNOWN_NAMES: ReadonlySet<string> = new Set(WEBHOOK_EVENT_NAMES)

/**
 * The type of `event` in an {@link UnknownWebhookEvent}: at runtime, any name this SDK does not know. Typed
 * as a template pattern that no catalogued name matches, so `case "PAYMENT_SUCCEEDED":` narrows to that
 * event alone, and `default:` gets the unknown one. (A branded `string & Brand<...>` would not do: TypeScript
 * finds it comparable to every string literal, and the switch would not narrow at all.) Compare it with a
 * name this SDK does not list through a cast: `(event.event as string) === "NEW_EVENT"`.
 */
export type UnknownWebhookEventName = `${string} (unknown event)`

// Never a catalogued name: such an event is decoded as its own (the derived Effect Schema, a plain union,
// relies on this to refuse a catalogued event whose data is wrong rather than take it as an unknown one).
const UnknownEventName = Spec.string((name) =>
  KNOWN_NAMES.has(name) ? `Expected ${name} to decode as its own event, not as an unknown one` : undefined,
) as Spec.Spec<UnknownWebhookEventName>

/** An event this SDK has no spec for (added to the catalogue later): its `data` is the object as sent. */
export interface UnknownWebhookEvent
  extends WebhookEventEnvelope<UnknownWebhookEventName, WebhookEventData> {}

/** Decodes an event this SDK has no spec for; on the wire its name is any string. */
export const UnknownWebhookEventSpec = /*#__PURE__*/ documented<UnknownWebhookEvent>()(
  envelope(UnknownEventName, OpenRecord),
)

/**
 * A webhook event as lomi. sends it: `{ id, event, timestamp, data, lomi_environment }`. `data` is a
 * {@link WebhookTransaction} for `PAYMENT_*`, a {@link CheckoutSession} for `CHECKOUT_COMPLETED`, and the
 * object as sent otherwise. `switch (event.event)` narrows `data`; a name added later reaches `default` as
 * an {@link UnknownWebhookEvent}.
 */
export type WebhookEvent =
  | PaymentWebhookEvent
  | CheckoutCompletedWebhookEvent
  | RecordWebhookEvent
  | UnknownWebhookEvent

/**
 * Decodes a webhook event leniently, each catalogued name against its own `data` (a failure is reported
 * against the event the body claims to be).
 */
export const WebhookEventSpec: Spec.Spec<WebhookEvent> = /*#__PURE__*/ Spec.union(
  "event",
  {
    ...members(PAYMENT_WEBHOOK_EVENT_NAMES, WebhookTransactionSpec),
    ...members(["CHECKOUT_COMPLETED"], CheckoutSessionSpec),
    ...members(RECORD_WEBHOOK_EVENT_NAMES, OpenRecord),
  },
  UnknownWebhookEventSpec,
) as Spec.Spec<WebhookEvent>

/** The event of the given name, e.g. `WebhookEventOf<"PAYMENT_SUCCEEDED">`. */
export type WebhookEventOf<N extends WebhookEventName> = Extract<
  WebhookEvent,
  {
    /** The name to pick. */
    readonly event: N
  }
>
