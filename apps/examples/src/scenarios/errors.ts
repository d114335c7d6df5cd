import { isLomiError, Lomi, type LomiError } from "@lomi/checkout"
import { BOTH, check, type Scenario } from "../scenario.js"

/** Turns any failure of the SDK into one line; the switch is exhaustive, so a new error kind fails to compile. */
export function explain(err: LomiError): string {
  switch (err._tag) {
    case "LomiValidationError":
      return `invalid input, nothing sent: ${err.issues.map((i) => `${i.path.join(".")} (${i.message})`).join(", ")}`
    case "LomiAuthenticationError":
      return `the API key was refused (${err.status} ${err.code})`
    case "LomiPermissionDeniedError":
      return "this key may not do that"
    case "LomiNotFoundError":
      return `no such resource (${err.status}, request ${err.requestId ?? "-"})`
    case "LomiBadRequestError":
      return `the API rejected the request: ${err.message}`
    case "LomiConflictError":
      return "a request with this idempotency key is still in flight"
    case "LomiRateLimitError":
      return `rate limited, retry after ${err.retryAfter ?? "?"} s`
    case "LomiServerError":
    case "LomiUnexpectedStatusError":
      return `the API answered ${err.status}: ${err.message}`
    case "LomiConnectionError":
      return `could not reach the API: ${err.message}`
    case "LomiTimeoutError":
      return `timed out (${err.kind})`
    case "LomiResponseDecodeError":
      return `the API answered something unexpected: ${err.message}`
    case "LomiUnsupportedOperationError":
      return `${err.operation} does not exist on lomi.'s ${err.apiGeneration} routes, nothing sent`
    default: {
      const unreachable: never = err
      return unreachable
    }
  }
}

const failureOf = (promise: Promise<unknown>): Promise<LomiError> =>
  promise.then(
    () => {
      throw new Error("expected the call to fail")
    },
    (err: unknown) => {
      if (!isLomiError(err)) throw err
      return err
    },
  )

/** 5. A validation failure (no request sent), a 401 with a bad key, a 404. */
export const errors: Scenario = {
  name: "errors",
  title: "Typed errors: validation, authentication, not found",
  needsSandbox: false,
  generations: BOTH,
  async run({ lomi, sandbox, clientOptions, log }) {
    const sentBefore = sandbox?.requests().length
    const invalid = await failureOf(
      lomi.checkoutSessions.create({
        amount: -5,
        currency_code: "GBP" as "XOF",
        success_url: "not a url",
      }),
    )
    log(`validation  ${explain(invalid)}`)
    check(invalid._tag === "LomiValidationError", `expected LomiValidationError, got ${invalid._tag}`)
    check(
      invalid.issues.length === 3,
      `expected 3 issues (amount, currency_code, success_url), got ${invalid.issues.length}`,
    )
    if (sandbox)
      check(sandbox.requests().length === sentBefore, "a validation failure must not send any request")

    const badKey = new Lomi({ ...clientOptions, apiKey: "lomi_sk_test_0123456789abcdef0123456789abcdef" })
    const unauthorized = await failureOf(badKey.checkoutSessions.list())
    log(`bad key     ${explain(unauthorized)}`)
    check(
      unauthorized._tag === "LomiAuthenticationError",
      `expected LomiAuthenticationError, got ${unauthorized._tag}`,
    )

    const missing = await failureOf(lomi.checkoutSessions.retrieve("00000000-0000-4000-8000-000000000000"))
    log(`unknown id  ${explain(missing)}`)
    check(missing._tag === "LomiNotFoundError", `expected LomiNotFoundError, got ${missing._tag}`)
  },
}
