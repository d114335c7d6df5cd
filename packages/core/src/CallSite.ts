/**
 * Stacks that show the caller. An error created inside the Effect runtime has only runtime frames in its
 * stack; a Promise client captures where each of its methods was called and, when the call rejects, gives
 * the error that stack, as a native `async` function would have.
 *
 * @since 0.2.0
 */
import { isLomiError } from "./Errors.js"

/**
 * Where a Promise client's method was called: captured when the call starts (a few microseconds; the
 * frames are only formatted if the call fails), so that its error can show the caller's stack.
 *
 * @since 0.2.0
 */
export interface CallSite {
  /** The captured frames, formatted by the runtime when first read (`Error.captureStackTrace` fills it). */
  readonly stack?: string | undefined
}

type CaptureStackTrace = (target: object, constructorOpt?: (...args: Array<any>) => unknown) => void

/**
 * Captures the stack of the code calling `method`, leaving out `method`'s frame and every frame above
 * it (the SDK's own). `undefined` where the runtime cannot capture a stack cheaply (no
 * `Error.captureStackTrace`): errors then keep their own stack.
 *
 * @since 0.2.0
 */
export const captureCallSite = (method: (...args: Array<any>) => unknown): CallSite | undefined => {
  const capture = (Error as { captureStackTrace?: CaptureStackTrace }).captureStackTrace
  if (typeof capture !== "function") return undefined
  const site: { stack?: string } = {}
  capture(site, method)
  return site
}

/**
 * Gives `error` the stack a native `async` function would have: its `name: message` line, then the frames
 * of `site` (the caller's), instead of the Effect runtime frames it was created in; formatted when `stack`
 * is first read. Only errors `owns`
 * recognises are touched (by default the SDK's request errors, never an abort reason the caller chose).
 *
 * @since 0.2.0
 */
export const withCallSite = <E>(
  error: E,
  site: CallSite | undefined,
  owns: (error: unknown) => boolean = isLomiError,
): E => {
  if (site === undefined || !owns(error)) return error
  const e = error as unknown as Error
  // Formatted when first read: formatting the frames costs more than capturing them, and a caller that
  // handles the error without printing it never pays for it.
  const settle = (stack: unknown) =>
    Object.defineProperty(e, "stack", { value: stack, writable: true, configurable: true, enumerable: false })
  try {
    // Deleting V8's own `stack` first makes redefining it several times cheaper.
    delete (e as { stack?: string }).stack
    Object.defineProperty(e, "stack", {
      get() {
        const captured = site.stack ?? ""
        const newline = captured.indexOf("\n")
        const stack = `${e.name}: ${e.message}${newline === -1 ? "" : captured.slice(newline)}`
        settle(stack)
        return stack
      },
      set: settle,
      configurable: true,
      enumerable: false,
    })
  } catch {
    // A frozen error keeps its own stack.
  }
  return error
}

/**
 * `promise`, whose rejection (a `LomiError`) carries the stack of `site`: how a Promise call's rejections
 * point at the caller's line.
 *
 * @since 0.3.0
 */
export const rejectingAt = <A>(promise: Promise<A>, site: CallSite | undefined): Promise<A> =>
  site === undefined
    ? promise
    : promise.then(undefined, (error: unknown) => {
        throw withCallSite(error, site)
      })
