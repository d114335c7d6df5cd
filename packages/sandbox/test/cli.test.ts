import { type ChildProcess, spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { afterEach, describe, expect, it } from "vitest"
import { EXAMPLES, read } from "./helpers.js"

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
})
