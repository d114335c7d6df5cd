/// <reference types="node" />
import * as Effect from "effect/Effect"
import * as References from "effect/References"
import type { LomiClientOptions } from "../../src/Config.js"
import { LomiConflictError, LomiNotFoundError } from "../../src/Errors.js"
import { type LomiClientService, make } from "../../src/LomiClient.js"
import { makeOperation } from "../../src/Operation.js"
import { RetryPolicy } from "../../src/Retry.js"
import * as Spec from "../../src/Spec.js"

export const API_KEY = "lomi_sk_test_0123456789abcdef0123456789abcdef"

/** Backoff in milliseconds rather than seconds, so retry tests run fast; the rules are unchanged. */
export const fastPolicy = { initialDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 60_000 }

/**
 * Runs an effect with the fast retry policy, its log lines dropped (retries log warnings through Effect's
 * default logger; tests that read them use `Logger.capture`).
 */
export const run = <A, E>(effect: Effect.Effect<A, E>): Promise<A> =>
  Effect.runPromise(
    effect.pipe(
      Effect.provideService(RetryPolicy, fastPolicy),
      Effect.provideService(References.MinimumLogLevel, "None"),
    ),
  )

/** Runs an effect and returns its failure (the test fails if it succeeds). */
export const runFailure = <A, E>(effect: Effect.Effect<A, E>): Promise<E> =>
  run(
    Effect.flatMap(Effect.flip(effect), (e) => Effect.succeed(e)).pipe(
      Effect.catchCause((cause) => Effect.die(cause)),
    ),
  )

export const client = (baseUrl: string, options: LomiClientOptions = {}): Promise<LomiClientService> =>
  Effect.runPromise(make({ apiKey: API_KEY, baseUrl, ...options }))

export const Session = Spec.struct({ id: Spec.string(), amount: Spec.number() }, { extra: "drop" })

export const CreateSession = Spec.struct({
  amount: Spec.number((n) => (n > 0 ? undefined : `Expected a value greater than 0, got ${n}`)),
  currency_code: Spec.literals(["XOF", "USD", "EUR"]),
  metadata: Spec.optional(Spec.record(Spec.string())),
})

const isInt = (n: number) => (Number.isSafeInteger(n) ? undefined : `Expected an integer, got ${n}`)

export const ListQuery = Spec.struct({
  limit: Spec.maybe(
    Spec.number(isInt, (n) =>
      n >= 1 && n <= 100 ? undefined : `Expected a value between 1 and 100, got ${n}`,
    ),
  ),
  offset: Spec.maybe(Spec.number(isInt, (n) => (n >= 0 ? undefined : `Expected a value >= 0, got ${n}`))),
  sort: Spec.maybe(Spec.string()),
})

export const createSession = makeOperation({
  name: "create_checkout_session",
  method: "POST",
  path: "/checkout_sessions",
  body: CreateSession,
  success: Session,
  errors: [LomiConflictError],
})

export const retrieveSession = makeOperation({
  name: "retrieve_checkout_session",
  method: "GET",
  path: "/checkout_sessions/{session_id}",
  success: Session,
  errors: [LomiNotFoundError],
})

export const listSessions = makeOperation({
  name: "list_checkout_sessions",
  method: "GET",
  path: "/checkout_sessions",
  query: ListQuery,
  success: Spec.struct({ data: Spec.array(Session) }, { extra: "drop" }),
})

export const deleteSession = makeOperation({
  name: "delete_checkout_session",
  method: "DELETE",
  path: "/checkout_sessions/{session_id}",
  errors: [LomiNotFoundError],
})

export const session = { id: "cs_1", amount: 1000 }
