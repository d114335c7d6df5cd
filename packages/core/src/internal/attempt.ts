/**
 * One HTTP attempt: send the request, read the whole response within the attempt's time budget, and say
 * what happened, without deciding what to do about it (that is the request loop's, in `transport.ts`).
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type { ApiGeneration } from "../ApiGeneration.js"
import type { AnyOperation } from "../Operation.js"
import type { Route } from "../Route.js"
import type { Incoming, Outgoing, Send } from "./http.js"
import type { Masker } from "./mask.js"
import { attemptOnce, TIMED_OUT } from "./promiseRunner.js"
import { maskResponse } from "./response.js"
import type { Telemetry } from "./telemetry.js"

/** The outcome of one attempt, before deciding whether to retry. */
export type Attempt =
  | ({ readonly _tag: "Response" } & Incoming)
  | { readonly _tag: "Transport"; readonly cause: unknown }
  | { readonly _tag: "Timeout" }

/** The attributes of a call's span and of its attempts' spans. */
export const spanAttributes = (op: AnyOperation, route: Route, generation: ApiGeneration) => ({
  "http.request.method": route.method,
  // The template, never the filled-in path: ids are not span cardinality, and may be sensitive.
  "url.template": route.path,
  "lomi.operation": op.name,
  "lomi.api_generation": generation,
})

/** The attributes of a call's span. */
export type SpanAttributes = ReturnType<typeof spanAttributes>

/** A transport in Effect's terms: an Effect program's `HttpClient` (`httpClient.ts`). */
export type EffectSend = (request: Outgoing) => Effect.Effect<Incoming, unknown>

/**
 * One attempt in Effect's terms: `budget` ms for the whole response, masked as soon as it is read.
 * Interrupting it aborts the request.
 */
export type EffectAttempt = (request: Outgoing, budget: number) => Effect.Effect<Attempt>

/**
 * The attempt of a {@link Send} (node:http or fetch): the Promise client's own (`attemptOnce`, its
 * timeout a plain timer), so both APIs time out and abort alike, without a fiber racing a timer.
 */
export const promiseAttempt =
  (send: Send, mask: Masker): EffectAttempt =>
  (request, budget) =>
    Effect.promise((signal) => attemptOnce(send, request, budget, signal, mask))

/**
 * The attempt of an {@link EffectSend} (an Effect program's `HttpClient`): on the fiber, so the client's
 * own spans and services apply; Effect's timeout bounds it.
 */
export const effectAttempt =
  (send: EffectSend, mask: Masker): EffectAttempt =>
  (request, budget) =>
    send(request).pipe(
      Effect.map((raw) => maskResponse(mask, raw)),
      Effect.catch((cause) => Effect.succeed<Attempt>({ _tag: "Transport", cause })),
      Effect.timeoutOption(Duration.millis(budget)),
      Effect.map((result) => Option.getOrElse(result, () => TIMED_OUT)),
    )

/**
 * Runs one attempt in its span. The span ends with no value: a tracer keeps a span's exit, which would
 * otherwise hold the whole response. Failures of the transport are an `Attempt`, so the request loop
 * decides what to retry.
 */
export const sendOnce = (
  run: EffectAttempt,
  request: Outgoing,
  budget: number,
  name: string,
  attributes: SpanAttributes,
  attempt: number,
  telemetry: Telemetry,
): Effect.Effect<Attempt> => {
  let outcome: Attempt = TIMED_OUT
  return telemetry
    .useSpan(
      `${name}.attempt`,
      { kind: "client", attributes: { ...attributes, "lomi.attempt": attempt } },
      (span) =>
        Effect.map(run(request, budget), (result) => {
          if (result._tag === "Response") {
            span.attribute("http.response.status_code", result.status)
            const requestId = result.headers["x-request-id"]
            if (requestId !== undefined) span.attribute("lomi.request_id", requestId)
          }
          outcome = result
        }),
    )
    .pipe(Effect.map(() => outcome))
}
