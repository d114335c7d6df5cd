// pnpm runtimes: the same smoke (src/smoke/smoke.ts: create through a scripted 503, list with `for await`,
// retrieve, delete, then a signed webhook delivery verified and decoded) from the built packages on every runtime the SDK supports, each against its own
// sandbox on 127.0.0.1, then a table. Every runtime is installed from npm by this package. A runtime that
// fails is reported with its error and fails the run; none is skipped.
import { writeFileSync } from "node:fs"
import { connect } from "node:net"
import { join } from "node:path"
import { startSandbox } from "@lomi/sandbox"
import { build } from "esbuild"
import { cleanEnv, defer, freePort, main, run, start, tempDir } from "./lib/processes.js"
import { packageDir, tools } from "./lib/workspace.js"
import type { SmokeResult } from "./smoke/smoke.ts"

interface Target {
  readonly url: string
  readonly apiKey: string
}

interface Runtime {
  readonly name: string
  version(): Promise<string>
  smoke(target: Target): Promise<SmokeResult>
}

const PER_RUNTIME_MS = 60_000
const cli = join("src", "smoke", "cli.ts")

/** Runs the smoke's CLI entry with `command`; its result is the last line of output. */
const viaCli =
  (command: string, args: ReadonlyArray<string>, extraEnv: Record<string, string> = {}) =>
  async (target: Target): Promise<SmokeResult> => {
    const output = await run(command, args, {
      cwd: packageDir,
      env: cleanEnv({ ...extraEnv, LOMI_BASE_URL: target.url, LOMI_API_KEY: target.apiKey }),
      timeoutMs: PER_RUNTIME_MS,
    })
    const last = output.trim().split("\n").at(-1) ?? ""
    try {
      return JSON.parse(last) as SmokeResult
    } catch {
      throw new Error(`no result line in the output:\n${output}`)
    }
  }

const firstLine = async (command: string, args: ReadonlyArray<string>): Promise<string> =>
  (await run(command, args, { timeoutMs: 20_000 })).trim().split("\n")[0] ?? "?"

const waitForPort = async (port: number, timeoutMs: number): Promise<void> => {
  const until = Date.now() + timeoutMs
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1")
      socket.once("connect", () => resolve(true)).once("error", () => resolve(false))
      socket.setTimeout(1000, () => resolve(false))
    }).finally(() => undefined)
    if (open) return
    if (Date.now() > until) throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

const workerdConfig = (
  port: number,
  target: Target,
): string => `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .smoke),
    # the Worker's fetch() goes out through this service: allow loopback, where the sandbox listens
    (name = "internet", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);

const smoke :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2026-01-01",
  bindings = [
    (name = "LOMI_BASE_URL", text = ${JSON.stringify(target.url)}),
    (name = "LOMI_API_KEY", text = ${JSON.stringify(target.apiKey)}),
  ],
);
`

/** workerd: the smoke bundled as a module Worker with esbuild, served on a free port, called once. */
const workerdSmoke = async (target: Target): Promise<SmokeResult> => {
  const dir = tempDir("workerd")
  await build({
    entryPoints: [join(packageDir, "src", "smoke", "worker.ts")],
    outfile: join(dir, "worker.js"),
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser", "import"],
    mainFields: ["module", "main"],
    target: "es2022",
    logLevel: "error",
  })
  const port = await freePort()
  writeFileSync(join(dir, "config.capnp"), workerdConfig(port, target))
  const workerd = start(tools.workerd, ["serve", join(dir, "config.capnp")], { cwd: dir })
  defer(workerd.stop)
  try {
    await waitForPort(port, 20_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${workerd.output()}`)
    })
    const response = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(PER_RUNTIME_MS) })
    const body = await response.text()
    if (!response.ok) throw new Error(`the Worker answered ${response.status}:\n${body}\n${workerd.output()}`)
    return JSON.parse(body) as SmokeResult
  } finally {
    await workerd.stop()
  }
}

const runtimes: ReadonlyArray<Runtime> = [
  {
    name: "Node (this machine's)",
    version: async () => process.version,
    smoke: viaCli(process.execPath, ["--import", "tsx", cli]),
  },
  {
    name: "Node 24 (npm node)",
    version: () => firstLine(tools.node24, ["--version"]),
    smoke: viaCli(tools.node24, ["--disable-warning=ExperimentalWarning", cli]),
  },
  {
    name: "Bun (npm bun)",
    version: () => firstLine(tools.bun, ["--version"]),
    smoke: viaCli(tools.bun, [cli]),
  },
  {
    name: "Deno (npm deno)",
    version: async () => (await firstLine(tools.deno, ["--version"])).split(" (")[0]!,
    smoke: viaCli(
      tools.deno,
      ["run", "--no-prompt", "--no-lock", "--allow-net=127.0.0.1", "--allow-env", "--allow-read", cli],
      {
        DENO_NO_UPDATE_CHECK: "1",
      },
    ),
  },
  {
    name: "workerd (npm workerd)",
    version: () => firstLine(tools.workerd, ["--version"]),
    smoke: workerdSmoke,
  },
]

interface Row {
  readonly runtime: string
  readonly version: string
  readonly result: string
  readonly attempts: string
  readonly listed: string
  readonly webhook: string
  readonly reported: string
  readonly seconds: string
  readonly error?: string
}

const table = (rows: ReadonlyArray<Row>): string => {
  const columns = [
    "runtime",
    "version",
    "result",
    "attempts",
    "listed",
    "webhook",
    "reported",
    "seconds",
  ] as const
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => r[c].length)))
  const line = (cells: ReadonlyArray<string>) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`
  return [
    line(columns),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map((r) => line(columns.map((c) => r[c]))),
  ].join("\n")
}

main("runtimes", 240_000, async () => {
  const rows: Row[] = []
  for (const runtime of runtimes) {
    const from = performance.now()
    const version = await runtime
      .version()
      .catch((error: Error) => `unavailable: ${error.message.split("\n")[0]}`)
    const sandbox = await startSandbox({
      faults: [{ operation: "create_checkout_session", kind: "error", status: 503, retryAfter: 0, next: 1 }],
    })
    defer(sandbox.close)
    const row = await runtime.smoke({ url: sandbox.url, apiKey: sandbox.apiKey }).then(
      (result) => ({
        result: "ok",
        attempts: String(result.attempts),
        listed: String(result.listed),
        webhook: result.webhook,
        reported: result.runtime,
      }),
      (error: Error) => ({
        result: "FAILED",
        attempts: "-",
        listed: "-",
        webhook: "-",
        reported: "-",
        error: error.message,
      }),
    )
    await sandbox.close()
    const seconds = ((performance.now() - from) / 1000).toFixed(1)
    rows.push({ runtime: runtime.name, version, seconds, ...row })
    console.log(`runtimes: ${runtime.name} ${row.result} (${seconds} s)`)
  }
  console.log(table(rows))
  const failed = rows.filter((r) => r.error !== undefined)
  for (const row of failed) console.error(`\n${row.runtime} ${row.version} failed:\n${row.error}`)
  if (failed.length > 0) throw new Error(`${failed.length} of ${rows.length} runtimes failed`)
})
