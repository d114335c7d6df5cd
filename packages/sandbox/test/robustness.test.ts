import { connect } from "node:net"
import { describe, expect, it } from "vitest"
import { createSandboxHandler } from "../src/index.js"
import { api, EXAMPLES, read, readError, seeded, start } from "./helpers.js"

const random = seeded(20_261_123)

const VALUES: ReadonlyArray<() => unknown> = [
  () => null,
  () => true,
  () => random.int(-5, 5),
  () => random.next() * 1e6,
  () => "",
  () => " ",
  () => "XOF",
  () => "https://example.com/x",
  () => "javascript:alert(1)",
  () => "a@b.co",
  () => "2030-01-01T00:00:00Z",
  () => "2030-13-01T00:00:00Z",
  () => "6f1c1f8e-9d2a-4c1b-8f5e-2a9c1d3e4f50",
  () => "\u0000\ud800",
  () => [],
  () => [1, "a"],
  () => ({}),
  () => ({ nested: { deep: [null] } }),
  () => 1e308 * 10,
  () => "x".repeat(random.int(0, 300)),
]

const NAMES = [
  "amount",
  "currency_code",
  "title",
  "description",
  "public_description",
  "success_url",
  "cancel_url",
  "customer_email",
  "quantity",
  "metadata",
  "expires_at",
  "product_id",
  "link_type",
  "is_active",
  "status",
  "checkout_session_id",
  "link_id",
  "url",
  "__proto__",
  "constructor",
  "unknown_field",
  "",
]

const randomBody = (): string => {
  const shape = random.int(0, 9)
  if (shape === 0) return JSON.stringify(VALUES[random.int(0, VALUES.length - 1)]!())
  if (shape === 1) return JSON.stringify(EXAMPLES.createSession).slice(0, random.int(0, 60))
  if (shape === 2)
    return Array.from({ length: random.int(0, 40) }, () => String.fromCharCode(random.int(0, 0x2ff))).join("")
  const body: Record<string, unknown> = {}
  for (let i = random.int(1, 6); i > 0; i--) {
    body[random.pick(NAMES)] = random.pick(VALUES)()
  }
  // Always include at least one bad field so the body cannot be valid by chance.
  body[random.pick(["nope", "amount", "currency_code"])] = random.pick([-1, "ZZZ", null, {}])
  return JSON.stringify(body)
}

/** Sends raw bytes to the sandbox and resolves with everything it answers before closing. */
const rawExchange = (origin: string, payload: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(origin).port), "127.0.0.1", () => socket.write(payload))
    let text = ""
    socket.on("data", (chunk) => {
      text += chunk.toString("latin1")
    })
    socket.on("close", () => resolve(text))
    socket.on("error", reject)
  })

describe("robustness", () => {
  it("answers 3000 random bad requests with 4xx envelopes, never a 5xx", async () => {
    const sandbox = await start({ maxBodyBytes: 64 * 1024 })
    const existing = await read(await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession))
    const link = await read(await api(sandbox, "POST", "/payment_links", EXAMPLES.createLink))
    const targets = [
      ["POST", "/checkout_sessions"],
      ["POST", "/payment_links"],
      ["PATCH", `/checkout_sessions/${existing.checkout_session_id}`],
      ["PATCH", `/payment_links/${link.link_id}`],
    ] as const
    const types = [
      "application/json",
      "application/json",
      "application/json",
      "text/plain",
      "application/vnd.api+json",
      "",
    ]
    const statuses = new Map<number, number>()
    for (let batch = 0; batch < 100; batch++) {
      const responses = await Promise.all(
        Array.from({ length: 30 }, async () => {
          const [method, path] = random.pick(targets)
          const type = random.pick(types)
          const response = await fetch(`${sandbox.url}${path}`, {
            method,
            headers: { "x-api-key": sandbox.apiKey, ...(type === "" ? {} : { "content-type": type }) },
            body: randomBody(),
          })
          const error = await readError(response)
          return { status: response.status, code: error.code }
        }),
      )
      for (const { status, code } of responses) {
        expect(status).toBeGreaterThanOrEqual(400)
        expect(status).toBeLessThan(500)
        expect(code).toBe("INVALID_REQUEST")
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
      }
    }
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(3000)
    // Nothing was created or changed by any of them.
    expect(
      await read(await api(sandbox, "GET", `/checkout_sessions/${existing.checkout_session_id}`)),
    ).toEqual(existing)
    expect((await read(await api(sandbox, "GET", "/checkout_sessions"))).pagination.total).toBe(1)
    expect((await read(await api(sandbox, "GET", "/payment_links"))).pagination.total).toBe(1)
  })

  it("survives raw protocol abuse: bad request lines, huge declared lengths, absolute-form targets", async () => {
    const sandbox = await start({ maxBodyBytes: 1024 })
    const { port } = new URL(sandbox.origin)
    const raw = (payload: string): Promise<string> =>
      new Promise((resolve, reject) => {
        const socket = connect(Number(port), "127.0.0.1", () => socket.write(payload))
        let text = ""
        socket.on("data", (chunk) => {
          text += chunk.toString("latin1")
        })
        socket.on("end", () => resolve(text))
        socket.on("close", () => resolve(text))
        socket.on("error", reject)
      })
    const garbage = await raw("BLAH\r\n\r\n")
    expect(garbage).toMatch(/^HTTP\/1\.1 400/)
    expect(garbage).toContain('"code":"INVALID_REQUEST"')
    const huge = await raw(
      `POST /v1/checkout_sessions HTTP/1.1\r\nhost: x\r\nx-api-key: ${sandbox.apiKey}\r\ncontent-type: application/json\r\ncontent-length: 999999999\r\nconnection: close\r\n\r\n{}`,
    )
    expect(huge).toMatch(/^HTTP\/1\.1 413/)
    const absolute = await raw(
      `GET //evil.example/v1/checkout_sessions HTTP/1.1\r\nhost: 127.0.0.1\r\nx-api-key: ${sandbox.apiKey}\r\nconnection: close\r\n\r\n`,
    )
    expect(absolute).toMatch(/^HTTP\/1\.1 404/)
    const badHost = await raw(
      `GET /v1/checkout_sessions HTTP/1.1\r\nhost: <script>\r\nx-api-key: ${sandbox.apiKey}\r\nconnection: close\r\n\r\n`,
    )
    expect(badHost).toMatch(/^HTTP\/1\.1 200/)
    // The server still answers normally afterwards.
    expect((await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession)).status).toBe(201)
  })

  it("builds hosted-page urls from its own origin, never from the Host header", async () => {
    const sandbox = await start()
    const body = JSON.stringify(EXAMPLES.createSession)
    const answer = await rawExchange(
      sandbox.origin,
      `POST /v1/checkout_sessions HTTP/1.1\r\nhost: evil.example:666\r\nx-api-key: ${sandbox.apiKey}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
    )
    expect(answer).toMatch(/^HTTP\/1\.1 201/)
    expect(answer).not.toContain("evil.example")
    const created = JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4))
    expect(created.url).toBe(`${sandbox.origin}/checkout/${created.checkout_session_id}`)
    const stored = await read(await api(sandbox, "GET", `/checkout_sessions/${created.checkout_session_id}`))
    expect(stored.url).toBe(created.url)
  })

  it("uses publicOrigin for resource urls when given, and refuses one that is not an origin", async () => {
    const sandbox = await start({ publicOrigin: "https://pay.example.com:8443/" })
    const session = await read(await api(sandbox, "POST", "/checkout_sessions", EXAMPLES.createSession))
    expect(session.url).toBe(`https://pay.example.com:8443/checkout/${session.checkout_session_id}`)
    const link = await read(await api(sandbox, "POST", "/payment_links", EXAMPLES.createLink))
    expect(link.url).toBe(`https://pay.example.com:8443/pay/${link.link_id}`)
    // Still served where it listens.
    expect((await fetch(`${sandbox.origin}/checkout/${session.checkout_session_id}`)).status).toBe(200)
    for (const bad of [
      "pay.example.com",
      "ftp://pay.example.com",
      "https://pay.example.com/base",
      "https://u:p@x.example",
    ]) {
      expect(() => createSandboxHandler({ publicOrigin: bad }), bad).toThrow(/publicOrigin must be/)
    }
  })

  it("as a web handler, takes the origin from the request URL unless publicOrigin is set", async () => {
    const create = (handler: ReturnType<typeof createSandboxHandler>) =>
      handler.fetch(
        new Request("http://web.example:8080/v1/checkout_sessions", {
          method: "POST",
          headers: { "x-api-key": handler.apiKey, "content-type": "application/json", host: "evil.example" },
          body: JSON.stringify(EXAMPLES.createSession),
        }),
      )
    const plain = await read(await create(createSandboxHandler()))
    expect(plain.url).toBe(`http://web.example:8080/checkout/${plain.checkout_session_id}`)
    const proxied = await read(
      await create(createSandboxHandler({ publicOrigin: "https://pay.example.com" })),
    )
    expect(proxied.url).toBe(`https://pay.example.com/checkout/${proxied.checkout_session_id}`)
  })

  it("answers 408 to a connection that sends no complete request in time, 400 to garbage", async () => {
    const sandbox = await start({ requestTimeoutMs: 300 })
    for (const payload of ["", "GET /v1/checkout_sessions HTTP/1.1\r\nhost: x\r\n"]) {
      const answer = await rawExchange(sandbox.origin, payload)
      expect([payload, answer.split("\r\n")[0]]).toEqual([payload, "HTTP/1.1 408 Request Timeout"])
      expect(answer).toContain('"code":"REQUEST_TIMEOUT"')
    }
    expect((await rawExchange(sandbox.origin, "BLAH\r\n\r\n")).split("\r\n")[0]).toBe(
      "HTTP/1.1 400 Bad Request",
    )
    expect((await api(sandbox, "GET", "/checkout_sessions")).status).toBe(200)
  })

  it("treats path ids as opaque: encoded slashes and dots never change the route", async () => {
    const sandbox = await start()
    for (const id of ["..%2Fpayment_links", "a%2Fb", "%2E%2E", "%00", "x".repeat(2000)]) {
      const response = await api(sandbox, "GET", `/checkout_sessions/${id}`)
      expect([id.slice(0, 20), response.status]).toEqual([id.slice(0, 20), 404])
      expect((await readError(response)).code).toBe("NOT_FOUND")
    }
  })
})
