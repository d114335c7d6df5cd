/// <reference types="node" />
// The call-site stack a Promise client gives its rejections: the caller's frames, formatted when read.
import { describe, expect, it } from "vitest"
import { captureCallSite, withCallSite } from "../src/CallSite.js"
import { LomiNotFoundError } from "../src/Errors.js"

const notFound = () =>
  new LomiNotFoundError({
    status: 404,
    code: "NOT_FOUND",
    message: "No checkout session with id cs_1",
    requestId: undefined,
    retryable: false,
    attempts: 1,
    idempotencyKey: undefined,
  })

// A stand-in for an SDK method: the site it captures starts at its caller.
function sdkMethod() {
  return captureCallSite(sdkMethod)
}
function callersLine() {
  return sdkMethod()
}

describe("call sites", () => {
  it("leave out the method's own frame and keep its caller's", () => {
    const site = callersLine()
    const frames = site?.stack?.split("\n").slice(1) ?? []
    expect(frames[0]).toMatch(/at callersLine .*callsite\.test\.ts:\d+:\d+/)
    expect(site?.stack).not.toMatch(/at sdkMethod/)
  })

  it("give a LomiError `<name>: <message>` and the caller's frames; writing `stack` still works", () => {
    const error = withCallSite(notFound(), callersLine())
    const lines = error.stack?.split("\n") ?? []
    expect(lines[0]).toBe("LomiNotFoundError: No checkout session with id cs_1")
    expect(lines[1]).toMatch(/at callersLine /)
    error.stack = "replaced"
    expect(error.stack).toBe("replaced")
  })

  it("leave alone what the caller chose (an abort reason) and anything without a site", () => {
    const reason = new DOMException("This operation was aborted", "AbortError")
    const before = reason.stack
    expect(withCallSite(reason, callersLine()).stack).toBe(before)
    const error = notFound()
    const own = error.stack
    expect(withCallSite(error, undefined).stack).toBe(own)
    const frozen = Object.freeze(notFound())
    expect(() => withCallSite(frozen, callersLine())).not.toThrow()
  })

  it("are undefined where the runtime has no Error.captureStackTrace", () => {
    const capture = Error.captureStackTrace
    try {
      ;(Error as { captureStackTrace?: unknown }).captureStackTrace = undefined
      expect(callersLine()).toBeUndefined()
    } finally {
      Error.captureStackTrace = capture
    }
  })
})
