/**
 * The Promise client's runner of the request loop (`loop.ts`): `Date.now`, `Math.random`, `setTimeout`
 * and the caller's `AbortSignal`, with no effect loaded. Also the checks of a Promise call's options.
 */
import type { LomiValidationIssue } from "../Errors.js"
import type { RequestOptions } from "../Operation.js"
import type { Attempt } from "./attempt.js"
import { Cancel } from "./cancel.js"
import { messageOf } from "./describe.js"
import type { Outgoing, Send } from "./http.js"
import type { LineLevel } from "./lines.js"
import type { Instruction, LoopResult } from "./loop.js"
import type { Masker } from "./mask.js"
import { READ_FAILED, REQUEST_OPTIONS, readOptions } from "./options.js"
import { maskResponse } from "./response.js"

/** What a caller's abort rejects with: the signal's reason, an `AbortError` by default. */
export const abortReason = (signal: AbortSignal): unknown => {
  try {
    return signal.reason ?? new DOMException("This operation was aborted", "AbortError")
  } catch {
    return new DOMException("This operation was aborted", "AbortError")
  }
}

// Duck-typed rather than `instanceof`, so a signal from another realm (an iframe, a test environment) works.
const isAbortSignal = (u: unknown): u is AbortSignal => {
  if (typeof u !== "object" || u === null) return false
  const s = u as Record<string, unknown>
  return (
    typeof s.aborted === "boolean" &&
    typeof s.addEventListener === "function" &&
    typeof s.removeEventListener === "function"
  )
}

/** The signal of Promise options, or the issues that make it unusable. */
export const readSignal = (value: unknown, issues: Array<LomiValidationIssue>): AbortSignal | undefined => {
  if (value === undefined) return undefined
  try {
    if (isAbortSignal(value)) return value
  } catch (error) {
    issues.push({ path: ["options", "signal"], message: `${READ_FAILED}${messageOf(error)}` })
    return undefined
  }
  issues.push({ path: ["options", "signal"], message: "Expected an AbortSignal" })
  return undefined
}

const PROMISE_OPTIONS: ReadonlyArray<string> = [...REQUEST_OPTIONS, "signal"]

/**
 * A Promise call's options (whatever the caller passed) as core's {@link RequestOptions} and a signal, or
 * every issue with them (unknown names included): the values are checked by the request loop.
 */
export const readPromiseOptions = (
  options: unknown,
):
  | { readonly ok: true; readonly rest: RequestOptions | undefined; readonly signal: AbortSignal | undefined }
  | { readonly ok: false; readonly issues: ReadonlyArray<LomiValidationIssue> } => {
  const issues: Array<LomiValidationIssue> = []
  const values = readOptions(options, PROMISE_OPTIONS, issues)
  const signal = readSignal(values.signal, issues)
  if (issues.length > 0) return { ok: false, issues }
  let rest: RequestOptions | undefined
  if (options !== undefined) {
    rest = {}
    for (const name of REQUEST_OPTIONS)
      if (values[name] !== undefined) (rest as Record<string, unknown>)[name] = values[name]
  }
  return { ok: true, rest, signal }
}

// `setTimeout` takes at most 2^31 - 1 ms; a longer budget is as good as none.
const MAX_TIMER_MS = 2_147_483_647

/** An attempt that ran out of its time budget. */
export const TIMED_OUT: Attempt = { _tag: "Timeout" }

/**
 * One attempt within `budgetMs`: the response (masked as soon as it is read), the transport's failure, or
 * a timeout, each aborting the request. Rejects only with the abort reason, when `signal` aborts. The
 * Effect API's attempts over node:http and fetch run it too (`attempt.ts`).
 */
export const attemptOnce = (
  send: Send,
  request: Outgoing,
  budgetMs: number,
  signal: AbortSignal | undefined,
  mask: Masker,
): Promise<Attempt> =>
  new Promise<Attempt>((resolve, reject) => {
    const cancel = new Cancel()
    let done = false
    const finish = (): boolean => {
      if (done) return false
      done = true
      clearTimeout(timer)
      signal?.removeEventListener("abort", onAbort)
      return true
    }
    const timer = setTimeout(
      () => {
        if (!finish()) return
        cancel.cancel()
        resolve(TIMED_OUT)
      },
      Math.min(budgetMs, MAX_TIMER_MS),
    )
    const onAbort = () => {
      if (!finish()) return
      cancel.cancel()
      reject(abortReason(signal as AbortSignal))
    }
    signal?.addEventListener("abort", onAbort)
    send(request, cancel).then(
      (raw) => {
        if (finish()) resolve(maskResponse(mask, raw))
      },
      (cause: unknown) => {
        if (finish()) resolve({ _tag: "Transport", cause })
      },
    )
  })

/** Waits `ms`, or rejects with the abort reason as soon as `signal` aborts. */
const sleep = (ms: number, signal: AbortSignal | undefined): Promise<void> =>
  new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer)
      reject(abortReason(signal as AbortSignal))
    }
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort)
        resolve()
      },
      Math.min(ms, MAX_TIMER_MS),
    )
    signal?.addEventListener("abort", onAbort, { once: true })
  })

/**
 * Runs the loop to its end. Rejects only with the abort reason of `signal`; every other ending, errors
 * included, is the loop's {@link LoopResult}.
 */
export const runLoop = async (
  loop: Generator<Instruction, LoopResult, unknown>,
  send: Send,
  signal: AbortSignal | undefined,
  mask: Masker,
  write: (level: LineLevel, line: string) => void,
): Promise<LoopResult> => {
  let value: unknown
  for (;;) {
    if (signal?.aborted) throw abortReason(signal)
    const next = loop.next(value)
    if (next.done) return next.value
    const instruction = next.value
    switch (instruction._tag) {
      case "Now":
        value = Date.now()
        break
      case "Random":
        value = Math.random()
        break
      case "Send":
        value = await attemptOnce(send, instruction.request, instruction.budgetMs, signal, mask)
        break
      case "Sleep":
        value = await sleep(instruction.ms, signal)
        break
      case "Log":
        value = write(instruction.level, instruction.line)
        break
      case "RetryEvent":
        value = undefined
        break
    }
  }
}
