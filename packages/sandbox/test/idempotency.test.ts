import { describe, expect, it } from "vitest"
import { api, EXAMPLES, read, readError, start } from "./helpers.js"

describe("Idempotency-Key", () => {
  it("replays the first response for the same key and body, with Idempotent-Replayed", async () => {
    const sandbox = await start()
    const headers = { "idempotency-key": "order-42" }
    const first = await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession, headers)
    expect(first.status).toBe(201)
    expect(first.headers.get("idempotent-replayed")).toBeNull()
    const firstBody = await first.text()
    const second = await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession, headers)
    expect(second.status).toBe(201)
    expect(second.headers.get("idempotent-replayed")).toBe("true")
    expect(second.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"))
    expect(await second.text()).toBe(firstBody)
    expect((await read(await api(sandbox, "GET", "/checkout_sessions"))).pagination.total).toBe(1)
    expect(sandbox.requests().map((r) => r.replayed ?? false)).toEqual([false, true, false])
  })

  it("answers 422 for the same key with another body", async () => {
    const sandbox = await start()
    const headers = { "idempotency-key": "k" }
    expect((await api(sandbox, "POST", "/payment_links", EXAMPLES.createLink, headers)).status).toBe(201)
    const other = await api(sandbox, "POST", "/payment_links", { ...EXAMPLES.createLink, amount: 1 }, headers)
    expect(other.status).toBe(422)
    expect((await readError(other)).code).toBe("IDEMPOTENCY_KEY_MISMATCH")
    // The same key on the other endpoint is a different request too.
    expect((await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createLink, headers)).status).toBe(422)
  })

  it("answers 409 while the first request with the key is in flight", async () => {
    const sandbox = await start({
      faults: [{ operation: "create_checkout_session", kind: "latency", ms: 1000, next: 1 }],
    })
    const headers = { "idempotency-key": "slow" }
    const first = api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession, headers)
    // The latency rule is consumed in the same tick the key is reserved: once it shows 0, the first
    // request is in flight, whatever the machine's speed.
    while (sandbox.faults()[0]?.remaining !== 0) await new Promise((resolve) => setTimeout(resolve, 5))
    const concurrent = await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession, headers)
    expect(concurrent.status).toBe(409)
    expect((await readError(concurrent)).code).toBe("CONFLICT")
    expect((await first).status).toBe(201)
    const after = await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession, headers)
    expect(after.headers.get("idempotent-replayed")).toBe("true")
    expect((await read(await api(sandbox, "GET", "/checkout_sessions"))).pagination.total).toBe(1)
  })

  it("scopes keys per API key and lets a refused request be retried", async () => {
    const sandbox = await start({ apiKeys: ["lomi_sk_test_one", "lomi_sk_test_two"] })
    const headers = { "idempotency-key": "shared" }
    expect((await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession, headers)).status).toBe(
      201,
    )
    const other = await api(
      sandbox,
      "POST",
      "/checkout_sessions",
      { ...EXAMPLES.createSession, amount: 1 },
      {
        ...headers,
        "x-api-key": "lomi_sk_test_two",
      },
    )
    expect(other.status).toBe(201)

    // A validation failure is not stored: fixing the body under the same key works.
    const retry = { "idempotency-key": "fix-me" }
    expect((await api(sandbox, "POST", "/payment_links", { title: "x" }, retry)).status).toBe(400)
    expect((await api(sandbox, "POST", "/payment_links", EXAMPLES.createLink, retry)).status).toBe(201)
    const invalidKey = await api(sandbox, "POST", "/payment_links", EXAMPLES.createLink, {
      "idempotency-key": "a".repeat(256),
    })
    expect(invalidKey.status).toBe(400)
  })

  it("forgets keys after 24 hours", async () => {
    let clock = Date.parse("2030-01-01T00:00:00Z")
    const sandbox = await start({ now: () => clock })
    const headers = { "idempotency-key": "daily" }
    const first = await read(
      await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession, headers),
    )
    clock += 24 * 60 * 60 * 1000 - 1
    const replay = await read(
      await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession, headers),
    )
    expect(replay.checkout_session_id).toBe(first.checkout_session_id)
    clock += 1
    const fresh = await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession, headers)
    expect(fresh.headers.get("idempotent-replayed")).toBeNull()
    expect((await read(fresh)).checkout_session_id).not.toBe(first.checkout_session_id)
  })
})
