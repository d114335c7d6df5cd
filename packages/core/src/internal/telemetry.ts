/**
 * How the request loop reports itself. Effect users get spans through their tracer and log lines through
 * their logger; the Promise clients get no spans (a Promise caller cannot provide a tracer, and
 * referencing Effect's tracer and logger would put both in every Promise bundle) and log lines through
 * the `logger` option (default `console`), filtered by `logLevel` (default `"warn"`).
 */
import * as Effect from "effect/Effect"
import type * as Tracer from "effect/Tracer"
import type { LogLevel, ResolvedConfig } from "../Config.js"
import { type LineLevel, logsAt, writeTo } from "./lines.js"

export type { LineLevel } from "./lines.js"

/** What the request loop calls to trace and log. */
export interface Telemetry {
  /** Runs `f` in a span named `name`, which is the parent of the spans started within. */
  readonly useSpan: <A, E, R>(
    name: string,
    options: Tracer.SpanOptionsNoTrace,
    f: (span: Tracer.Span) => Effect.Effect<A, E, R>,
  ) => Effect.Effect<A, E, R>
  /** Whether a line at `level` is written at all, so the loop formats only lines that are. */
  readonly logs: (level: LineLevel) => boolean
  /** Writes a line (already formatted, holding nothing secret) at `level`. */
  readonly log: (level: LineLevel, message: string) => Effect.Effect<void>
}

const writeEffect =
  (write: (level: LineLevel, message: string) => void) =>
  (level: LineLevel, message: string): Effect.Effect<void> =>
    Effect.sync(() => write(level, message))

const effectLog = (level: LineLevel, message: string): Effect.Effect<void> => {
  switch (level) {
    case "error":
      return Effect.logError(message)
    case "warn":
      return Effect.logWarning(message)
    case "info":
      return Effect.logInfo(message)
    case "debug":
      return Effect.logDebug(message)
  }
}

const filtered = (
  level: LogLevel,
  write: (level: LineLevel, message: string) => Effect.Effect<void>,
): Pick<Telemetry, "logs" | "log"> => {
  const logs = logsAt(level)
  return { logs, log: (line, message) => (logs(line) ? write(line, message) : Effect.void) }
}

/**
 * Spans through Effect's `Tracer`, children of the call's span; log lines through Effect's `Logger` (whose
 * minimum level then applies), or the `logger` option when given.
 */
export const effectTelemetry = (config: ResolvedConfig): Telemetry => ({
  // No stack frame per span: it would point into the SDK's request loop, not at the caller, and capturing
  // one on every call and attempt showed in the per-request CPU profile.
  useSpan: (name, options, f) =>
    Effect.useSpan(name, options, (span) =>
      Effect.withParentSpan(f(span), span, { captureStackTrace: false }),
    ),
  ...filtered(
    config.logLevel ?? "debug",
    config.logger === undefined ? effectLog : writeEffect(writeTo(config.logger)),
  ),
})

// The request loop only sets attributes and adds events on its spans.
const noSpan = { attribute: () => {}, event: () => {} } as unknown as Tracer.Span

/** No spans; log lines to the `logger` option (default `console`) at `logLevel` (default `"warn"`). */
export const promiseTelemetry = (config: ResolvedConfig): Telemetry => ({
  useSpan: (_name, _options, f) => f(noSpan),
  ...filtered(config.logLevel ?? "warn", writeEffect(writeTo(config.logger ?? globalThis.console))),
})
