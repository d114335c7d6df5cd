/// <reference types="node" />
import * as Effect from "effect/Effect"
import * as References from "effect/References"
import * as Schema from "effect/Schema"
import type { LomiClientOptions } from "../../src/Config.js"
import { LomiConflictError, LomiNotFoundError } from "../../src/Errors.js"
import { type LomiClientService, make } from "../../src/LomiClient.js"
import { makeOperation } from "../../src/Operation.js"
import { RetryPolicy } from "../../src/Retry.js"

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

export const Session = Schema.Struct({ id: Schema.String, amount: Schema.Number })

export const CreateSession = Schema.Struct({
  amount: Schema.Number.check(Schema.isGreaterThan(0)),
  currency_code: Schema.Literals(["XOF", "USD", "EUR"]),
  metadata: Schema.optionalKey(Schema.Record(Schema.String, Schema.String)),
})

export const ListQuery = Schema.Struct({
  limit: Schema.optional(Schema.Number.check(Schema.isInt(), Schema.isBetween({ minimum: 1, maximum: 100 }))),
  offset: Schema.optional(Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(0))),
  sort: Schema.optional(Schema.String),
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
  success: Schema.Struct({ data: Schema.Array(Session) }),
})

export const deleteSession = makeOperation({
  name: "delete_checkout_session",
  method: "DELETE",
  path: "/checkout_sessions/{session_id}",
  errors: [LomiNotFoundError],
})

export const session = { id: "cs_1", amount: 1000 }
