import { type ChildProcess, spawn } from "node:child_process"
import { createHmac } from "node:crypto"
import { fileURLToPath } from "node:url"
import { afterEach, describe, expect, it } from "vitest"
import { EXAMPLES, read } from "./helpers.js"
import { receiver } from "./receiver.js"

const packageDir = fileURLToPath(new URL("..", import.meta.url))
const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL")
})

/** Runs the CLI from source and resolves with the lines it printed once it listens (or exits). */
const runCli = (args: string[]) => {
  const child = spawn(`${packageDir}node_modules/.bin/tsx`, ["src/cli.ts", ...args], {
    cwd: packageDir,
    stdio: ["ignore", "pipe", "pipe"],
  })
  children.push(child)
  let stdout = ""
  let stderr = ""
  child.stdout?.on("data", (chunk) => {
    stdout += chunk
  })
  child.stderr?.on("data", (chunk) => {
    stderr += chunk
  })
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", () => {
      if (stdout.includes("seed")) resolve(stdout)
    })
    void exited.then(() => reject(new Error(`exited early: ${stderr}`)))
  })
  return { child, listening, exited, output: () => ({ stdout, stderr }) }
}

describe("lomi-sandbox CLI", () => {
  it("prints the URL and key, serves the keys and faults it was given, and stops on SIGTERM", async () => {
    const cli = runCli([
      "--port",
      "0",
      "--key",
      "lomi_sk_test_cli_one",
      "--key",
      "lomi_sk_test_cli_two",
      "--seed",
      "7",
      "--faults",
      JSON.stringify([{ operation: "list_payment_links", kind: "error", status: 503, next: 1 }]),
    ])
    const printed = await cli.listening
    const base = /base URL\s+(\S+)/.exec(printed)?.[1]
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/)
    expect(printed).toMatch(/API key\s+lomi_sk_test_cli_one/)
    expect(printed).toMatch(/seed\s+7/)
    const headers = { "x-api-key": "lomi_sk_test_cli_two" }
    expect((await fetch(`${base}/payment_links`, { headers })).status).toBe(503)
    const created = await fetch(`${base}/checkout_sessions`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify(EXAMPLES.createSession),
    })
    expect(created.status).toBe(201)
    expect((await read(created)).amount).toBe(15000)
    cli.child.kill("SIGTERM")
    expect(await cli.exited).toBe(0)
    expect(cli.output().stdout).toContain("shutting down")
  })

  it("refuses an invalid fault specification with a message and exit code 2", async () => {
    const cli = runCli(["--port", "0", "--faults", '[{"kind":"explode"}]'])
    expect(await cli.exited).toBe(2)
    expect(cli.output().stderr).toContain("kind")
    await expect(cli.listening).rejects.toThrow(/exited early/)
  })

  it("delivers signed webhooks to --webhook-url with the retry flags it was given", async () => {
    const secret = "whsec_cli_secret"
    const rx = await receiver(() => 500)
    const cli = runCli([
      "--port",
      "0",
      "--admin-token",
      "tok",
      "--webhook-url",
      rx.url,
      "--webhook-secret",
      secret,
      "--webhook-max-attempts",
      "2",
      "--webhook-retry-delay",
      "10",
      "--webhook-timeout",
      "5000",
    ])
    const printed = await cli.listening
    const base = /base URL\s+(\S+)/.exec(printed)?.[1]
    const key = /API key\s+(\S+)/.exec(printed)?.[1]
    const origin = new URL(base!).origin
    const session = await read(
      await fetch(`${base}/checkout_sessions`, {
        method: "POST",
        headers: {
          "x-api-key": key!,
          "content-type": "application/json",
        },
        body: JSON.stringify(EXAMPLES.createSession),
      }),
    )
    const paid = await fetch(`${session.url}/complete`, {
      method: "POST",
      body: "outcome=succeeded",
      redirect: "manual",
    })
    expect(paid.status).toBe(303)
    // Two attempts of each event, as --webhook-max-attempts says, then nothing more.
    await rx.received(4)
    const admin = { authorization: "Bearer tok" }
    let log: any[] = []
    while (log.length < 2 || log.some((d) => d.status === "pending")) {
      await new Promise((resolve) => setTimeout(resolve, 10))
      log = (await read(await fetch(`${origin}/__admin/webhooks`, { headers: admin }))).data
    }
    expect(log.map((d) => [d.event, d.status, d.attempts.length])).toEqual([
      ["PAYMENT_SUCCEEDED", "failed", 2],
      ["CHECKOUT_COMPLETED", "failed", 2],
    ])
    expect(rx.hits.map((h) => h.event.event)).toEqual([
      "PAYMENT_SUCCEEDED",
      "PAYMENT_SUCCEEDED",
      "CHECKOUT_COMPLETED",
      "CHECKOUT_COMPLETED",
    ])
    for (const hit of rx.hits) {
      expect(hit.headers["x-lomi-signature"]).toBe(
        createHmac("sha256", secret).update(hit.body).digest("hex"),
      )
    }
    cli.child.kill("SIGTERM")
    expect(await cli.exited).toBe(0)
    const { stdout, stderr } = cli.output()
    expect(stdout).toContain(`webhooks  ${rx.url} (2 attempts, first retry after 10 ms)`)
    expect(stderr).toContain("PAYMENT_SUCCEEDED")
    expect(stderr).toContain("attempt 1 failed: HTTP 500; retrying in 10 ms")
    expect(`${stdout}${stderr}`).not.toContain(secret)
  })

  it.each([
    [
      ["--webhook-url", "ftp://example.com/x", "--webhook-secret", "s"],
      "--webhook-url must be an absolute http(s) URL",
    ],
    [["--webhook-url", "http://127.0.0.1:9/x"], "--webhook-url needs --webhook-secret"],
    [
      ["--webhook-url", "http://127.0.0.1:9/x", "--webhook-secret", "s", "--webhook-max-attempts", "0"],
      "--webhook-max-attempts must be an integer from 1 to 20, got 0",
    ],
    [
      ["--webhook-url", "http://127.0.0.1:9/x", "--webhook-secret", "s", "--webhook-retry-delay", "1e3"],
      "--webhook-retry-delay must be an integer from 0 to 600000, got 1e3",
    ],
  ])("refuses %j with exit code 2", async (args, message) => {
    const cli = runCli(["--port", "0", ...args])
    expect(await cli.exited).toBe(2)
    expect(cli.output().stderr).toContain(message)
    await expect(cli.listening).rejects.toThrow(/exited early/)
  })
})
