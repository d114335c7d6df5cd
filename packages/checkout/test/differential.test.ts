/// <reference types="node" />
/**
 * The contract, kept twice on purpose, checked for drift. The SDK's input schemas and the sandbox's
 * validation are written independently (the sandbox never imports the SDK), so each can catch the other;
 * this test makes them agree. Inputs are generated from the SDK's own schemas (`differential/fields.ts`),
 * and for every create, update and list operation of each generation that has it:
 *
 * - the SDK is asked first, through the Promise client against a sandbox on 127.0.0.1;
 * - if it refuses (`LomiValidationError`), the same input sent as is to the same route must be a 400 naming
 *   every top-level field the SDK named (`differential/wire.ts` reads both generations' error bodies);
 * - if it takes the input, the request went out and the call resolving is the sandbox's 2xx (a 409 for a
 *   chosen id already taken counts: validation passed). A 400 there is a drift;
 * - inputs go in batches of up to `BATCH` in flight, and after each batch the sandbox's own request log must
 *   hold exactly one request per input the SDK took and one per input sent as is: a call the SDK refused
 *   sent nothing.
 *
 * Any drift fails the test with a shrunk counterexample (the message names the input): there is no list of
 * tolerated ones, a disagreement is fixed on the side the contract says is wrong. Replay a failure with the
 * seed and path fast-check prints:
 * `FC_SEED=<seed> FC_PATH=<path> npx vitest run --project checkout differential -t '<name>'`. Each operation
 * gets about 2000 inputs, scaled by `FC_RUNS` / 1000 as the other property tests are.
 */
import * as fc from "fast-check"
import { afterAll, describe, it } from "vitest"
import type { Lomi, LomiValidationIssue } from "../src/effect.js"
// The one place the SDK's input schemas come from: repoint this line when they move.
import {
  CheckoutSessionCreateParams,
  CheckoutSessionListParams,
  CheckoutSessionUpdateParams,
  PaymentLinkCreateParams,
  PaymentLinkListParams,
  PaymentLinkUpdateParams,
} from "../src/effect.js"
import { type Case, fieldsOf, inputsOf, namesOf, type Place } from "./differential/fields.js"
import {
  closeConnections,
  type Generation,
  type SandboxVerdict,
  sendRaw,
  WHOLE,
  type WireRoute,
} from "./differential/wire.js"
import { EXAMPLES, reference, useSandbox } from "./support.js"

const SEED =
  process.env.FC_SEED === undefined
    ? (Date.now() ^ (Math.random() * 2 ** 31)) | 0
    : Number(process.env.FC_SEED)
const PATH = process.env.FC_PATH
// `FC_RUNS` scales every property-based test alike (1000 is the default scale, as in fuzz.test.ts).
const RUNS = Math.max(1, Math.round((2000 * Number(process.env.FC_RUNS ?? 1000)) / 1000))
/** The most inputs of one operation in flight at once. */
const BATCH = 8

type Input = Record<string, unknown>
type Ids = { readonly session: string; readonly link: string }

/** One operation on one generation: its schema, a valid input to start from, its call and its route. */
interface Operation {
  readonly generation: Generation
  /** The operation's name, as the sandbox's request log has it. */
  readonly name: string
  readonly schema: Parameters<typeof fieldsOf>[0]
  readonly place: Place
  readonly base: Input
  readonly call: (lomi: Lomi, input: Input, ids: Ids) => PromiseLike<unknown>
  readonly method: WireRoute["method"]
  /** The route's path under the generation's base URL. */
  readonly path: (ids: Ids) => string
  readonly wireNames?: Readonly<Record<string, string>>
}

const v1 = "v1" as const
const today = "2025-12" as const

// The routes are the contract's (the sandbox's README, "Two generations of routes"), written here rather
// than read from the SDK, which is what is being checked.
const OPERATIONS: ReadonlyArray<Operation> = [
  ...[v1, today].flatMap((generation): Array<Operation> => {
    const sessions = generation === v1 ? "/checkout_sessions" : "/checkout-sessions"
    const links = generation === v1 ? "/payment_links" : "/payment-links"
    return [
      {
        generation,
        name: "create_checkout_session",
        schema: CheckoutSessionCreateParams,
        place: "body",
        base: EXAMPLES[generation].createCheckoutSession,
        call: (lomi, input) => lomi.checkoutSessions.create(input as never),
        method: "POST",
        path: () => sessions,
      },
      {
        generation,
        name: "create_payment_link",
        schema: PaymentLinkCreateParams,
        place: "body",
        base: EXAMPLES[generation].createPaymentLink,
        call: (lomi, input) => lomi.paymentLinks.create(input as never),
        method: "POST",
        path: () => links,
      },
      {
        generation,
        name: "list_checkout_sessions",
        schema: CheckoutSessionListParams,
        place: "query",
        base: {},
        call: (lomi, input) => lomi.checkoutSessions.list(input as never),
        method: "GET",
        path: () => sessions,
      },
      {
        generation,
        name: "list_payment_links",
        schema: PaymentLinkListParams,
        place: "query",
        base: {},
        call: (lomi, input) => lomi.paymentLinks.list(input as never),
        method: "GET",
        path: () => links,
        // Today's routes spell the filters in camelCase.
        ...(generation === today ? { wireNames: { link_type: "linkType", is_active: "isActive" } } : {}),
      },
    ]
  }),
  {
    generation: v1,
    name: "update_checkout_session",
    schema: CheckoutSessionUpdateParams,
    place: "body",
    base: reference.updateCheckoutSession,
    call: (lomi, input, ids) => lomi.checkoutSessions.update(ids.session, input as never),
    method: "PATCH",
    path: (ids) => `/checkout_sessions/${ids.session}`,
  },
  {
    generation: v1,
    name: "update_payment_link",
    schema: PaymentLinkUpdateParams,
    place: "body",
    base: reference.updatePaymentLink,
    call: (lomi, input, ids) => lomi.paymentLinks.update(ids.link, input as never),
    method: "PATCH",
    path: (ids) => `/payment_links/${ids.link}`,
  },
]

// Every name any input schema has: unknown fields of the others, and names today's sentences may start with.
const ALL_NAMES = [
  ...new Set(
    [
      CheckoutSessionCreateParams,
      CheckoutSessionUpdateParams,
      CheckoutSessionListParams,
      PaymentLinkCreateParams,
      PaymentLinkUpdateParams,
      PaymentLinkListParams,
    ].flatMap(namesOf),
  ),
]

// ------------------------------------------------------------------------------------------- the run

/** What one operation's run saw, printed at the end. */
interface Tally {
  inputs: number
  sdkAccepted: number
  sdkRefused: number
  idTaken: number
  ms: number
}
const tallies = new Map<string, Tally>()

afterAll(() => {
  closeConnections()
  const lines = [`differential: seed ${SEED}, about ${RUNS} inputs per operation, ${BATCH} at most in flight`]
  for (const [name, t] of tallies)
    lines.push(
      `${name.padEnd(31)} ${String(t.inputs).padStart(5)} inputs: SDK accepted ${t.sdkAccepted}` +
        `${t.idTaken > 0 ? ` (${t.idTaken} ids taken)` : ""}, refused ${t.sdkRefused}; ${(t.ms / 1000).toFixed(1)} s`,
    )
  console.log(lines.join("\n"))
})

const ctx = useSandbox({ requestLogLimit: 100 })

/** The top-level field of each issue the SDK reported (`body.amount` → `amount`; `body` → the whole input). */
const sdkFields = (issues: ReadonlyArray<LomiValidationIssue>): Set<string> =>
  new Set(issues.map((issue) => (issue.path.length <= 1 ? WHOLE : String(issue.path[1]))))

type Settled = { readonly ok: true } | { readonly ok: false; readonly error: unknown }
const settle = async (promise: PromiseLike<unknown>): Promise<Settled> => {
  try {
    await promise
    return { ok: true }
  } catch (error) {
    return { ok: false, error }
  }
}
const tagOf = (error: unknown) => (error as { _tag?: unknown })?._tag
const printed = (c: Case) => String((c as unknown as Record<symbol, () => string>)[fc.toStringMethod]?.())
const listed = (fields: Iterable<string>) => [...fields].map((f) => JSON.stringify(f)).join(", ")

/** One run of an operation: what it calls, where it sends inputs as is, and what it counts. */
interface Run {
  readonly op: Operation
  readonly lomi: Lomi
  readonly route: WireRoute
  readonly ids: Ids
  readonly tally: Tally
  /** Requests the inputs of the current batch made, as far as the test knows. */
  requests: number
}

/** Fails on a disagreement about `fields`, naming the input. */
const disagree = (c: Case, refusedBy: "sdk" | "sandbox", fields: ReadonlySet<string>, why: string): never => {
  const them = fields.size > 1 ? "them" : "it"
  // The input itself, as a batch's counterexample may hold others that pass.
  throw new Error(
    `${
      refusedBy === "sdk"
        ? `drift: the SDK refuses ${listed(fields)}, the sandbox takes ${them}`
        : `drift: the SDK takes ${listed(fields)}, the sandbox refuses ${them}`
    }. Input: ${printed(c)}. ${why}`,
  )
}

/** Sends `c` as is to the operation's route, counting the request. */
const raw = (run: Run, c: Case) => {
  run.requests++
  return sendRaw(run.route, ctx.sandbox.apiKey, c.input, ALL_NAMES)
}

/** Asks the SDK, then the sandbox, about one input; throws on a disagreement. */
const checkOne = async (run: Run, c: Case) => {
  const { op, tally } = run
  tally.inputs++
  const settled = await settle(op.call(run.lomi, c.input, run.ids))
  if (!settled.ok && tagOf(settled.error) === "LomiValidationError") {
    tally.sdkRefused++
    const issues = (settled.error as { issues: ReadonlyArray<LomiValidationIssue> }).issues
    const fields = sdkFields(issues)
    const sdk = `SDK: ${issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`
    const verdict = await raw(run, c)
    // A 409 is a chosen id already taken: the body passed validation.
    if (verdict.status < 300 || verdict.status === 409)
      return disagree(c, "sdk", fields, `${sdk}; sandbox: ${verdict.status}`)
    if (verdict.status !== 400) throw new Error(`the sandbox answered ${verdict.status}: ${verdict.body}`)
    if (verdict.partial) {
      // Nest's ParseIntPipe stops at `limit` or `offset`: the SDK must have refused one of them.
      if ([...fields].some((f) => verdict.fields.has(f))) return
      return disagree(c, "sandbox", verdict.fields, `${sdk}; sandbox: ${verdict.body}`)
    }
    const unnamed = new Set([...fields].filter((f) => !verdict.fields.has(f)))
    if (unnamed.size > 0) disagree(c, "sdk", unnamed, `${sdk}; sandbox: ${verdict.body}`)
    return
  }
  // The SDK took the input and sent it (with no retries: one request).
  tally.sdkAccepted++
  run.requests++
  if (settled.ok) return
  const error = settled.error as { _tag?: unknown; status?: unknown }
  if (error._tag === "LomiConflictError") {
    tally.idTaken++
    return
  }
  if (error.status !== 400) throw new Error(`the SDK took the input, then the call failed: ${String(error)}`)
  const verdict: SandboxVerdict = await raw(run, c)
  return disagree(c, "sandbox", verdict.fields, `sandbox: ${verdict.body}`)
}

/**
 * Checks a batch of inputs with all of them in flight, then holds the sandbox's own request log against
 * what the test knows was sent: one request per input the SDK took, one per input sent as is. Any more
 * means a call the SDK refused sent something (or one it took was sent twice).
 */
const checkBatch = async (run: Run, batch: ReadonlyArray<Case>) => {
  const log = ctx.sandbox.requests()
  const mark = log[log.length - 1]
  run.requests = 0
  const results = await Promise.allSettled(batch.map((c) => checkOne(run, c)))
  const after = ctx.sandbox.requests()
  const from = mark === undefined ? 0 : after.lastIndexOf(mark) + 1
  if (mark !== undefined && from === 0) throw new Error("the request log was trimmed past the batch's start")
  const received = after.length - from
  if (received !== run.requests)
    throw new Error(
      `the sandbox received ${received} requests for ${batch.length} inputs that made ${run.requests}: ` +
        "a call the SDK refused sent something, or one it took was sent more than once",
    )
  for (const result of results) if (result.status === "rejected") throw result.reason
}

/** A session and a link to update, created as is through `/v1`. */
const targets = async (): Promise<Ids> => {
  const create = async (path: string, body: object, id: string) => {
    const response = await fetch(`${ctx.sandbox.url}${path}`, {
      method: "POST",
      headers: { "x-api-key": ctx.sandbox.apiKey, "content-type": "application/json" },
      body: JSON.stringify(body),
    })
    if (response.status !== 201) throw new Error(`could not create ${path}: ${await response.text()}`)
    return ((await response.json()) as Record<string, string>)[id]!
  }
  return {
    session: await create("/checkout_sessions", reference.createCheckoutSession, "checkout_session_id"),
    link: await create("/payment_links", reference.createPaymentLink, "link_id"),
  }
}

describe("the SDK and the sandbox agree on every input generated from the SDK's schemas", () => {
  it.each(OPERATIONS.map((op) => [`${op.generation} ${op.name}`, op] as const))(
    "%s",
    async (name, op) => {
      const started = performance.now()
      const tally: Tally = { inputs: 0, sdkAccepted: 0, sdkRefused: 0, idTaken: 0, ms: 0 }
      tallies.set(name, tally)
      const ids = await targets()
      const run: Run = {
        op,
        lomi: ctx.clientOf(op.generation, { maxRetries: 0 }),
        route: {
          generation: op.generation,
          method: op.method,
          url: `${ctx.baseUrlOf(op.generation)}${op.path(ids)}`,
          place: op.place,
          ...(op.wireNames === undefined ? {} : { wireNames: op.wireNames }),
        },
        ids,
        tally,
        requests: 0,
      }
      const fields = fieldsOf(op.schema, op.place)
      const inputs = inputsOf({
        fields,
        base: op.base,
        place: op.place,
        otherNames: ALL_NAMES,
        reserved: Object.values(op.wireNames ?? {}),
        extraValues: [ids.session, ids.link],
      })
      try {
        await fc.assert(
          fc.asyncProperty(fc.array(inputs, { minLength: 1, maxLength: BATCH }), (batch) =>
            checkBatch(run, batch),
          ),
          // Batches hold 1 to BATCH inputs, about (1 + BATCH) / 2 on average.
          {
            numRuns: Math.ceil((2 * RUNS) / (1 + BATCH)),
            seed: SEED,
            ...(PATH === undefined ? {} : { path: PATH }),
          },
        )
      } finally {
        tally.ms = performance.now() - started
      }
    },
    120_000,
  )
})
