/**
 * The Effect API's request loop: it checks the call (`prepare.ts`), then runs the loop both APIs share
 * (`loop.ts`) with Effect's clock, random, tracer and logger, so `TestClock` drives its retries and its
 * spans are children of the caller's. Nothing here knows a resource.
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FetchHttpClient from "effect/http/FetchHttpClient"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import type * as Tracer from "effect/Tracer"
import type { ResolvedConfig } from "../Config.js"
import type {
  AnyOperation,
  OperationError,
  OperationInput,
  OperationSuccess,
  RequestOptions,
  ResponseMeta,
} from "../Operation.js"
import { RetryPolicy } from "../Retry.js"
import type { Route } from "../Route.js"
import {
  type EffectAttempt,
  type EffectSend,
  effectAttempt,
  promiseAttempt,
  type SpanAttributes,
  sendOnce,
  spanAttributes,
} from "./attempt.js"
import { chooseSend } from "./http.js"
import { callLoop, type Instruction, type LoopContext, type LoopResult } from "./loop.js"
import { makeMasker } from "./mask.js"
import { validationError } from "./options.js"
import { prepareCall } from "./prepare.js"
import { revealSecret } from "./secret.js"
import type { Telemetry } from "./telemetry.js"
import { unsupportedOperationError } from "./unsupported.js"

type Result<Op> = Effect.Effect<
  { readonly data: OperationSuccess<Op>; readonly meta: ResponseMeta },
  OperationError<Op>
>

/**
 * What a `LomiClient` does, given a validated configuration and how to report spans and logs. `transport`,
 * when given, sends every request (an Effect program's `HttpClient`); otherwise each call chooses
 * `node:http` or `fetch` (see `chooseSend`).
 */
export const makeExecutor = (config: ResolvedConfig, telemetry: Telemetry, transport?: EffectSend) => {
  const mask = makeMasker(revealSecret(config.apiKey) ?? "")
  // Fixed when the client is built: each call reads its operation's route for it, one property read.
  const generation = config.apiGeneration

  const executeWithMeta = <Op extends AnyOperation>(
    op: Op,
    input: OperationInput,
    options: RequestOptions = {},
  ): Result<Op> => {
    const route = op.routes[generation]
    // Not served by this generation: nothing to validate or send.
    if (route === undefined)
      return Effect.fail(unsupportedOperationError(op, generation)) as unknown as Result<Op>
    const attributes = spanAttributes(op, route, generation)
    return telemetry.useSpan(op.name, { attributes }, (span) =>
      run(op, route, attributes, input, options, span),
    ) as unknown as Result<Op>
  }

  // One generator function per client, not a fresh `function*` per call: each new generator closure gets its
  // own map, allocated in old space, which kept the call's closure (and through the span, the decoded
  // response) alive across young-generation GCs until the next full GC.
  const run = (
    op: AnyOperation,
    route: Route,
    attributes: SpanAttributes,
    input: OperationInput,
    options: RequestOptions,
    span: Tracer.Span,
  ) => Effect.gen(() => call(op, route, attributes, input, options, span))

  function* call(
    op: AnyOperation,
    route: Route,
    attributes: SpanAttributes,
    input: OperationInput,
    options: RequestOptions,
    span: Tracer.Span,
  ) {
    const init = Option.getOrUndefined(yield* Effect.serviceOption(FetchHttpClient.RequestInit))
    // Everything the caller gave is checked before anything is sent, and every problem is reported.
    const prepared = prepareCall(config, op, route, input, options, init)
    if (!prepared.ok) return yield* Effect.fail(validationError(prepared.issues))
    const attempt =
      transport === undefined
        ? promiseAttempt(
            chooseSend(config, yield* FetchHttpClient.Fetch, init, prepared.call.initHeaders),
            mask,
          )
        : effectAttempt(transport, mask)
    const ctx: LoopContext = {
      baseUrl: config.baseUrl,
      generation,
      mask,
      policy: yield* RetryPolicy,
      logs: telemetry.logs,
    }
    const result = yield* drive(callLoop(ctx, op, route, prepared.call, span), (instruction) =>
      perform(instruction, attempt, op.name, attributes, span, telemetry),
    )
    if (!result.ok) return yield* Effect.fail(result.error)
    return result
  }

  const execute = <Op extends AnyOperation>(
    op: Op,
    input: OperationInput,
    options?: RequestOptions,
  ): Effect.Effect<OperationSuccess<Op>, OperationError<Op>> =>
    Effect.map(executeWithMeta(op, input, options), (result) => result.data)

  return { execute, executeWithMeta }
}

// Runs the loop to its end, one instruction at a time.
const drive = (
  loop: Generator<Instruction, LoopResult, unknown>,
  perform: (instruction: Instruction) => Effect.Effect<unknown>,
): Effect.Effect<LoopResult> => {
  const step = (value: unknown): Effect.Effect<LoopResult> => {
    const next = loop.next(value)
    return next.done ? Effect.succeed(next.value) : Effect.flatMap(perform(next.value), step)
  }
  return Effect.suspend(() => step(undefined))
}

const perform = (
  instruction: Instruction,
  attempt: EffectAttempt,
  name: string,
  attributes: SpanAttributes,
  span: Tracer.Span,
  telemetry: Telemetry,
): Effect.Effect<unknown> => {
  switch (instruction._tag) {
    case "Now":
      return Clock.currentTimeMillis
    case "Random":
      return Random.next
    case "Send":
      return sendOnce(
        attempt,
        instruction.request,
        instruction.budgetMs,
        name,
        attributes,
        instruction.attempt,
        telemetry,
      )
    case "Sleep":
      return Effect.sleep(Duration.millis(instruction.ms))
    case "Log":
      return telemetry.log(instruction.level, instruction.line)
    case "RetryEvent":
      return Effect.map(Clock.currentTimeNanos, (nanos) =>
        span.event("lomi.retry", nanos, instruction.attributes),
      )
  }
}
