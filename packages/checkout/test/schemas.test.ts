/**
 * The Effect Schemas `@lomi/checkout/effect` exports are derived from the specs the SDK checks with
 * (`toSchema`): on the differential test's corpus (valid inputs with one to three fields changed, left out
 * or added) and on responses, each derived schema accepts exactly what its spec accepts, and refuses it with
 * the same issues, at the same paths, in the same words.
 */
import { Spec, toSchema } from "@lomi/core"
import * as Exit from "effect/Exit"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import * as fc from "fast-check"
import { describe, expect, it } from "vitest"
import { CheckoutSessionSpec } from "../src/CheckoutSession.js"
import {
  CheckoutSessionCreateParamsSpec,
  CheckoutSessionListParamsSpec,
  CheckoutSessionUpdateParamsSpec,
  checkoutSessionCreateChecks,
  checkoutSessionListChecks,
} from "../src/CheckoutSessionParams.js"
import {
  CheckoutSession,
  CheckoutSessionCreateParams,
  CheckoutSessionListParams,
  CheckoutSessionUpdateParams,
  PaymentLink,
  PaymentLinkCreateParams,
  PaymentLinkListParams,
  PaymentLinkUpdateParams,
  WebhookEvent,
  WebhookTransaction,
} from "../src/effect.js"
import { PaymentLinkSpec } from "../src/PaymentLink.js"
import {
  PaymentLinkCreateParamsSpec,
  PaymentLinkListParamsSpec,
  PaymentLinkUpdateParamsSpec,
  paymentLinkCreateChecks,
  paymentLinkListChecks,
} from "../src/PaymentLinkParams.js"
import { WebhookEventSpec } from "../src/WebhookEvent.js"
import { WebhookTransactionSpec } from "../src/WebhookTransaction.js"
import { fieldsOf, inputsOf, type Place } from "./differential/fields.js"
import { EXAMPLES, GENERATIONS } from "./support.js"

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

/** The issues of an Effect Schema decode, as `path: message` (the options core used with Effect Schema). */
const schemaIssues = (schema: Schema.Top, value: unknown): ReadonlyArray<string> => {
  const exit = Schema.decodeUnknownExit(schema as Schema.Codec<unknown>)(value, {
    errors: "all",
    reportInput: true,
    onExcessProperty: "error",
  })
  if (Exit.isSuccess(exit)) return []
  const failure = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (failure === undefined || !Schema.isSchemaError(failure.error)) return ["(not a schema error)"]
  return formatter(failure.error.issue).issues.map(
    (i) =>
      `${(i.path ?? []).map((p) => (typeof p === "object" && p !== null ? p.key : p)).join(".")}: ${i.message}`,
  )
}

const specIssues = (spec: Spec.Spec<unknown>, value: unknown): ReadonlyArray<string> => {
  const parsed = Spec.parse(spec, value)
  return parsed.ok ? [] : parsed.issues.map((i) => `${i.path.join(".")}: ${i.message}`)
}

const RUNS = 400

describe.each(GENERATIONS)("on %s, the derived schema of each input spec", (generation) => {
  const inputs: ReadonlyArray<readonly [string, Spec.Spec<any>, Schema.Top, Place, Record<string, unknown>]> =
    [
      [
        "create_checkout_session",
        checkoutSessionCreateChecks[generation],
        CheckoutSessionCreateParams,
        "body",
        EXAMPLES[generation].createCheckoutSession,
      ],
      [
        "create_payment_link",
        paymentLinkCreateChecks[generation],
        PaymentLinkCreateParams,
        "body",
        EXAMPLES[generation].createPaymentLink,
      ],
      [
        "list_checkout_sessions",
        checkoutSessionListChecks[generation],
        CheckoutSessionListParams,
        "query",
        {},
      ],
      ["list_payment_links", paymentLinkListChecks[generation], PaymentLinkListParams, "query", {}],
    ]

  it.each(inputs)(
    "%s: accepts and refuses what the spec does, in its words",
    (_name, spec, exported, place, base) => {
      const derived = toSchema(spec)
      const cases = inputsOf({ fields: fieldsOf(exported, place), base, place, otherNames: [] })
      fc.assert(
        fc.property(cases, (c) => {
          expect(schemaIssues(derived, c.input)).toEqual(specIssues(spec, c.input))
        }),
        { numRuns: RUNS },
      )
    },
  )
})

describe("the exported Effect Schemas", () => {
  it.each([
    ["CheckoutSessionCreateParams", CheckoutSessionCreateParams, CheckoutSessionCreateParamsSpec, "body"],
    ["CheckoutSessionUpdateParams", CheckoutSessionUpdateParams, CheckoutSessionUpdateParamsSpec, "body"],
    ["CheckoutSessionListParams", CheckoutSessionListParams, CheckoutSessionListParamsSpec, "query"],
    ["PaymentLinkCreateParams", PaymentLinkCreateParams, PaymentLinkCreateParamsSpec, "body"],
    ["PaymentLinkUpdateParams", PaymentLinkUpdateParams, PaymentLinkUpdateParamsSpec, "body"],
    ["PaymentLinkListParams", PaymentLinkListParams, PaymentLinkListParamsSpec, "query"],
  ] as const)("%s accepts and refuses what its spec does, in its words", (_name, exported, spec, place) => {
    const cases = inputsOf({ fields: fieldsOf(exported, place), base: {}, place, otherNames: [] })
    fc.assert(
      fc.property(cases, (c) => {
        expect(schemaIssues(exported, c.input)).toEqual(specIssues(spec as Spec.Spec<unknown>, c.input))
      }),
      { numRuns: RUNS },
    )
  })

  const nullish = fc.constantFrom<unknown>(null, undefined, 1, "x", true, [], {}, { a: 1 }, 2.5)
  const responses = <T>(required: Record<string, unknown>, names: ReadonlyArray<string>) =>
    fc
      .tuple(
        fc.dictionary(fc.constantFrom(...names, "added_later"), nullish, { maxKeys: 6 }),
        fc.subarray(Object.keys(required)),
      )
      .map(([fields, dropped]) => {
        const body: Record<string, unknown> = { ...required, ...fields }
        for (const key of dropped) if (Math.random() < 0.3) delete body[key]
        return body as T
      })

  it.each([
    [
      "CheckoutSession",
      CheckoutSession,
      CheckoutSessionSpec,
      { checkout_session_id: "cs_1", status: "open", amount: 1, currency_code: "XOF", created_at: "t" },
    ],
    ["PaymentLink", PaymentLink, PaymentLinkSpec, { link_id: "pl_1", created_at: "t" }],
    ["WebhookTransaction", WebhookTransaction, WebhookTransactionSpec, { transaction_id: "tx_1" }],
  ] as const)("%s (a response) is accepted by both or by neither", (_name, schema, spec, required) => {
    const names = (spec as unknown as { entries: ReadonlyArray<readonly [string, unknown]> }).entries.map(
      ([k]) => k,
    )
    fc.assert(
      fc.property(responses(required, names), (body) => {
        const decoded = Exit.isSuccess(Schema.decodeUnknownExit(schema as Schema.Codec<unknown>)(body))
        expect(decoded).toBe(Spec.decode(spec as Spec.Spec<unknown>, body).ok)
      }),
      { numRuns: RUNS },
    )
  })

  it("WebhookEvent: every event name, known or not, with good and bad data", () => {
    const events = fc.record(
      {
        id: fc.constantFrom<unknown>("evt_1", 1),
        event: fc.constantFrom<unknown>(
          "PAYMENT_SUCCEEDED",
          "CHECKOUT_COMPLETED",
          "REFUND_CREATED",
          "LATER",
          5,
        ),
        timestamp: fc.constantFrom<unknown>("2026-01-01T00:00:00Z", null),
        data: fc.constantFrom<unknown>(
          { transaction_id: "tx_1" },
          { checkout_session_id: "cs_1", status: "open", amount: 1, currency_code: "XOF", created_at: "t" },
          {},
          [],
          "x",
        ),
        lomi_environment: fc.constantFrom<unknown>("test", "later", null, 1),
      },
      { requiredKeys: ["event"] },
    )
    fc.assert(
      fc.property(events, (event) => {
        const decoded = Exit.isSuccess(Schema.decodeUnknownExit(WebhookEvent)(event))
        expect(decoded).toBe(Spec.decode(WebhookEventSpec, event).ok)
      }),
      { numRuns: RUNS },
    )
  })
})
