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

const TIMED_OUT: Attempt = { _tag: "Timeout" }

/** A transport in Effect's terms: an Effect program's `HttpClient` (`httpClient.ts`), or a {@link Send}. */
export type EffectSend = (request: Outgoing) => Effect.Effect<Incoming, unknown>

/** A {@link Send} as an {@link EffectSend}: interrupting the effect aborts the request. */
export const fromSend =
  (send: Send): EffectSend =>
  (request) =>
    Effect.tryPromise({ try: (signal) => send(request, signal), catch: (cause) => cause })

/**
 * Sends the request once and reads the whole body, within `budget` ms; interruption (the timeout, the
 * caller's signal, a fiber interrupt) aborts it. The response is masked as soon as it is read, before the
 * attempt span or anything else sees it, and the span ends with no value: a tracer keeps a span's exit,
 * which would otherwise hold the whole response. Failures of the transport become an `Attempt`, so the
 * request loop decides what to retry.
 */
export const sendOnce = (
  send: EffectSend,
  request: Outgoing,
  budget: number,
  name: string,
  attributes: SpanAttributes,
  attempt: number,
  telemetry: Telemetry,
  mask: Masker,
): Effect.Effect<Attempt> => {
  let outcome: Attempt = TIMED_OUT
  return telemetry
    .useSpan(
      `${name}.attempt`,
      { kind: "client", attributes: { ...attributes, "lomi.attempt": attempt } },
      (span) =>
        send(request).pipe(
          Effect.map((raw): Attempt => {
            const response = maskResponse(mask, raw)
            span.attribute("http.response.status_code", response.status)
            const requestId = response.headers["x-request-id"]
            if (requestId !== undefined) span.attribute("lomi.request_id", requestId)
            return { _tag: "Response", ...response }
          }),
          Effect.catch((cause) => Effect.succeed<Attempt>({ _tag: "Transport", cause })),
          Effect.timeoutOption(Duration.millis(budget)),
          Effect.flatMap((result) =>
            Effect.sync(() => {
              outcome = Option.getOrElse(result, () => TIMED_OUT)
            }),
          ),
        ),
    )
    .pipe(Effect.map(() => outcome))
}
