import { isLomiError } from "@lomi/checkout"
import { check, type Scenario } from "../scenario.js"

/** 7. Abort a slow call with an AbortSignal, and let a per-attempt timeout fire. */
export const cancellation: Scenario = {
  name: "cancellation",
  title: "Cancellation: AbortSignal and timeout",
  needsSandbox: true,
  generations: ["2025-12"],
  async run({ lomi, sandbox, log }) {
    if (!sandbox) return
    const session = await lomi.checkoutSessions.create({ amount: 5000, currency_code: "USD" })
    sandbox.setFaults([{ operation: "retrieve_checkout_session", kind: "latency", ms: 5_000 }])
    try {
      const controller = new AbortController()
      const started = performance.now()
      setTimeout(() => controller.abort(new Error("the user closed the page")), 200)
      const aborted = await lomi.checkoutSessions
        .retrieve(session.checkout_session_id, { signal: controller.signal })
        .then(
          () => undefined,
          (err: unknown) => err,
        )
      const abortMs = Math.round(performance.now() - started)
      log(`aborted     after ${abortMs} ms: ${aborted instanceof Error ? aborted.message : aborted}`)
      check(aborted !== undefined && !isLomiError(aborted), "an aborted call rejects with the abort reason")
      check(abortMs < 4_000, `the abort should end the call at once, it took ${abortMs} ms`)

      const timedOut = await lomi.checkoutSessions
        .retrieve(session.checkout_session_id, { timeout: 300, maxRetries: 0 })
        .then(
          () => undefined,
          (err: unknown) => err,
        )
      check(
        isLomiError(timedOut) && timedOut._tag === "LomiTimeoutError",
        `expected LomiTimeoutError, got ${timedOut}`,
      )
      log(`timeout     ${timedOut._tag} (${timedOut.kind}, ${timedOut.attempts} attempt)`)
    } finally {
      sandbox.setFaults([])
    }
  },
}
