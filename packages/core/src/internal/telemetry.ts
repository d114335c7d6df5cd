/**
 * How the request loop reports itself. Effect users get spans and debug logs through their tracer and
 * logger; the Promise clients get none, since a Promise caller can neither provide a tracer nor lower the
 * minimum log level (their spans and debug logs always went nowhere), and referencing Effect's tracer and
 * logger would put both in every Promise bundle.
 */
import * as Effect from "effect/Effect"
import type * as Tracer from "effect/Tracer"

/** What the request loop calls to trace and log. */
export interface Telemetry {
  /** Runs `f` in a span named `name`, which is the parent of the spans started within. */
  readonly useSpan: <A, E, R>(
    name: string,
    options: Tracer.SpanOptionsNoTrace,
    f: (span: Tracer.Span) => Effect.Effect<A, E, R>,
  ) => Effect.Effect<A, E, R>
  readonly logDebug: (message: string) => Effect.Effect<void>
}

/**
 * Spans and logs through Effect's `Tracer` and `Logger`. Spans started inside `f` (an operation's attempts)
 * are children of the span.
 */
export const effectTelemetry: Telemetry = {
  useSpan: (name, options, f) =>
    Effect.useSpan(name, options, (span) => Effect.withParentSpan(f(span), span)),
  logDebug: Effect.logDebug,
}

// The request loop only sets attributes and adds events on its spans.
const noSpan = { attribute: () => {}, event: () => {} } as unknown as Tracer.Span

/** No spans, no logs: for the Promise clients. */
export const silentTelemetry: Telemetry = {
  useSpan: (_name, _options, f) => f(noSpan),
  logDebug: () => Effect.void,
}
