/// <reference types="node" />
// What a newcomer meets in-process: messages naming the API they called, the browser guard, a wrong
// `baseUrl` told apart from a missing resource (against the sandbox), and log lines through `logger`.
import { LomiUnexpectedStatusError, make, makeOperation, Spec } from "@lomi/core"
import type * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { afterEach, describe, expect, it, vi } from "vitest"
import {
  Checkout,
  CheckoutSessions,
  Lomi,
  LomiConfigError,
  LomiNotFoundError,
  type LomiOptions,
  LomiWebhooks,
} from "../src/effect.js"
import { rejection, useSandbox } from "./support.js"

const ctx = useSandbox()

afterEach(() => {
  vi.unstubAllEnvs()
})

const withEnv = (env: Record<string, string>) => ConfigProvider.layer(ConfigProvider.fromEnv({ env }))
const buildFailure = (
  layer: Layer.Layer<CheckoutSessions, LomiConfigError | Config.ConfigError>,
  env: Record<string, string> = {},
): Promise<{ readonly message: string }> =>
  Effect.runPromise(
    Effect.flip(Effect.provide(Effect.asVoid(CheckoutSessions), layer.pipe(Layer.provide(withEnv(env))))),
  )

describe("configuration messages name the API that was called", () => {
  it("new Lomi() without a key", () => {
    vi.stubEnv("LOMI_API_KEY", "")
    expect(() => new Lomi()).toThrow(
      new LomiConfigError({
        message:
          "Missing lomi. API key: pass it as `new Lomi({ apiKey })` or set the LOMI_API_KEY environment variable.",
      }),
    )
  })

  it("Checkout.layer without a key, and Checkout.layerConfig without LOMI_API_KEY", async () => {
    expect(await buildFailure(Checkout.layer({}))).toMatchObject({
      _tag: "LomiConfigError",
      message:
        "Missing lomi. API key: pass it as `Checkout.layer({ apiKey })` or set the LOMI_API_KEY environment variable.",
    })
    expect(await buildFailure(Checkout.layerConfig())).toMatchObject({
      _tag: "LomiConfigError",
      message:
        "Missing lomi. API key: set LOMI_API_KEY, which `Checkout.layerConfig()` reads through Effect's Config, or pass the key in code with `Checkout.layer({ apiKey })`.",
    })
  })

  it("an unknown option lists webhookSecret among the known ones", () => {
    expect(() => new Lomi({ apiKey: ctx.sandbox.apiKey, webhook_secret: "x" } as LomiOptions)).toThrow(
      /Known options: .*dangerouslyAllowBrowser, webhookSecret\.$/,
    )
  })

  it("Checkout.layerConfig reads LOMI_BASE_URL and LOMI_LOG as new Lomi() does", async () => {
    const program = Effect.gen(function* () {
      const sessions = yield* CheckoutSessions
      return yield* sessions.create({ amount: 1500, currency_code: "XOF" })
    })
    const env = { LOMI_API_KEY: ctx.sandbox.apiKey, LOMI_BASE_URL: ctx.sandbox.url, LOMI_LOG: "off" }
    const session = await Effect.runPromise(
      Effect.provide(program, Checkout.layerConfig().pipe(Layer.provide(withEnv(env)))),
    )
    expect(await ctx.lomi.checkoutSessions.retrieve(session.checkout_session_id)).toEqual(session)
  })
})

describe("a web page is refused (window and document simulated on the global object)", () => {
  const page = globalThis as { window?: unknown; document?: unknown }
  const inPage = async <A>(f: () => A | Promise<A>): Promise<A> => {
    page.window = globalThis
    page.document = { title: "checkout" }
    try {
      return await f()
    } finally {
      delete page.window
      delete page.document
    }
  }

  it("new Lomi, new LomiWebhooks and Checkout.layer throw, naming the call and dangerouslyAllowBrowser", async () => {
    const apiKey = ctx.sandbox.apiKey
    await inPage(async () => {
      expect(() => new Lomi({ apiKey })).toThrow(
        /^`new Lomi\(\.\.\.\)` refuses to run in a web browser.*`dangerouslyAllowBrowser: true`\.$/,
      )
      expect(() => new LomiWebhooks({ secret: "whsec_x" })).toThrow(
        /^`new LomiWebhooks\(\.\.\.\)` refuses to run in a web browser: the webhook signing secret/,
      )
      expect((await buildFailure(Checkout.layer({ apiKey }))).message).toMatch(
        /^`Checkout\.layer\(\.\.\.\)` refuses/,
      )
      expect((await buildFailure(Checkout.layerConfig(), { LOMI_API_KEY: apiKey })).message).toMatch(
        /^`Checkout\.layerConfig\(\.\.\.\)` refuses/,
      )
    })
  })

  it("with dangerouslyAllowBrowser: true, the client is built and works", async () => {
    const lomi = await inPage(() => ctx.client({ dangerouslyAllowBrowser: true }))
    const session = await lomi.checkoutSessions.create({ amount: 2500, currency_code: "EUR" })
    expect(session.amount).toBe(2500)
    await inPage(() => new LomiWebhooks({ dangerouslyAllowBrowser: true }))
    expect(() => new LomiWebhooks({ dangerouslyAllowBrowser: "yes" as unknown as boolean })).toThrow(
      "`dangerouslyAllowBrowser` must be a boolean.",
    )
  })
})

describe("a wrong baseUrl is not a missing resource (against the sandbox)", () => {
  it.each([
    [
      "a v1 client at the sandbox's origin (today's routes)",
      (origin: string) => origin,
      "v1",
      "/checkout_sessions",
      "Cannot GET /checkout_sessions/",
    ],
    [
      "a 2025-12 client under /v1 (the document's routes)",
      (origin: string) => `${origin}/v1`,
      "2025-12",
      "/checkout-sessions",
      "No route for /v1/checkout-sessions/",
    ],
    [
      "a typo in the path (today's routes, by its shape)",
      (origin: string) => `${origin}/v1/lomi`,
      undefined,
      "/checkout-sessions",
      "No route for /v1/lomi/checkout-sessions/",
    ],
  ] as const)(
    "%s: retrieve, list and create fail with ROUTE_NOT_FOUND",
    async (_label, baseUrlOf, apiGeneration, path, answered) => {
      const baseUrl = baseUrlOf(ctx.sandbox.origin)
      const lomi = ctx.client({ baseUrl, ...(apiGeneration === undefined ? {} : { apiGeneration }) })
      const retrieve = await rejection(lomi.checkoutSessions.retrieve("cs_0042"))
      expect(retrieve).toBeInstanceOf(LomiUnexpectedStatusError)
      expect(retrieve).toMatchObject({ status: 404, code: "ROUTE_NOT_FOUND", attempts: 1 })
      expect((retrieve as Error).message).toMatch(
        new RegExp(
          `^GET ${baseUrl}${path}/\\{session_id\\} is not a lomi\\. API route: the server answered 404 with "${answered}cs_0042"\\. Check \`baseUrl\` \\(or LOMI_BASE_URL\\) and \`apiGeneration\`: this client speaks lomi\\.'s "${lomi.apiGeneration}" routes`,
        ),
      )
      expect(await rejection(lomi.checkoutSessions.list())).toMatchObject({ code: "ROUTE_NOT_FOUND" })
      expect(
        await rejection(lomi.checkoutSessions.create({ amount: 100, currency_code: "XOF" })),
      ).toMatchObject({
        code: "ROUTE_NOT_FOUND",
      })
    },
  )

  it("the right baseUrl and an unknown id: LomiNotFoundError, as before", async () => {
    const error = await rejection(ctx.lomi.checkoutSessions.retrieve("cs_0042"))
    expect(error).toBeInstanceOf(LomiNotFoundError)
    expect(error).toMatchObject({ code: "NOT_FOUND", message: "No checkout session with id cs_0042" })
  })

  it("today's routes' own 404 (`... not found or access denied`) is a missing resource too", async () => {
    const retrieveToday = makeOperation({
      name: "retrieve_checkout_session",
      method: "GET",
      path: "/checkout-sessions/{id}",
      success: Spec.struct({ checkout_session_id: Spec.string() }, { extra: "drop" }),
      errors: [LomiNotFoundError],
    })
    const client = await Effect.runPromise(
      Effect.provide(
        make({ apiKey: ctx.sandbox.apiKey, baseUrl: ctx.sandbox.origin, logLevel: "off" }),
        withEnv({}),
      ),
    )
    const error = await Effect.runPromise(
      Effect.flip(client.execute(retrieveToday, { path: { id: "cs_0042" } })),
    )
    expect(error).toBeInstanceOf(LomiNotFoundError)
    expect(error.message).toBe("Checkout session with ID cs_0042 not found or access denied")
  })
})

describe("log lines through a logger", () => {
  it("a retry through sandbox faults: an info line for the retried attempt, a debug line for the last", async () => {
    const lines: Array<[string, string]> = []
    const logger = {
      debug: (m: string) => lines.push(["debug", m]),
      info: (m: string) => lines.push(["info", m]),
      warn: (m: string) => lines.push(["warn", m]),
      error: (m: string) => lines.push(["error", m]),
    }
    ctx.sandbox.setFaults([
      { operation: "retrieve_checkout_session", kind: "error", status: 503, retryAfter: 0, next: 1 },
    ])
    const created = await ctx.lomi.checkoutSessions.create({ amount: 700, currency_code: "XOF" })
    const lomi = ctx.client({ logger, logLevel: "debug" })
    await lomi.checkoutSessions.retrieve(created.checkout_session_id)
    expect(lines).toEqual([
      [
        "info",
        expect.stringMatching(
          /^lomi: retrieve_checkout_session GET \/checkout_sessions\/\{session_id\} attempt 1\/3: HTTP 503 SERVICE_UNAVAILABLE after \d+ ms; retrying in 0 ms$/,
        ),
      ],
      [
        "debug",
        expect.stringMatching(
          /^lomi: retrieve_checkout_session GET \/checkout_sessions\/\{session_id\} attempt 2\/3: HTTP 200 after \d+ ms$/,
        ),
      ],
    ])
    expect(JSON.stringify(lines)).not.toContain(created.checkout_session_id)
    expect(JSON.stringify(lines)).not.toContain(ctx.sandbox.apiKey)
  })
})
