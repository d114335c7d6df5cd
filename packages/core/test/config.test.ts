/// <reference types="node" />
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { afterEach, describe, expect, it, vi } from "vitest"
import type { LomiClientOptions } from "../src/Config.js"
import { LomiConfigError } from "../src/Errors.js"
import { LomiClient, make, makeUnsafe, resolveConfig } from "../src/LomiClient.js"
import { detectRuntime, userAgent } from "../src/UserAgent.js"
import { VERSION } from "../src/Version.js"
import { API_KEY } from "./support/client.js"

const resolve = (options: LomiClientOptions) => Effect.runPromise(resolveConfig(options))
const reject = async (options: unknown): Promise<string> => {
  const error = await Effect.runPromise(Effect.flip(resolveConfig(options as LomiClientOptions)))
  expect(error).toBeInstanceOf(LomiConfigError)
  return error.message
}

const LIVE_KEY = "lomi_sk_live_0123456789abcdef0123456789abcdef"

const withEnv = (env: Record<string, string>) => ConfigProvider.layer(ConfigProvider.fromEnv({ env }))

describe("options", () => {
  it("defaults to live and today's routes, 2 retries, 60 s per attempt, no deadline, user agent on", async () => {
    const config = await resolve({ apiKey: LIVE_KEY })
    expect(config).toMatchObject({
      baseUrl: "https://api.lomi.africa",
      apiGeneration: "2025-12",
      maxRetries: 2,
      timeoutMs: 60_000,
      deadlineMs: undefined,
      userAgent: `lomi-typescript/${VERSION} (node ${process.versions.node})`,
    })
    expect(Redacted.isRedacted(config.apiKey)).toBe(true)
    expect(Redacted.value(config.apiKey)).toBe(LIVE_KEY)
  })

  it("maps sandbox, accepts durations as ms or Duration input, and strips a trailing slash", async () => {
    expect((await resolve({ apiKey: API_KEY, environment: "sandbox" })).baseUrl).toBe(
      "https://sandbox.api.lomi.africa",
    )
    const config = await resolve({
      apiKey: Redacted.make(API_KEY),
      baseUrl: "https://proxy.example.com/lomi/v1/",
      timeout: "5 seconds",
      deadline: 30_000,
      userAgent: false,
    })
    expect(config).toMatchObject({
      baseUrl: "https://proxy.example.com/lomi/v1",
      apiGeneration: "v1",
      timeoutMs: 5000,
      deadlineMs: 30_000,
      userAgent: undefined,
    })
  })

  it("rejects unknown option names, listing them", async () => {
    expect(await reject({ apiKey: API_KEY, api_key: "x", retries: 3 })).toMatch(
      /Unknown client options: "api_key", "retries"/,
    )
  })

  it.each([
    "http://api.lomi.africa/v1",
    "http://10.0.0.1/v1",
    "ftp://localhost/v1",
    "not a url",
    "https://u:p@x.com",
  ])("rejects the base URL %s", async (baseUrl) => {
    expect(await reject({ apiKey: API_KEY, baseUrl })).toMatch(/baseUrl/)
  })

  it.each([
    "http://localhost:3000/v1",
    "http://127.0.0.1:8080/v1",
    "http://127.5.6.7/v1",
    "http://[::1]:8080/v1",
  ])("allows plain http to the loopback host %s", async (baseUrl) => {
    expect((await resolve({ apiKey: API_KEY, baseUrl })).baseUrl).toBe(baseUrl)
  })

  it.each([
    ["empty", ""],
    ["with a space", "lomi_sk_test abc"],
    ["with a trailing newline", `${API_KEY}\n`],
    ["with a control character", "lomi_sk\u0000test"],
    ["with a tab", "\tlomi_sk_test_tabbed"],
  ])("rejects a key %s, without repeating it", async (_label, apiKey) => {
    const message = await reject({ apiKey })
    expect(message).toMatch(/`apiKey`/)
    if (apiKey !== "") expect(message).not.toContain(apiKey.trim())
  })

  it("rejects a missing key with instructions", async () => {
    expect(await reject({})).toMatch(/LOMI_API_KEY/)
  })

  it.each([
    [{ maxRetries: -1 }, /maxRetries/],
    [{ maxRetries: 1.5 }, /maxRetries/],
    [{ timeout: 0 }, /timeout/],
    [{ timeout: "soon" }, /timeout/],
    [{ deadline: -5 }, /deadline/],
    [{ environment: "prod" }, /environment/],
    [{ headers: { "bad header": "x" } }, /header name/],
    [{ headers: { "x-a": "a\r\nb" } }, /invalid value/],
    [{ fetch: "fetch" }, /fetch/],
    [{ userAgent: "yes" }, /userAgent/],
    [{ headers: new Headers({ "x-a": "1" }) }, /plain object.*Object\.fromEntries/],
    [{ headers: new Map([["x-a", "1"]]) }, /plain object/],
    [{ headers: [["x-a", "1"]] }, /plain object/],
    [{ headers: { host: "evil.example" } }, /may not set "host": the HTTP transport sets it/],
    [{ headers: { "Proxy-Authorization": "Basic x" } }, /it would reach the API, not a proxy/],
    [{ timeout: Symbol("soon") }, /timeout/],
    [{ timeout: 10n ** 400n }, /timeout/],
  ])("rejects %o", async (options, pattern) => {
    expect(await reject({ apiKey: API_KEY, ...options })).toMatch(pattern)
  })

  it("keeps a header named __proto__ as a header", async () => {
    const config = await resolve({ apiKey: API_KEY, headers: JSON.parse('{"__proto__":"x","x-b":"y"}') })
    expect(Object.entries(config.headers)).toEqual([
      ["__proto__", "x"],
      ["x-b", "y"],
    ])
  })

  it.each([
    ["null", null],
    ["an array", []],
    [
      "a throwing getter",
      {
        apiKey: API_KEY,
        get timeout() {
          throw new Error("getter")
        },
      },
    ],
    [
      "a Proxy whose traps throw",
      new Proxy(
        {},
        {
          ownKeys() {
            throw new Error("trap")
          },
          get() {
            throw new Error("trap")
          },
        },
      ),
    ],
  ])("refuses options that are %s with a LomiConfigError, never another error", async (_label, options) => {
    expect(await reject(options)).toMatch(/Client options/)
    expect(() => makeUnsafe(options as LomiClientOptions)).toThrow(LomiConfigError)
    const fromMake = await Effect.runPromise(Effect.flip(make(options as LomiClientOptions)))
    expect(fromMake).toBeInstanceOf(LomiConfigError)
  })
})

describe("layers", () => {
  const readConfig = Effect.gen(function* () {
    return (yield* LomiClient).config
  })

  it("layer builds a client, and fails with LomiConfigError on bad options", async () => {
    const config = await Effect.runPromise(
      Effect.provide(readConfig, LomiClient.layer({ apiKey: API_KEY, environment: "sandbox" })),
    )
    expect(config.baseUrl).toBe("https://sandbox.api.lomi.africa")
    const error = await Effect.runPromise(
      Effect.flip(
        Effect.provide(readConfig, LomiClient.layer({ apiKey: API_KEY, baseUrl: "http://example.com" })),
      ),
    )
    expect(error).toBeInstanceOf(LomiConfigError)
  })

  it("layerConfig reads LOMI_API_KEY, LOMI_ENVIRONMENT and LOMI_BASE_URL; code wins", async () => {
    const env = withEnv({ LOMI_API_KEY: API_KEY, LOMI_ENVIRONMENT: "sandbox" })
    const config = await Effect.runPromise(
      Effect.provide(readConfig, LomiClient.layerConfig().pipe(Layer.provide(env))),
    )
    expect(config.baseUrl).toBe("https://sandbox.api.lomi.africa")
    expect(Redacted.value(config.apiKey)).toBe(API_KEY)

    const env2 = withEnv({ LOMI_API_KEY: API_KEY, LOMI_BASE_URL: "http://localhost:4010/v1" })
    const local = await Effect.runPromise(
      Effect.provide(readConfig, LomiClient.layerConfig({ maxRetries: 0 }).pipe(Layer.provide(env2))),
    )
    expect(local).toMatchObject({ baseUrl: "http://localhost:4010/v1", maxRetries: 0 })
  })

  it("layerConfig without LOMI_API_KEY says how to provide one", async () => {
    const error = await Effect.runPromise(
      Effect.flip(Effect.provide(readConfig, LomiClient.layerConfig().pipe(Layer.provide(withEnv({}))))),
    )
    expect(error).toBeInstanceOf(LomiConfigError)
    expect(error.message).toMatch(/apiKey/)
    expect(error.message).toMatch(/LOMI_API_KEY/)
  })

  it("make falls back to LOMI_API_KEY when no key is given", async () => {
    const service = await Effect.runPromise(
      Effect.provide(make({ environment: "sandbox" }), withEnv({ LOMI_API_KEY: API_KEY })),
    )
    expect(Redacted.value(service.config.apiKey)).toBe(API_KEY)
  })
})

describe("makeUnsafe (the Promise clients' constructor)", () => {
  afterEach(() => {
    vi.unstubAllEnvs()
  })

  it("reads LOMI_API_KEY from the environment like the default ConfigProvider; code wins", () => {
    vi.stubEnv("LOMI_API_KEY", API_KEY)
    const service = makeUnsafe({ environment: "sandbox" })
    expect(Redacted.value(service.config.apiKey)).toBe(API_KEY)
    expect(String(service.config.apiKey)).toBe("<redacted:LOMI_API_KEY>")
    expect(Redacted.value(makeUnsafe({ apiKey: "lomi_sk_from_code" }).config.apiKey)).toBe(
      "lomi_sk_from_code",
    )
  })

  it("treats an empty LOMI_API_KEY as missing and throws LomiConfigError with instructions", () => {
    vi.stubEnv("LOMI_API_KEY", "")
    expect(() => makeUnsafe()).toThrow(LomiConfigError)
    expect(() => makeUnsafe()).toThrow(/LOMI_API_KEY/)
  })

  it("throws the same LomiConfigError as make for bad options", async () => {
    const options = { apiKey: API_KEY, baseUrl: "http://example.com" }
    const fromEffect = await Effect.runPromise(Effect.flip(make(options)))
    expect(() => makeUnsafe(options)).toThrow(fromEffect.message)
  })
})

describe("user agent", () => {
  it("detects runtimes from their globals", () => {
    expect(detectRuntime({ Bun: { version: "1.4.0" }, process: { versions: { node: "24.0.0" } } })).toEqual({
      name: "bun",
      version: "1.4.0",
    })
    expect(detectRuntime({ Deno: { version: { deno: "2.9.1" } } })).toEqual({
      name: "deno",
      version: "2.9.1",
    })
    expect(detectRuntime({ navigator: { userAgent: "Cloudflare-Workers" } })).toEqual({
      name: "workerd",
      version: undefined,
    })
    expect(detectRuntime({ process: { versions: { node: "20.20.2" } } })).toEqual({
      name: "node",
      version: "20.20.2",
    })
    expect(detectRuntime({})).toEqual({ name: "unknown", version: undefined })
    expect(userAgent({ name: "workerd", version: undefined })).toBe(`lomi-typescript/${VERSION} (workerd)`)
  })
})
