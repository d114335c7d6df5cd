/// <reference types="node" />
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { expect, it } from "vitest"
import { serverPerTest } from "./support/server.js"

const startServer = serverPerTest()

const script = fileURLToPath(new URL("./fixtures/timeout-script.ts", import.meta.url))
const packageDir = fileURLToPath(new URL("..", import.meta.url))

it.each([
  ["Effect", "node:http"],
  ["Effect", "fetch"],
  ["Promise", "node:http"],
  ["Promise", "fetch"],
])(
  "a script whose only request timed out exits by itself, with no timer or socket left (%s API, %s)",
  async (api, transport) => {
    const server = await startServer(() => ({ hang: true }))
    const child = spawn(process.execPath, ["--import", "tsx", script, server.url, transport, api], {
      cwd: packageDir,
      stdio: ["ignore", "pipe", "pipe"],
    })
    let stdout = ""
    let stderr = ""
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    // A leaked timer would hold the child for the 60 s default timeout or more, a leaked socket forever
    // (the server never answers): 15 s separates "exits by itself" from "held open" without timing the SDK.
    const code = await new Promise<number | null | "held open">((resolve) => {
      const guard = setTimeout(() => {
        child.kill("SIGKILL")
        resolve("held open")
      }, 15_000)
      child.on("exit", (exitCode) => {
        clearTimeout(guard)
        resolve(exitCode)
      })
    })
    expect(stderr).toBe("")
    expect(code).toBe(0)
    const report = JSON.parse(stdout.trim()) as {
      outcome: string
      tag: string
      kind: string
      resources: Array<string>
    }
    expect(report).toMatchObject({ outcome: "failure", tag: "LomiTimeoutError", kind: "attempt" })
    expect(report.resources.filter((r) => r === "Timeout" || r.startsWith("TCP"))).toEqual([])
    // The server saw the client go away: the timeout aborted the fetch rather than abandoning it.
    await server.waitForAbort(0)
  },
  20_000,
)
