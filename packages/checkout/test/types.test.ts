// Compile-time checks (run by `tsc` in typecheck) plus the runtime facts they rest on.

import type * as Effect from "effect/Effect"
import { describe, expect, expectTypeOf, it } from "vitest"
import {
  type CheckoutCompletedWebhookEvent,
  type CheckoutSession,
  type CheckoutSessions,
  checkoutSessionOperations,
  type LomiAuthenticationError,
  type LomiBadRequestError,
  LomiConflictError,
  type LomiConnectionError,
  type LomiError,
  LomiNotFoundError,
  type LomiPermissionDeniedError,
  type LomiRateLimitError,
  type LomiResponseDecodeError,
  type LomiServerError,
  type LomiTimeoutError,
  type LomiUnexpectedStatusError,
  type LomiValidationError,
  LomiWebhooks,
  type LomiWebhookVerificationError,
  type PaymentLink,
  type PaymentLinks,
  paymentLinkOperations,
  type UnknownWebhookEvent,
  type WebhookEvent,
  type WebhookEventOf,
  type Webhooks,
  WebhookTesting,
  type WebhookTransaction,
  type WebhookVerificationReason,
} from "../src/index.js"

type Common =
  | LomiValidationError
  | LomiBadRequestError
  | LomiAuthenticationError
  | LomiPermissionDeniedError
  | LomiRateLimitError
  | LomiServerError
  | LomiUnexpectedStatusError
  | LomiConnectionError
  | LomiTimeoutError
  | LomiResponseDecodeError

type ErrorOf<F extends (...args: any) => Effect.Effect<any, any, any>> = Effect.Error<ReturnType<F>>
type Sessions = CheckoutSessions["Service"]
type Links = PaymentLinks["Service"]

describe("each operation's error union", () => {
  it("create may conflict; retrieve, update and delete may be not found; list neither", () => {
    expectTypeOf<ErrorOf<Sessions["create"]>>().toEqualTypeOf<Common | LomiConflictError>()
    expectTypeOf<ErrorOf<Sessions["retrieve"]>>().toEqualTypeOf<Common | LomiNotFoundError>()
    expectTypeOf<ErrorOf<Sessions["update"]>>().toEqualTypeOf<Common | LomiNotFoundError>()
    expectTypeOf<ErrorOf<Sessions["delete"]>>().toEqualTypeOf<Common | LomiNotFoundError>()
    expectTypeOf<ErrorOf<Sessions["list"]>>().toEqualTypeOf<Common>()
    expectTypeOf<ErrorOf<Links["create"]>>().toEqualTypeOf<Common | LomiConflictError>()
    expectTypeOf<ErrorOf<Links["retrieve"]>>().toEqualTypeOf<Common | LomiNotFoundError>()
    expectTypeOf<ErrorOf<Links["list"]>>().toEqualTypeOf<Common>()
    expectTypeOf<Effect.Success<ReturnType<Sessions["retrieve"]>>>().toEqualTypeOf<CheckoutSession>()
    expectTypeOf<Effect.Success<ReturnType<Links["delete"]>>>().toEqualTypeOf<void>()
    expectTypeOf<LomiError>().toEqualTypeOf<Common | LomiConflictError | LomiNotFoundError>()
    // The descriptions declare the same classes at runtime.
    expect(checkoutSessionOperations.create.errors).toEqual([LomiConflictError])
    expect(checkoutSessionOperations.retrieve.errors).toEqual([LomiNotFoundError])
    expect(paymentLinkOperations.list.errors).toEqual([])
  })

  it("an exhaustive switch over an operation's errors compiles", () => {
    const describeRetrieveError = (err: ErrorOf<Links["retrieve"]>): string => {
      switch (err._tag) {
        case "LomiNotFoundError":
          return "gone"
        case "LomiValidationError":
          return err.issues.map((i) => i.path.join(".")).join(",")
        case "LomiBadRequestError":
        case "LomiAuthenticationError":
        case "LomiPermissionDeniedError":
        case "LomiServerError":
        case "LomiUnexpectedStatusError":
        case "LomiConnectionError":
        case "LomiResponseDecodeError":
          return err.message
        case "LomiRateLimitError":
          return String(err.retryAfter)
        case "LomiTimeoutError":
          return err.kind
        default: {
          const unreachable: never = err
          return unreachable
        }
      }
    }
    expect(
      describeRetrieveError(
        new LomiNotFoundError({
          message: "no",
          status: 404,
          code: "NOT_FOUND",
          requestId: undefined,
          retryable: false,
          attempts: 1,
          idempotencyKey: undefined,
        }),
      ),
    ).toBe("gone")
  })

  it("response types keep the wire names, nulls and unknown enum values", () => {
    expectTypeOf<CheckoutSession["currency_code"]>().toEqualTypeOf<
      "XOF" | "USD" | "EUR" | (string & {}) | null | undefined
    >()
    expectTypeOf<PaymentLink["link_id"]>().toEqualTypeOf<string>()
  })
})

describe("webhook events narrow on `event`", () => {
  // What a receiver writes: each case sees its own data, and the unknown event only reaches `default`.
  const describeEvent = (event: WebhookEvent): string => {
    switch (event.event) {
      case "PAYMENT_SUCCEEDED": {
        expectTypeOf(event.data).toEqualTypeOf<WebhookTransaction>()
        expectTypeOf(event.data.checkout_session_id).toEqualTypeOf<string | null | undefined>()
        expectTypeOf(event.data.transaction_id).toEqualTypeOf<string>()
        return `paid ${event.data.checkout_session_id ?? "outside a checkout session"}`
      }
      case "CHECKOUT_COMPLETED":
        expectTypeOf(event.data).toEqualTypeOf<CheckoutSession>()
        return `completed ${event.data.checkout_session_id}`
      case "REFUND_CREATED":
        expectTypeOf(event.data).toEqualTypeOf<{ readonly [x: string]: unknown }>()
        return "refund"
      case "PAYMENT_CREATED":
      case "PAYMENT_FAILED":
      case "PAYMENT_CANCELED":
        return event.data.transaction_id
      case "REFUND_COMPLETED":
      case "REFUND_FAILED":
      case "SUBSCRIPTION_CREATED":
      case "SUBSCRIPTION_UPDATED":
      case "SUBSCRIPTION_RENEWED":
      case "SUBSCRIPTION_CANCELLED":
      case "USAGE_RECORDED":
      case "USAGE_INVOICE_CREATED":
      case "USAGE_INVOICE_PAID":
      case "USAGE_INVOICE_OVERDUE":
      case "SUBSCRIPTION_USAGE_PERIOD_CLOSED":
      case "DISPUTE_CREATED":
      case "DISPUTE_UPDATED":
      case "DISPUTE_CLOSED":
        return event.event
      default: {
        expectTypeOf(event).toEqualTypeOf<UnknownWebhookEvent>()
        const name: string = event.event
        return `unknown ${name}`
      }
    }
  }

  it("each case gets its data, and default the generic event", async () => {
    const secret = "whsec_types"
    const webhooks = new LomiWebhooks({ secret })
    const receive = async (body: string) =>
      describeEvent(await webhooks.unwrap(body, await WebhookTesting.headers({ payload: body, secret })))
    expect(
      await receive(
        WebhookTesting.event({
          event: "PAYMENT_SUCCEEDED",
          data: { transaction_id: "t", checkout_session_id: "cs" },
        }),
      ),
    ).toBe("paid cs")
    expect(await receive(WebhookTesting.event({ event: "NEW_EVENT", data: {} }))).toBe("unknown NEW_EVENT")
  })

  it("per-member types, the error union and the Effect service", () => {
    expectTypeOf<WebhookEventOf<"PAYMENT_FAILED">["data"]>().toEqualTypeOf<WebhookTransaction>()
    expectTypeOf<CheckoutCompletedWebhookEvent["data"]>().toEqualTypeOf<CheckoutSession>()
    expectTypeOf<
      Extract<WebhookEvent, { readonly event: "PAYMENT_SUCCEEDED" }>["event"]
    >().toEqualTypeOf<"PAYMENT_SUCCEEDED">()
    expectTypeOf<LomiWebhookVerificationError["reason"]>().toEqualTypeOf<WebhookVerificationReason>()
    expectTypeOf<LomiWebhookVerificationError["_tag"]>().toEqualTypeOf<"LomiWebhookVerificationError">()
    type Unwrap = Webhooks["Service"]["unwrap"]
    expectTypeOf<Effect.Error<ReturnType<Unwrap>>>().toEqualTypeOf<LomiWebhookVerificationError>()
    expectTypeOf<Effect.Success<ReturnType<Unwrap>>>().toEqualTypeOf<WebhookEvent>()
    expectTypeOf<ReturnType<LomiWebhooks["unwrap"]>>().toEqualTypeOf<Promise<WebhookEvent>>()
    // A test event's data is checked against the event's schema: a payment needs its transaction_id.
    // @ts-expect-error transaction_id is required for PAYMENT_SUCCEEDED
    WebhookTesting.event({ event: "PAYMENT_SUCCEEDED", data: { amount: 1 } })
  })
})
