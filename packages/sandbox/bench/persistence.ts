// Measures `create_checkout_session` throughput over HTTP with a data file, sequentially and with 32
// requests in flight, for an empty data file and one holding 100,000 sessions, in the same run. Every
// create is durable (fsynced) before its answer. With the journal a write appends one line, so the two
// should be close; with the old whole-file rewrite the large file was ~4x slower. The client runs in the
// same process, so compare the numbers with each other rather than reading them as capacity.
import { mkdtemp, rm, stat } from "node:fs/promises"
import { Agent, request } from "node:http"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type Sandbox, startSandbox } from "../src/index.js"

const SEEDED = Number(process.env.BENCH_SESSIONS ?? 100_000)
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 1_000)
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 5_000)
const IN_FLIGHT = 32

const body = JSON.stringify({
  amount: 15000,
  currency_code: "XOF",
  title: "Bench",
  metadata: { bench: true },
})

const create = (sandbox: Sandbox, agent: Agent): Promise<void> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(sandbox.origin)
    const req = request(
      {
        host: hostname,
        port,
        path: "/v1/checkout_sessions",
        method: "POST",
        agent,
        headers: {
          "x-api-key": sandbox.apiKey,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        },
      },
      (res) => {
        if (res.statusCode !== 201) reject(new Error(`unexpected status ${res.statusCode}`))
        res.resume()
        res.on("end", resolve)
      },
    )
    req.on("error", reject)
    req.end(body)
  })

/** Creates per second with `inFlight` concurrent clients, after a short warm-up on the same sockets. */
const measure = async (sandbox: Sandbox, count: number, inFlight: number): Promise<number> => {
  const agent = new Agent({ keepAlive: true, maxSockets: inFlight })
  const run = async (total: number): Promise<number> => {
    let next = 0
    const worker = async () => {
      while (next < total) {
        next++
        await create(sandbox, agent)
      }
    }
    const started = performance.now()
    await Promise.all(Array.from({ length: inFlight }, worker))
    return performance.now() - started
  }
  await run(Math.min(count, 4 * inFlight))
  const elapsed = await run(count)
  agent.destroy()
  return Math.round((count / elapsed) * 1000)
}

const dir = await mkdtemp(join(tmpdir(), "lomi-sandbox-bench-"))
const emptyFile = join(dir, "empty.json")
const fullFile = join(dir, "full.json")

// Build the large file once, then measure from a fresh start on it, as a user restarting the CLI would.
const seeding = await startSandbox({ dataFile: fullFile })
await seeding.seedCheckoutSessions(SEEDED)
await seeding.close()
const loadStarted = performance.now()
const full = await startSandbox({ dataFile: fullFile })
const loadMs = performance.now() - loadStarted
const empty = await startSandbox({ dataFile: emptyFile })
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1)
console.log(
  `data files: empty, and ${SEEDED} sessions (${mb((await stat(fullFile)).size)} MB, loaded in ${loadMs.toFixed(0)} ms)`,
)

const rows: Array<[string, number, number]> = []
for (const [label, count, inFlight] of [
  ["sequential", SEQUENTIAL, 1],
  [`${IN_FLIGHT} in flight`, CONCURRENT, IN_FLIGHT],
] as const) {
  // Alternate the two files so that drift on a shared machine hits both alike.
  const a1 = await measure(empty, count / 2, inFlight)
  const b1 = await measure(full, count / 2, inFlight)
  const b2 = await measure(full, count / 2, inFlight)
  const a2 = await measure(empty, count / 2, inFlight)
  rows.push([label, Math.round((a1 + a2) / 2), Math.round((b1 + b2) / 2)])
}
for (const [label, emptyRate, fullRate] of rows) {
  console.log(
    `create_checkout_session, ${label}: empty file ${emptyRate} creates/s, ${SEEDED} sessions ${fullRate} creates/s (ratio ${(emptyRate / fullRate).toFixed(2)})`,
  )
}
console.log(
  `final sizes: empty ${mb((await stat(emptyFile)).size)} MB, full ${mb((await stat(fullFile)).size)} MB`,
)
await empty.close()
await full.close()
await rm(dir, { recursive: true, force: true })
