// 4. Cold start as installed: in the npm projects of install.ts (not the workspace's links), a fresh
// `node` imports the SDK, constructs its client and makes one create call against a server in another
// process: @lomi/checkout against the sandbox, stripe-node and openai-node against the stub of their APIs.
// An empty `node -e ""` is the baseline. Every process, the empty one included, preloads the same small
// CommonJS reporter that prints its CPU time (user + system) and peak RSS as it exits. On this machine's
// Node and on Node 24 (the npm `node` package), contenders and Node versions alternating.
import { spawn } from "node:child_process"
import { writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { OPENAI_KEY, STRIPE_KEY } from "./anchor-stub.js"
import type { Contender, Installs } from "./install.js"
import { startRemoteAnchorStub, startRemoteSandbox } from "./sandbox.js"
import { median, rotate, round } from "./stats.js"

export type ColdContender = "empty" | Contender

/** One contender's medians on one Node version. */
export interface InstalledColdResult {
  readonly node: string
  readonly contender: ColdContender
  readonly processes: number
  /** ms from process start to the end of the imports, the client constructed, the first response. */
  readonly importedMs: number | null
  readonly constructedMs: number | null
  readonly firstResponseMs: number | null
  /** ms from process start to its `exit` event. */
  readonly exitMs: number
  /** CPU (user + system) of the whole process, ms. */
  readonly cpuMs: number
  /** `cpuMs` over the empty process's, median of the per-round differences. */
  readonly cpuOverEmptyMs: number
  /** Peak resident set size, MB. */
  readonly maxRssMB: number
}

const REPORTER = `// Prints this process's age, CPU time and peak RSS as it exits (preloaded with --require).
const { writeSync } = require("node:fs")
process.on("exit", () => {
  const usage = process.resourceUsage()
  writeSync(1, JSON.stringify({ exitMs: performance.now(), cpuMicros: usage.userCPUTime + usage.systemCPUTime, maxRssKB: usage.maxRSS }) + "\\n")
})
`

const timings = `const firstResponseMs = performance.now()
console.log(JSON.stringify({ importedMs, constructedMs, firstResponseMs }))`

/** Each contender's one-call program, as a user would write it after reading the SDK's README. */
const PROGRAMS: Record<Contender, string> = {
  lomi: `import { Lomi } from "@lomi/checkout"
const importedMs = performance.now()
const lomi = new Lomi({ apiKey: process.env.BENCH_LOMI_KEY, baseUrl: process.env.BENCH_LOMI_URL })
const constructedMs = performance.now()
const session = await lomi.checkoutSessions.create({ amount: 15000, currency_code: "XOF", title: "Bench", success_url: "https://example.com/ok" })
if (typeof session.checkout_session_id !== "string") throw new Error("unexpected session " + JSON.stringify(session))
${timings}
`,
  stripe: `import Stripe from "stripe"
const importedMs = performance.now()
const stub = new URL(process.env.BENCH_STUB_URL)
const stripe = new Stripe(process.env.BENCH_STRIPE_KEY, { host: stub.hostname, port: stub.port, protocol: "http" })
const constructedMs = performance.now()
const session = await stripe.checkout.sessions.create({
  mode: "payment",
  success_url: "https://example.com/ok",
  line_items: [{ quantity: 1, price_data: { currency: "xof", unit_amount: 15000, product_data: { name: "Bench" } } }],
})
if (!session.id.startsWith("cs_")) throw new Error("unexpected session " + JSON.stringify(session))
${timings}
`,
  openai: `import OpenAI from "openai"
const importedMs = performance.now()
const client = new OpenAI({ apiKey: process.env.BENCH_OPENAI_KEY, baseURL: process.env.BENCH_STUB_URL + "/v1" })
const constructedMs = performance.now()
const completion = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hello" }] })
if (typeof completion.choices[0]?.message.content !== "string") throw new Error("unexpected completion " + JSON.stringify(completion))
${timings}
`,
}

/** Node 24 from the npm `node` package, which tooling/verdaccio installs (as tooling/consumers finds it). */
export const node24 = (): string => {
  const verdaccio = createRequire(import.meta.url).resolve("@lomi/verdaccio/package.json")
  return join(dirname(createRequire(verdaccio).resolve("node/package.json")), "bin", "node")
}

const version = (node: string) =>
  new Promise<string>((resolve, reject) => {
    const child = spawn(node, ["--version"], { stdio: ["ignore", "pipe", "inherit"] })
    let out = ""
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk
    })
    child.once("error", reject)
    child.once("exit", (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`${node} --version exited ${code}`)),
    )
  })

interface Sample {
  readonly importedMs?: number
  readonly constructedMs?: number
  readonly firstResponseMs?: number
  readonly exitMs: number
  readonly cpuMicros: number
  readonly maxRssKB: number
}

/** Runs one process to completion; its output lines are JSON objects, merged into one sample. */
const once = (node: string, args: ReadonlyArray<string>, cwd: string, env: NodeJS.ProcessEnv) =>
  new Promise<Sample>((resolve, reject) => {
    const child = spawn(node, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] })
    let out = ""
    let err = ""
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk
    })
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk
    })
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000)
    child.once("error", reject)
    child.once("exit", (code, signal) => {
      clearTimeout(timer)
      if (code !== 0)
        return reject(
          new Error(`${node} ${args.join(" ")} in ${cwd} exited ${code ?? signal}:\n${err}${out}`),
        )
      try {
        const lines = out
          .trim()
          .split("\n")
          .filter((line) => line.startsWith("{"))
        resolve(Object.assign({}, ...lines.map((line) => JSON.parse(line))) as Sample)
      } catch (error) {
        reject(error)
      }
    })
  })

const CONTENDERS: ReadonlyArray<ColdContender> = ["empty", "lomi", "stripe", "openai"]

export const runInstalledColdStart = async (options: {
  readonly installs: Installs
  readonly processes: number
  readonly log: (line: string) => void
}): Promise<Array<InstalledColdResult>> => {
  const { dirs } = options.installs
  for (const contender of ["lomi", "stripe", "openai"] as const) {
    writeFileSync(join(dirs[contender], "bench-reporter.cjs"), REPORTER)
    writeFileSync(join(dirs[contender], "bench-cold.mjs"), PROGRAMS[contender])
  }
  const nodes: Array<{ path: string; version: string }> = []
  for (const path of [process.execPath, node24()]) {
    const v = await version(path)
    if (!nodes.some((n) => n.version === v)) nodes.push({ path, version: v })
  }
  const [sandbox, stub] = await Promise.all([startRemoteSandbox(), startRemoteAnchorStub()])
  // A plain shell's environment, the same however the benchmark was started: nothing from pnpm or turbo,
  // no NODE_OPTIONS or NODE_PATH, no NODE_EXTRA_CA_CERTS (Node 20 parses those at startup: +30 ms CPU here).
  const env: NodeJS.ProcessEnv = {}
  for (const key of ["PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "TZ"])
    if (process.env[key] !== undefined) env[key] = process.env[key]
  Object.assign(env, {
    BENCH_LOMI_URL: sandbox.url,
    BENCH_LOMI_KEY: sandbox.apiKey,
    BENCH_STUB_URL: stub.url,
    BENCH_STRIPE_KEY: STRIPE_KEY,
    BENCH_OPENAI_KEY: OPENAI_KEY,
  })
  const runs = nodes.flatMap((node) => CONTENDERS.map((contender) => ({ node, contender })))
  const key = (node: string, contender: ColdContender) => `${node} ${contender}`
  const samples = new Map<string, Array<Sample>>()
  const measure = (node: { path: string }, contender: ColdContender) =>
    contender === "empty"
      ? once(node.path, ["--require", "./bench-reporter.cjs", "-e", ""], dirs.lomi, env)
      : once(node.path, ["--require", "./bench-reporter.cjs", "bench-cold.mjs"], dirs[contender], env)
  try {
    // One unrecorded run each: the file system cache is warm for all of them.
    for (const { node, contender } of runs) await measure(node, contender)
    for (let i = 0; i < options.processes; i++)
      for (const { node, contender } of rotate(runs, i)) {
        const sample = await measure(node, contender)
        const list = samples.get(key(node.version, contender)) ?? []
        list.push(sample)
        samples.set(key(node.version, contender), list)
      }
  } finally {
    await Promise.all([sandbox.close(), stub.close()])
  }
  const results: Array<InstalledColdResult> = []
  for (const { version: node } of nodes) {
    const empty = samples.get(key(node, "empty"))!
    for (const contender of CONTENDERS) {
      const own = samples.get(key(node, contender))!
      const ms = (pick: (s: Sample) => number | undefined) => {
        const values = own.map(pick).filter((v): v is number => v !== undefined)
        return values.length === 0 ? null : round(median(values), 1)
      }
      results.push({
        node,
        contender,
        processes: own.length,
        importedMs: ms((s) => s.importedMs),
        constructedMs: ms((s) => s.constructedMs),
        firstResponseMs: ms((s) => s.firstResponseMs),
        exitMs: round(median(own.map((s) => s.exitMs)), 1),
        cpuMs: round(median(own.map((s) => s.cpuMicros / 1000)), 1),
        cpuOverEmptyMs: round(median(own.map((s, i) => (s.cpuMicros - empty[i]!.cpuMicros) / 1000)), 1),
        maxRssMB: round(median(own.map((s) => s.maxRssKB / 1024)), 1),
      })
    }
    options.log(
      `  ${node}: ${results
        .filter((r) => r.node === node)
        .map((r) => `${r.contender} ${r.cpuMs} ms CPU, ${r.maxRssMB} MB`)
        .join(", ")}`,
    )
  }
  return results
}
