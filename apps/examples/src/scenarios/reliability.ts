import type { FaultRule } from "@lomi/sandbox"
import { check, type Scenario } from "../scenario.js"

/** 6. Faults on the wire, and still exactly one session per create. */
export const reliability: Scenario = {
  name: "reliability",
  title: "Reliability: retries through 503s, a reset after commit and a 429",
  needsSandbox: true,
  // Safe retries of a POST rest on idempotency keys, which the document's routes honour (lomi.'s hosted
  // service ignores them today; the sandbox honours them on both generations).
  generations: ["v1"],
  async run({ lomi, sandbox, log }) {
    if (!sandbox) return
    const op = "create_checkout_session" as const
    const plans: ReadonlyArray<{ readonly label: string; readonly faults: ReadonlyArray<FaultRule> }> = [
      { label: "two 503s", faults: [{ operation: op, kind: "error", status: 503, retryAfter: 0, next: 2 }] },
      { label: "reset after commit", faults: [{ operation: op, kind: "reset_after_commit", next: 1 }] },
      {
        label: "429, Retry-After 1 s",
        faults: [{ operation: op, kind: "error", status: 429, retryAfter: 1, next: 1 }],
      },
      { label: "no fault", faults: [] },
    ]
    const tag = `reliability-${Date.now()}`
    const ids: string[] = []
    for (const [i, plan] of plans.entries()) {
      sandbox.setFaults(plan.faults)
      const { data, meta } = await lomi.checkoutSessions
        .create({ amount: 1000 + i, currency_code: "XOF", metadata: { tag } }, { maxRetries: 3 })
        .withResponse()
      ids.push(data.checkout_session_id)
      log(
        `${plan.label.padEnd(22)} -> ${data.checkout_session_id} after ${meta.attempts} attempt(s), key ${meta.idempotencyKey}`,
      )
      const expected = plan.faults.length === 0 ? 1 : (plan.faults[0]?.next ?? 0) + 1
      check(meta.attempts === expected, `${plan.label}: expected ${expected} attempts, took ${meta.attempts}`)
    }
    sandbox.setFaults([])
    let stored = 0
    for await (const session of lomi.checkoutSessions.list({ limit: 100 })) {
      if (session.metadata?.tag === tag) stored++
    }
    log(`sessions stored with this demo's tag: ${stored} (for ${plans.length} creates)`)
    check(
      stored === plans.length,
      `each create must exist exactly once: ${stored} stored for ${plans.length} creates`,
    )
    check(new Set(ids).size === ids.length, "every create returned its own session")
  },
}
