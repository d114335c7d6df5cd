/// <reference types="node" />
// The one resolution of options and LOMI_* variables that every API uses: precedence, the environment a
// key implies, per-API messages, the browser guard, and both ways of reading the environment agreeing.
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { afterEach, describe, expect, it, vi } from "vitest"
import { BaseUrls, type ClientApi, type LomiEnv } from "../src/Config.js"
import { LomiConfigError } from "../src/Errors.js"
import { isBrowser } from "../src/internal/browser.js"
import { resolveOptions } from "../src/internal/options.js"
import { revealSecret } from "../src/internal/secret.js"
import { ENV_VARS } from "../src/internal/settings.js"
import { LomiClient, make, makeConfig, makeUnsafe } from "../src/LomiClient.js"

const TEST_KEY = "lomi_sk_test_5ec7e75ec7e75ec7e75ec7e75ec7e75e"
const LIVE_KEY = "lomi_sk_live_11ve11ve11ve11ve11ve11ve11ve11ve"
const LOCAL = "http://127.0.0.1:4010/v1"

const resolved = (options: unknown, env: LomiEnv = {}, api?: ClientApi) => {
  const result = resolveOptions(options, env, api)
  if (!result.ok) throw new Error(`expected a configuration, got: ${result.error}`)
  return result.value
}
const refused = (options: unknown, env: LomiEnv = {}, api?: ClientApi): string => {
  const result = resolveOptions(options, env, api)
  if (result.ok) throw new Error("expected a refusal")
  return result.error
}
const withEnv = (env: Record<string, string>) => ConfigProvider.layer(ConfigProvider.fromEnv({ env }))

describe("the settings table", () => {
  it("lists the variables both APIs read", () => {
    expect(ENV_VARS).toEqual([
      "LOMI_API_KEY",
      "LOMI_ENVIRONMENT",
      "LOMI_BASE_URL",
      "LOMI_API_GENERATION",
      "LOMI_LOG",
    ])
  })

  it("takes every value from the environment when no option is given", () => {
    const config = resolved({}, { LOMI_API_KEY: TEST_KEY, LOMI_BASE_URL: LOCAL, LOMI_LOG: "debug" })
    expect(revealSecret(config.apiKey)).toBe(TEST_KEY)
    expect(config).toMatchObject({ baseUrl: LOCAL, logLevel: "debug" })
  })

  it("lets each option given in code win over its variable", () => {
    const env = { LOMI_API_KEY: TEST_KEY, LOMI_BASE_URL: LOCAL, LOMI_LOG: "debug" }
    const config = resolved(
      { apiKey: LIVE_KEY, baseUrl: "https://proxy.example.com/v1", logLevel: "off" },
      env,
    )
    expect(revealSecret(config.apiKey)).toBe(LIVE_KEY)
    expect(config).toMatchObject({ baseUrl: "https://proxy.example.com/v1", logLevel: "off" })
  })

  it.each([
    // [options, env, expected base URL]
    [{ baseUrl: LOCAL, environment: "live" }, { LOMI_BASE_URL: "https://b.example.com" }, LOCAL],
    [{ environment: "sandbox" }, { LOMI_BASE_URL: LOCAL }, BaseUrls.sandbox],
    [{}, { LOMI_BASE_URL: LOCAL, LOMI_ENVIRONMENT: "live" }, LOCAL],
    [{}, { LOMI_ENVIRONMENT: "sandbox" }, BaseUrls.sandbox],
    [{}, {}, BaseUrls.sandbox],
  ] as const)(
    "chooses the base URL: code before environment, a URL before a name (%o, %o)",
    (options, env, url) => {
      expect(resolved({ apiKey: TEST_KEY, ...options }, env).baseUrl).toBe(url)
    },
  )

  it("never reads a variable that code overrides, so a bad one cannot fail the client", () => {
    const env = { LOMI_BASE_URL: "http://remote.example.com", LOMI_LOG: "verbose", LOMI_ENVIRONMENT: "prod" }
    expect(resolved({ apiKey: TEST_KEY, baseUrl: LOCAL, logLevel: "warn" }, env).baseUrl).toBe(LOCAL)
  })

  it.each([
    [
      { LOMI_LOG: "verbose" },
      '`LOMI_LOG` must be "off" or "error" or "warn" or "info" or "debug", got "verbose".',
    ],
    [{ LOMI_ENVIRONMENT: "prod" }, '`LOMI_ENVIRONMENT` must be "live" or "sandbox", got "prod".'],
    [{ LOMI_BASE_URL: "http://remote.example.com/v1" }, /^`LOMI_BASE_URL` must use https/],
    [{ LOMI_API_KEY: "lomi_sk_test_with space" }, /^`LOMI_API_KEY` contains whitespace/],
  ])("names the variable that is wrong: %o", (env, message) => {
    expect(refused({}, { LOMI_API_KEY: TEST_KEY, ...env })).toMatch(message)
  })

  it("names the option that is wrong, with the same wording", () => {
    expect(refused({ apiKey: TEST_KEY, logLevel: "verbose" })).toMatch(/^`logLevel` must be "off" or/)
    expect(refused({ apiKey: TEST_KEY, logger: { warn() {} } })).toBe(
      "`logger` has no debug, info, error methods.",
    )
    expect(refused({ apiKey: TEST_KEY, logger: console.log })).toMatch(/^`logger` must be an object/)
    expect(refused({ apiKey: TEST_KEY, dangerouslyAllowBrowser: "yes" })).toBe(
      "`dangerouslyAllowBrowser` must be a boolean.",
    )
  })
})

describe("the environment a key implies", () => {
  it("sends a test key to the sandbox and a live key to live when nothing else says where", () => {
    expect(resolved({ apiKey: TEST_KEY }).baseUrl).toBe(BaseUrls.sandbox)
    expect(resolved({}, { LOMI_API_KEY: TEST_KEY }).baseUrl).toBe(BaseUrls.sandbox)
    expect(resolved({ apiKey: LIVE_KEY }).baseUrl).toBe(BaseUrls.live)
    expect(resolved({ apiKey: "lomi_custom_key" }).baseUrl).toBe(BaseUrls.live)
  })

  it.each([
    [{ apiKey: TEST_KEY, environment: "live" }, {}, "environment", "test", "live"],
    [{ apiKey: LIVE_KEY, environment: "sandbox" }, {}, "environment", "live", "sandbox"],
    [{}, { LOMI_API_KEY: TEST_KEY, LOMI_ENVIRONMENT: "live" }, "LOMI_ENVIRONMENT", "test", "live"],
    [{ apiKey: LIVE_KEY }, { LOMI_ENVIRONMENT: "sandbox" }, "LOMI_ENVIRONMENT", "live", "sandbox"],
  ] as const)(
    "refuses a key of the other environment (%o, %o), saying which is which",
    (options, env, name, kind, given) => {
      const message = refused(options, env)
      const other = kind === "test" ? "live" : "test"
      expect(message).toBe(
        `The API key is a ${kind} key (lomi_sk_${kind}_...), but \`${name}\` is "${given}": a ${kind} key only works ${kind === "test" ? "in the sandbox" : "in the live environment"}. Use a ${other} key (lomi_sk_${other}_...), or set \`${name}\` to "${kind === "test" ? "sandbox" : "live"}".`,
      )
      // Nothing of the key beyond its documented prefix.
      expect(message).not.toMatch(/5ec7e75e|11ve11ve/)
    },
  )

  it("does not check the key against an environment when a base URL decides (a test key on a local sandbox)", () => {
    expect(resolved({ apiKey: LIVE_KEY, baseUrl: LOCAL }).baseUrl).toBe(LOCAL)
    expect(resolved({ apiKey: TEST_KEY }, { LOMI_BASE_URL: LOCAL, LOMI_ENVIRONMENT: "live" }).baseUrl).toBe(
      LOCAL,
    )
  })
})

describe("messages name the API that was called, once", () => {
  it.each([
    [
      { call: "new Lomi" },
      "Missing lomi. API key: pass it as `new Lomi({ apiKey })` or set the LOMI_API_KEY environment variable.",
    ],
    [
      { call: "Checkout.layer" },
      "Missing lomi. API key: pass it as `Checkout.layer({ apiKey })` or set the LOMI_API_KEY environment variable.",
    ],
    [
      { call: "Checkout.layer", configCall: "Checkout.layerConfig" },
      "Missing lomi. API key: set LOMI_API_KEY, which `Checkout.layerConfig()` reads through Effect's Config, or pass the key in code with `Checkout.layer({ apiKey })`.",
    ],
  ])("a missing key, for %o", (api, message) => {
    expect(refused({}, {}, api)).toBe(message)
  })

  it("lists the caller's own options among the known ones", () => {
    expect(
      refused(
        { apiKey: TEST_KEY, webhook_secret: "x" },
        {},
        { call: "new Lomi", ownOptions: ["webhookSecret"] },
      ),
    ).toMatch(
      /Unknown client option: "webhook_secret"\. Known options: apiKey, .*, dangerouslyAllowBrowser, webhookSecret\.$/,
    )
  })

  it("makeUnsafe, make and makeConfig use the API they are told, and default to core's own names", async () => {
    vi.stubEnv("LOMI_API_KEY", "")
    try {
      expect(() => makeUnsafe({}, { call: "new Lomi" })).toThrow("pass it as `new Lomi({ apiKey })`")
      expect(() => makeUnsafe()).toThrow("pass it as `makeUnsafe({ apiKey })`")
    } finally {
      vi.unstubAllEnvs()
    }
    const empty = withEnv({})
    const fromMake = await Effect.runPromise(
      Effect.flip(Effect.provide(make({}, { call: "Checkout.layer" }), empty)),
    )
    expect(fromMake.message).toContain("`Checkout.layer({ apiKey })`")
    const fromConfig = await Effect.runPromise(Effect.flip(Effect.provide(makeConfig(), empty)))
    expect(fromConfig.message).toContain("`LomiClient.layerConfig()` reads through Effect's Config")
  })

  it("layerConfig refuses a key given in code, pointing at the call that takes one", async () => {
    const overrides = { apiKey: TEST_KEY } as Parameters<typeof makeConfig>[0]
    const error = await Effect.runPromise(
      Effect.flip(
        Effect.provide(
          makeConfig(overrides, { call: "Checkout.layer", configCall: "Checkout.layerConfig" }),
          withEnv({}),
        ),
      ),
    )
    expect(error).toBeInstanceOf(LomiConfigError)
    expect(error.message).toBe(
      "`Checkout.layerConfig()` reads the key from LOMI_API_KEY; to pass it in code, use `Checkout.layer({ apiKey })`.",
    )
  })
})

describe("both ways of reading the environment agree", () => {
  afterEach(() => {
    vi.unstubAllEnvs()
  })

  const env = { LOMI_API_KEY: TEST_KEY, LOMI_BASE_URL: LOCAL, LOMI_LOG: "info" }

  it("process.env for makeUnsafe, a ConfigProvider for make and layerConfig: the same configuration", async () => {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value)
    const fromProcess = makeUnsafe({ maxRetries: 1 }).config
    const fromMake = (await Effect.runPromise(Effect.provide(make({ maxRetries: 1 }), withEnv(env)))).config
    const fromLayer = await Effect.runPromise(
      Effect.provide(
        Effect.map(LomiClient, (client) => client.config),
        LomiClient.layerConfig({ maxRetries: 1 }).pipe(Layer.provide(withEnv(env))),
      ),
    )
    for (const config of [fromMake, fromLayer]) {
      expect({ ...config, apiKey: revealSecret(config.apiKey) }).toEqual({
        ...fromProcess,
        apiKey: revealSecret(fromProcess.apiKey),
      })
    }
    expect(fromProcess).toMatchObject({ baseUrl: LOCAL, logLevel: "info", maxRetries: 1 })
  })

  it("a variable through Config names itself when it is wrong", async () => {
    const error = await Effect.runPromise(
      Effect.flip(
        Effect.provide(make({}), withEnv({ ...env, LOMI_ENVIRONMENT: "staging", LOMI_BASE_URL: "" })),
      ),
    )
    expect(error.message).toBe('`LOMI_ENVIRONMENT` must be "live" or "sandbox", got "staging".')
  })
})

describe("the browser guard", () => {
  const globals = globalThis as { window?: unknown; document?: unknown }

  // A page, simulated on the real global object for the duration of `f`.
  const inPage = <A>(f: () => A): A => {
    globals.window = globalThis
    globals.document = { title: "shop" }
    try {
      return f()
    } finally {
      delete globals.window
      delete globals.document
    }
  }

  it("refuses a client in a page, naming the API and the way out", async () => {
    const message = inPage(() => refused({ apiKey: TEST_KEY }, {}, { call: "new Lomi" }))
    expect(message).toBe(
      "`new Lomi(...)` refuses to run in a web browser: the secret API key would be visible to anyone who opens the page. Call lomi. from your server; if this page really is trusted (an internal tool, a test under jsdom), pass `dangerouslyAllowBrowser: true`.",
    )
    expect(() => inPage(() => makeUnsafe({ apiKey: TEST_KEY }))).toThrow(LomiConfigError)
    const fromEffect = await inPage(() =>
      Effect.runPromise(Effect.flip(Effect.provide(make({ apiKey: TEST_KEY }), withEnv({})))),
    )
    expect(fromEffect.message).toMatch(/^`LomiClient\.layer\(\.\.\.\)` refuses to run in a web browser/)
    expect(isBrowser()).toBe(false)
  })

  it("builds the client in a page when told to", () => {
    expect(inPage(() => makeUnsafe({ apiKey: TEST_KEY, dangerouslyAllowBrowser: true }).config.baseUrl)).toBe(
      BaseUrls.sandbox,
    )
  })

  it.each([
    ["a page", { window: {}, document: {} }, true],
    ["a web worker (no document)", { self: {}, navigator: { userAgent: "Mozilla/5.0" } }, false],
    ["Node", { process: { versions: { node: "20.20.2" } } }, false],
    ["Deno with a window", { window: {}, document: {}, Deno: { version: { deno: "2.9.1" } } }, false],
    ["Bun with a document", { window: {}, document: {}, Bun: { version: "1.4.0" } }, false],
    ["workerd", { window: {}, document: {}, navigator: { userAgent: "Cloudflare-Workers" } }, false],
    ["jsdom under Node", { window: {}, document: {}, process: { versions: { node: "20.20.2" } } }, true],
  ])("tells %s apart", (_label, global, browser) => {
    expect(isBrowser(global)).toBe(browser)
  })
})
