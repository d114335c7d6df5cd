/// <reference types="node" />
// `new Lomi()` configured by the environment alone, in child processes whose environment holds nothing but
// the variables under test: the README's promise, checked as a newcomer would run it.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, describe, expect, it } from "vitest"
import { runScript, useSandbox } from "./support.js"

const ctx = useSandbox()
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split("\n").at(-1) ?? "null")

const scratch = await mkdtemp(join(tmpdir(), "lomi-env-"))
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

describe("new Lomi() with nothing but environment variables", () => {
  it("LOMI_API_KEY (a test key) and LOMI_BASE_URL: reaches the sandbox at that URL", async () => {
    const result = await runScript(fixture("env-client.ts"), {
      LOMI_API_KEY: ctx.sandbox.apiKey,
      LOMI_BASE_URL: ctx.sandbox.url,
    })
    expect(result.stderr).toBe("")
    const outcome = lastJson(result.stdout)
    expect(outcome).toMatchObject({ outcome: "created" })
    const requests = ctx.sandbox.requests()
    expect(requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ["POST", "/v1/checkout_sessions", 201],
    ])
  })

  it("LOMI_BASE_URL at the sandbox's origin: today's routes, as its shape says", async () => {
    const result = await runScript(fixture("env-client.ts"), {
      LOMI_API_KEY: ctx.sandbox.apiKey,
      LOMI_BASE_URL: ctx.sandbox.origin,
    })
    expect(result.stderr).toBe("")
    expect(lastJson(result.stdout)).toMatchObject({ outcome: "created" })
    expect(ctx.sandbox.requests().map((r) => [r.method, r.path, r.generation, r.status])).toEqual([
      ["POST", "/checkout-sessions", "2025-12", 201],
    ])
  })

  it("LOMI_ENVIRONMENT that contradicts the key: refused at once, saying which is which", async () => {
    const result = await runScript(fixture("env-client.ts"), {
      LOMI_API_KEY: "lomi_sk_test_9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f9f",
      LOMI_ENVIRONMENT: "live",
    })
    expect(lastJson(result.stdout)).toEqual({
      outcome: "failed",
      tag: "LomiConfigError",
      message:
        'The API key is a test key (lomi_sk_test_...), but `LOMI_ENVIRONMENT` is "live": a test key only works in the sandbox. Use a live key (lomi_sk_live_...), or set `LOMI_ENVIRONMENT` to "sandbox".',
    })
    expect(result.stdout).not.toContain("9f9f9f9f")
  })

  it("no key anywhere: the message names the call the user wrote", async () => {
    const result = await runScript(fixture("env-client.ts"), { LOMI_BASE_URL: ctx.sandbox.url })
    expect(lastJson(result.stdout)).toMatchObject({
      tag: "LomiConfigError",
      message:
        "Missing lomi. API key: pass it as `new Lomi({ apiKey })` or set the LOMI_API_KEY environment variable.",
    })
  })

  it("LOMI_BASE_URL and LOMI_API_GENERATION that do not match: ROUTE_NOT_FOUND, never 'no such session'", async () => {
    const result = await runScript(fixture("env-client.ts"), {
      LOMI_API_KEY: ctx.sandbox.apiKey,
      LOMI_BASE_URL: ctx.sandbox.origin,
      LOMI_API_GENERATION: "v1",
    })
    const outcome = lastJson(result.stdout)
    expect(outcome).toMatchObject({
      outcome: "failed",
      tag: "LomiUnexpectedStatusError",
      code: "ROUTE_NOT_FOUND",
    })
    expect(outcome.message).toContain(`POST ${ctx.sandbox.origin}/checkout_sessions is not a lomi. API route`)
  })

  it("LOMI_LOG=debug: one line per attempt on the console, with the path template", async () => {
    const result = await runScript(fixture("env-client.ts"), {
      LOMI_API_KEY: ctx.sandbox.apiKey,
      LOMI_BASE_URL: ctx.sandbox.url,
      LOMI_LOG: "debug",
    })
    expect(lastJson(result.stdout)).toMatchObject({ outcome: "created" })
    expect(result.stdout).toMatch(
      /^lomi: create_checkout_session POST \/checkout_sessions attempt 1\/3: HTTP 201 after \d+ ms$/m,
    )
    expect(result.stdout + result.stderr).not.toContain(ctx.sandbox.apiKey)
  })

  it("the root README's quick start runs as written with only LOMI_API_KEY and LOMI_BASE_URL set (today's routes)", async () => {
    const readme = await readFile(fileURLToPath(new URL("../../../README.md", import.meta.url)), "utf8")
    const section = readme.slice(readme.indexOf("## Quick start: async/await"))
    const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1]
    expect(code).toContain("new Lomi()")
    const source = (pkg: string) => fileURLToPath(new URL(`../../${pkg}/src/index.ts`, import.meta.url))
    const tsconfig = join(scratch, "tsconfig.json")
    await writeFile(
      tsconfig,
      JSON.stringify({
        compilerOptions: {
          paths: { "@lomi/checkout": [source("checkout")], "@lomi/core": [source("core")] },
        },
      }),
    )
    const file = join(scratch, "quick-start.mts")
    await writeFile(file, code ?? "")
    const result = await runScript(
      file,
      { LOMI_API_KEY: ctx.sandbox.apiKey, LOMI_BASE_URL: ctx.sandbox.origin },
      tsconfig,
    )
    expect(result.stderr).toBe("")
    expect(result.code).toBe(0)
    const [created] = ctx.sandbox.requests()
    expect(created).toMatchObject({ method: "POST", path: "/checkout-sessions", status: 201 })
    expect(
      ctx.sandbox
        .requests()
        .slice(1)
        .map((r) => [r.method, r.path, r.status]),
    ).toEqual([["GET", "/checkout-sessions", 200]])
  })
})

describe("a page is refused, in a child process whose page globals exist before the SDK loads", () => {
  it("new Lomi and new LomiWebhooks refuse to run, and build with dangerouslyAllowBrowser", async () => {
    const refused = await runScript(fixture("in-a-page.ts"), {})
    const lines = refused.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line))
    expect(lines).toEqual([
      {
        name: "Lomi",
        outcome: "refused",
        tag: "LomiConfigError",
        message: expect.stringMatching(/^`new Lomi\(\.\.\.\)` refuses to run in a web browser/),
      },
      {
        name: "LomiWebhooks",
        outcome: "refused",
        tag: "LomiConfigError",
        message: expect.stringMatching(/^`new LomiWebhooks\(\.\.\.\)` refuses to run in a web browser/),
      },
    ])
    const allowed = await runScript(fixture("in-a-page.ts"), { ALLOW: "1" })
    expect(
      allowed.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toEqual([
      { name: "Lomi", outcome: "built" },
      { name: "LomiWebhooks", outcome: "built" },
    ])
  })
})
