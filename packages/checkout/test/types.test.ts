// Compile-time checks (run by `tsc` in typecheck) plus the runtime facts they rest on.

import * as Core from "@lomi/core"
import type * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import { describe, expect, expectTypeOf, it } from "vitest"
import {
  type ApiPromise,
  type CheckoutCompletedWebhookEvent,
  CheckoutSession,
  type CheckoutSessionCreateParams,
  type CheckoutSessionCreateParams as CheckoutSessionCreateParamsSchema,
  type CheckoutSessionListParams,
  type CheckoutSessionStatus,
  type CheckoutSessions,
  type CheckoutSessionsResource,
  type CheckoutSessionsService,
  type CheckoutSessionUpdateParams,
  checkoutSessionOperations,
  type JsonObject,
  type JsonValue,
  Lomi,
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
  LomiUnsupportedOperationError,
  type LomiValidationError,
  LomiWebhooks,
  type LomiWebhookVerificationError,
  type Page,
  type PagePromise,
  PaymentLink,
  type PaymentLinkCreateParams,
  type PaymentLinks,
  type PaymentLinksResource,
  type PaymentLinksService,
  type PromiseRequestOptions,
  paymentLinkOperations,
  type RequestOptions,
  type UnknownWebhookEvent,
  type WebhookEvent,
  type WebhookEventOf,
  type Webhooks,
  WebhookTesting,
  type WebhookTransaction,
  type WebhookVerificationReason,
  type WithMeta,
  type WithResponse,
} from "../src/effect.js"

const CheckoutSessionSchema = CheckoutSession
const PaymentLinkSchema = PaymentLink

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
  it("create may conflict; retrieve, update and delete may be not found; update and delete may be unsupported; list none of these", () => {
    expectTypeOf<ErrorOf<Sessions["create"]>>().toEqualTypeOf<Common | LomiConflictError>()
    expectTypeOf<ErrorOf<Sessions["retrieve"]>>().toEqualTypeOf<Common | LomiNotFoundError>()
    expectTypeOf<ErrorOf<Sessions["update"]>>().toEqualTypeOf<
      Common | LomiNotFoundError | LomiUnsupportedOperationError
    >()
    expectTypeOf<ErrorOf<Sessions["delete"]>>().toEqualTypeOf<
      Common | LomiNotFoundError | LomiUnsupportedOperationError
    >()
    expectTypeOf<ErrorOf<Links["update"]>>().toEqualTypeOf<
      Common | LomiNotFoundError | LomiUnsupportedOperationError
    >()
    expectTypeOf<ErrorOf<Links["delete"]>>().toEqualTypeOf<
      Common | LomiNotFoundError | LomiUnsupportedOperationError
    >()
    expectTypeOf<ErrorOf<Sessions["list"]>>().toEqualTypeOf<Common>()
    expectTypeOf<ErrorOf<Links["create"]>>().toEqualTypeOf<Common | LomiConflictError>()
    expectTypeOf<ErrorOf<Links["retrieve"]>>().toEqualTypeOf<Common | LomiNotFoundError>()
    expectTypeOf<ErrorOf<Links["list"]>>().toEqualTypeOf<Common>()
    expectTypeOf<Effect.Success<ReturnType<Sessions["retrieve"]>>>().toEqualTypeOf<CheckoutSession>()
    expectTypeOf<Effect.Success<ReturnType<Links["delete"]>>>().toEqualTypeOf<void>()
    expectTypeOf<LomiError>().toEqualTypeOf<
      Common | LomiConflictError | LomiNotFoundError | LomiUnsupportedOperationError
    >()
    // The descriptions declare the same classes at runtime.
    expect(checkoutSessionOperations.create.errors).toEqual([LomiConflictError])
    expect(checkoutSessionOperations.retrieve.errors).toEqual([LomiNotFoundError])
    expect(checkoutSessionOperations.delete.errors).toEqual([
      LomiNotFoundError,
      LomiUnsupportedOperationError,
    ])
    expect(paymentLinkOperations.update.errors).toEqual([LomiNotFoundError, LomiUnsupportedOperationError])
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
    expectTypeOf<CheckoutSession["currency_code"]>().toEqualTypeOf<"XOF" | "USD" | "EUR" | (string & {})>()
    expectTypeOf<CheckoutSession["customer_email"]>().toEqualTypeOf<string | null | undefined>()
    expectTypeOf<PaymentLink["currency_code"]>().toEqualTypeOf<
      "XOF" | "USD" | "EUR" | (string & {}) | null | undefined
    >()
    expectTypeOf<PaymentLink["link_type"]>().toEqualTypeOf<
      "product" | "instant" | (string & {}) | null | undefined
    >()
  })
})

describe("the fields every response carries are present in the type", () => {
  // Required and non-null: no `!` needed. Everything else stays optional and nullable.
  type Present<T, K extends keyof T> =
    { [P in K]-?: Exclude<T[P], null | undefined> } extends Pick<T, K>
      ? Pick<T, K> extends { [P in K]-?: Exclude<T[P], null | undefined> }
        ? true
        : false
      : false

  it("a checkout session: id, status, amount, currency, creation date", () => {
    expectTypeOf<
      Present<CheckoutSession, "checkout_session_id" | "status" | "amount" | "currency_code" | "created_at">
    >().toEqualTypeOf<true>()
    expectTypeOf<CheckoutSession["checkout_session_id"]>().toEqualTypeOf<string>()
    expectTypeOf<CheckoutSession["status"]>().toEqualTypeOf<CheckoutSessionStatus | (string & {})>()
    expectTypeOf<CheckoutSession["amount"]>().toEqualTypeOf<number>()
    expectTypeOf<CheckoutSession["created_at"]>().toEqualTypeOf<string>()
    expectTypeOf<Present<CheckoutSession, "url">>().toEqualTypeOf<false>()
  })

  it("a payment link: id and creation date (a product link may have no amount or currency)", () => {
    expectTypeOf<Present<PaymentLink, "link_id" | "created_at">>().toEqualTypeOf<true>()
    expectTypeOf<PaymentLink["link_id"]>().toEqualTypeOf<string>()
    expectTypeOf<Present<PaymentLink, "amount">>().toEqualTypeOf<false>()
    expectTypeOf<Present<PaymentLink, "currency_code">>().toEqualTypeOf<false>()
  })

  it("what a user writes compiles without `!`", () => {
    const total = (sessions: ReadonlyArray<CheckoutSession>): number =>
      sessions.reduce((sum, s) => sum + s.amount, 0)
    const ids = (sessions: ReadonlyArray<CheckoutSession>): Array<string> =>
      sessions.filter((s) => s.status === "open").map((s) => s.checkout_session_id)
    const sample = {
      checkout_session_id: "cs",
      status: "open",
      amount: 2500,
      currency_code: "EUR",
      created_at: "2026-03-01T12:00:00Z",
    } satisfies CheckoutSession
    expect(total([sample, sample])).toBe(5000)
    expect(ids([sample])).toEqual(["cs"])
  })
})

describe("named, readable signatures", () => {
  type Resource = CheckoutSessionsResource
  type Options = PromiseRequestOptions | undefined

  it("the Promise client's methods take and return the named types", () => {
    expectTypeOf<Lomi["checkoutSessions"]>().toEqualTypeOf<CheckoutSessionsResource>()
    expectTypeOf<Lomi["paymentLinks"]>().toEqualTypeOf<PaymentLinksResource>()
    expectTypeOf<Resource["create"]>().parameters.toEqualTypeOf<[CheckoutSessionCreateParams, Options?]>()
    expectTypeOf<Resource["create"]>().returns.toEqualTypeOf<ApiPromise<CheckoutSession>>()
    expectTypeOf<Resource["retrieve"]>().parameters.toEqualTypeOf<[string, Options?]>()
    expectTypeOf<Resource["retrieve"]>().returns.toEqualTypeOf<ApiPromise<CheckoutSession>>()
    expectTypeOf<Resource["update"]>().parameters.toEqualTypeOf<
      [string, CheckoutSessionUpdateParams, Options?]
    >()
    expectTypeOf<Resource["update"]>().returns.toEqualTypeOf<ApiPromise<CheckoutSession>>()
    expectTypeOf<Resource["delete"]>().returns.toEqualTypeOf<ApiPromise<void>>()
    expectTypeOf<ApiPromise<CheckoutSession>>().toExtend<Promise<CheckoutSession>>()
    expectTypeOf<ApiPromise<CheckoutSession>["withResponse"]>().returns.toEqualTypeOf<
      Promise<WithResponse<CheckoutSession>>
    >()
    expectTypeOf<PagePromise<CheckoutSession>["withResponse"]>().returns.toEqualTypeOf<
      Promise<WithResponse<Page<CheckoutSession>>>
    >()
    expectTypeOf<Resource["list"]>().parameters.toEqualTypeOf<
      [(CheckoutSessionListParams | undefined)?, Options?]
    >()
    expectTypeOf<Resource["list"]>().returns.toEqualTypeOf<PagePromise<CheckoutSession>>()
    expectTypeOf<Resource["withMeta"]["create"]>().returns.toEqualTypeOf<Promise<WithMeta<CheckoutSession>>>()
    expectTypeOf<Resource["withMeta"]["list"]>().returns.toEqualTypeOf<
      Promise<WithMeta<Page<CheckoutSession>>>
    >()
    expectTypeOf<PaymentLinksResource["create"]>().parameters.toEqualTypeOf<
      [PaymentLinkCreateParams, Options?]
    >()
    expectTypeOf<PaymentLinksResource["retrieve"]>().returns.toEqualTypeOf<ApiPromise<PaymentLink>>()
    expectTypeOf<PaymentLinksResource["list"]>().returns.toEqualTypeOf<PagePromise<PaymentLink>>()
  })

  it("the Effect services are the named interfaces, with exact error unions", () => {
    expectTypeOf<Sessions>().toEqualTypeOf<CheckoutSessionsService>()
    expectTypeOf<Links>().toEqualTypeOf<PaymentLinksService>()
    expectTypeOf<Sessions["create"]>().parameters.toEqualTypeOf<
      [CheckoutSessionCreateParams, (RequestOptions | undefined)?]
    >()
    expectTypeOf<Sessions["create"]>().returns.toEqualTypeOf<
      Effect.Effect<CheckoutSession, Common | LomiConflictError>
    >()
    expectTypeOf<Sessions["delete"]["withResponse"]>().returns.toEqualTypeOf<
      Effect.Effect<WithResponse<void>, Common | LomiNotFoundError | LomiUnsupportedOperationError>
    >()
    expectTypeOf<Sessions["delete"]["withResponse"]>().parameters.toEqualTypeOf<
      Parameters<Sessions["delete"]>
    >()
    expectTypeOf<Sessions["withMeta"]["delete"]>().returns.toEqualTypeOf<
      Effect.Effect<WithMeta<void>, Common | LomiNotFoundError | LomiUnsupportedOperationError>
    >()
    expectTypeOf<Sessions["stream"]>().returns.toEqualTypeOf<Stream.Stream<CheckoutSession, Common>>()
    expectTypeOf<Links["update"]>().returns.toEqualTypeOf<
      Effect.Effect<PaymentLink, Common | LomiNotFoundError | LomiUnsupportedOperationError>
    >()
  })

  it("the schemas decode to the documented interfaces", () => {
    expectTypeOf<typeof CheckoutSessionSchema.Type>().toEqualTypeOf<CheckoutSession>()
    expectTypeOf<typeof CheckoutSessionCreateParamsSchema.Type>().toEqualTypeOf<CheckoutSessionCreateParams>()
    expectTypeOf<typeof PaymentLinkSchema.Type>().toEqualTypeOf<PaymentLink>()
  })

  it("wrong input does not compile", () => {
    const lomi = new Lomi({ apiKey: "lomi_sk_test_0123456789abcdef" })
    // @ts-expect-error currency_code is required
    void lomi.checkoutSessions.create({ amount: 2500 }).catch(() => {})
    // @ts-expect-error GBP is not a currency lomi. settles
    void lomi.checkoutSessions.create({ amount: 2500, currency_code: "GBP" }).catch(() => {})
    // @ts-expect-error the sort field must be one the API sorts by
    void lomi.paymentLinks.list({ sort: "url:asc" }).catch(() => {})
    expect(lomi.checkoutSessions.create).toBeTypeOf("function")
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

describe("the JSON types", () => {
  it("are core's, declared again without core's Effect Schemas of the same names", () => {
    expectTypeOf<JsonValue>().toEqualTypeOf<Core.JsonValue>()
    expectTypeOf<JsonObject>().toEqualTypeOf<Core.JsonObject>()
    expectTypeOf<CheckoutSessionCreateParams["metadata"]>().toEqualTypeOf<Core.JsonObject | undefined>()
    expect(Core.JsonValue).toBeDefined()
  })
})
