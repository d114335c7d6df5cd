/**
 * Bridges from Effect to Promises, for the Promise clients that resource packages derive from their
 * operations. Rejections are the SDK's own error instances, so `instanceof` and `_tag` work.
 *
 * @since 0.1.0
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import { type CallSite, rejectingAt } from "./CallSite.js"
import type { LomiValidationIssue } from "./Errors.js"
import { messageOf } from "./internal/describe.js"
import { READ_FAILED, validationError } from "./internal/options.js"
import { abortReason, readPromiseOptions, readSignal } from "./internal/promiseRunner.js"
import type { RequestOptions } from "./Operation.js"

/**
 * Per-call options of a Promise client: core's {@link RequestOptions} plus an `AbortSignal`.
 *
 * @since 0.1.0
 */
export interface PromiseRequestOptions extends RequestOptions {
  /** Aborting it cancels the call, including an in-flight request and any pending retry. */
  readonly signal?: AbortSignal | undefined
}

const settle = <A>(exit: Exit.Exit<A, unknown>, signal: AbortSignal | undefined): A => {
  if (Exit.isSuccess(exit)) return exit.value
  if (signal?.aborted && Cause.hasInterrupts(exit.cause)) throw abortReason(signal)
  const failure = Cause.findErrorOption(exit.cause)
  if (failure._tag === "Some") throw failure.value
  throw Cause.squash(exit.cause)
}

/**
 * Runs an effect as a Promise. It rejects with the failure itself (not a wrapper), or with the signal's
 * reason (an `AbortError` by default) when `signal` aborts, which also aborts the in-flight request. It
 * never throws: a `signal` that is not an `AbortSignal` rejects with a `LomiValidationError`, and the
 * effect is not run.
 *
 * @since 0.1.0
 */
export const runPromise = <A, E>(
  effect: Effect.Effect<A, E>,
  options?: { readonly signal?: AbortSignal | undefined },
): Promise<A> => {
  const issues: Array<LomiValidationIssue> = []
  let signal: AbortSignal | undefined
  try {
    const value = options === undefined || options === null ? undefined : options.signal
    signal = readSignal(value, issues)
  } catch (error) {
    issues.push({ path: ["options", "signal"], message: `${READ_FAILED}${messageOf(error)}` })
  }
  if (issues.length > 0) return Promise.reject(validationError(issues))
  return runChecked(effect, signal)
}

const runChecked = <A, E>(effect: Effect.Effect<A, E>, signal: AbortSignal | undefined): Promise<A> => {
  try {
    if (signal?.aborted) return Promise.reject(abortReason(signal))
    return Effect.runPromiseExit(effect, signal === undefined ? undefined : { signal }).then((exit) =>
      settle(exit, signal),
    )
  } catch (error) {
    // Only a signal whose methods throw gets here; the effect has not started.
    return Promise.reject(
      validationError([{ path: ["options", "signal"], message: `${READ_FAILED}${messageOf(error)}` }]),
    )
  }
}

/**
 * One call of a Promise client. `options` is whatever the caller passed as the call's options: it must be
 * `undefined` or an object of known options ({@link PromiseRequestOptions}); the `signal` is checked and
 * kept here, the rest goes to `call`, whose request loop checks the values. Never throws: a bad argument
 * rejects with a `LomiValidationError` and nothing is sent. With `site` (from {@link captureCallSite}), a
 * rejection's stack is the caller's.
 *
 * @since 0.1.0
 */
export const runPromiseCall = <A, E>(
  options: unknown,
  call: (options: RequestOptions | undefined) => Effect.Effect<A, E>,
  site?: CallSite | undefined,
): Promise<A> => rejectingAt(runCall(options, call), site)

const runCall = <A, E>(
  options: unknown,
  call: (options: RequestOptions | undefined) => Effect.Effect<A, E>,
): Promise<A> => {
  const read = readPromiseOptions(options)
  if (!read.ok) return Promise.reject(validationError(read.issues))
  // `suspend`, so nothing `call` does escapes as a synchronous throw.
  return runChecked(
    Effect.suspend(() => call(read.rest)),
    read.signal,
  )
}
