// Compile-time checks (run by `tsc` in typecheck) plus the runtime facts they rest on.

import type * as Effect from "effect/Effect"
import { describe, expect, expectTypeOf, it } from "vitest"
import {
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
  type PaymentLink,
  type PaymentLinks,
  paymentLinkOperations,
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
