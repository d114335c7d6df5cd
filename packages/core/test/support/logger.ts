import * as Effect from "effect/Effect"
import * as EffectLogger from "effect/Logger"
import * as References from "effect/References"
import { RetryPolicy } from "../../src/Retry.js"
import { fastPolicy } from "./client.js"

/** Runs an effect with every log line (debug included, failures rendered) captured as text. */
const capture = async <A, E>(effect: Effect.Effect<A, E>): Promise<Array<string>> => {
  const lines: Array<string> = []
  const logger = EffectLogger.make((options) => {
    lines.push(String(EffectLogger.formatLogFmt.log(options)))
  })
  await Effect.runPromise(
    effect.pipe(
      Effect.tapCause((cause) => Effect.logError("call failed", cause)),
      Effect.exit,
      Effect.provideService(RetryPolicy, fastPolicy),
      Effect.provideService(References.MinimumLogLevel, "All"),
      Effect.provide(EffectLogger.layer([logger])),
    ),
  )
  return lines
}

export const Logger = { capture }
