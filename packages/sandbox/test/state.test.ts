import { describe, expect, it } from "vitest"
import { createSandboxHandler, SANDBOX_DEFAULT_KEY } from "../src/index.js"
import { Sleepers } from "../src/sleepers.js"

const PENDING = Symbol("pending")
/** What a promise has settled to after a few macrotasks, or PENDING. */
const after = <T>(promise: Promise<T>, ms = 20): Promise<T | typeof PENDING> =>
  Promise.race([promise, new Promise<typeof PENDING>((resolve) => setTimeout(() => resolve(PENDING), ms))])

describe("the sandbox's state", () => {
  it("checks the options once, in a fixed order, naming the first bad one", () => {
    expect(() => createSandboxHandler({ apiKeys: [], requestLogLimit: 0 })).toThrow(/apiKeys/)
    expect(() => createSandboxHandler({ requestLogLimit: 0, admin: { token: "" } })).toThrow(
      /requestLogLimit/,
    )
    expect(() =>
      createSandboxHandler({
        rateLimit: { requestsPerSecond: 0 },
        publicOrigin: "ftp://x",
        admin: { token: "" },
      }),
    ).toThrow(/admin\.token/)
    expect(() =>
      createSandboxHandler({
        faults: [{ kind: "nope" as "error" }],
        rateLimit: { requestsPerSecond: 0 },
        publicOrigin: "ftp://x",
      }),
    ).toThrow(/kind/)
    expect(() =>
      createSandboxHandler({ rateLimit: { requestsPerSecond: 0 }, publicOrigin: "ftp://x" }),
    ).toThrow(/rateLimit\.requestsPerSecond/)
    expect(() =>
      createSandboxHandler({ webhooks: { url: "nope", secret: "s" }, publicOrigin: "ftp://x" }),
    ).toThrow(/webhooks\.url/)
    expect(() => createSandboxHandler({ publicOrigin: "ftp://x" })).toThrow(/publicOrigin/)
  })

  it("keeps the last requestLogLimit requests, oldest first, however many arrive", async () => {
    const handler = createSandboxHandler({ requestLogLimit: 3 })
    const paths: string[] = []
    for (let i = 0; i < 10; i++) {
      const path = `/v1/checkout_sessions?offset=${i}`
      paths.push(path)
      const response = await handler.fetch(
        new Request(`http://sandbox.test${path}`, { headers: { "x-api-key": SANDBOX_DEFAULT_KEY } }),
      )
      expect(response.status).toBe(200)
    }
    expect(handler.requests().map((r) => `${r.path}${r.query}`)).toEqual(paths.slice(-3))
    handler.clearRequests()
    expect(handler.requests()).toEqual([])
    await handler.close()
  })
})

describe("Sleepers", () => {
  it("wakes every pending wait at once, and later waits still wait", async () => {
    const sleepers = new Sleepers()
    const long = sleepers.sleep(60_000)
    expect(await after(long)).toBe(PENDING)
    sleepers.wakeAll()
    expect(await after(long)).toBeUndefined()
    const later = sleepers.sleep(60_000)
    expect(await after(later)).toBe(PENDING)
    sleepers.wakeAll()
    await later
  })

  it("after close, ends pending waits and does not start new ones", async () => {
    const sleepers = new Sleepers()
    const pending = sleepers.sleep(60_000)
    sleepers.close()
    expect(await after(pending)).toBeUndefined()
    expect(await after(sleepers.sleep(60_000), 5)).toBeUndefined()
  })
})
