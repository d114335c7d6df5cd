// Measures how many `retrieve_checkout_session` requests per second the sandbox answers over HTTP with
// 32 requests in flight. The client runs in the same process (on 2 cores it competes with the server),
// so compare numbers from the same machine rather than reading them as absolute capacity.
import { Agent, request } from "node:http"
import { startSandbox } from "../src/index.js"

const TOTAL = Number(process.env.BENCH_REQUESTS ?? 20_000)
const IN_FLIGHT = 32
const WARMUP = 1_000

const sandbox = await startSandbox()
const [id] = await sandbox.seedCheckoutSessions(1)
const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT })
const { hostname, port } = new URL(sandbox.origin)
const path = `/v1/checkout_sessions/${id}`

const once = (): Promise<void> =>
  new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port, path, agent, headers: { "x-api-key": sandbox.apiKey } },
      (res) => {
        if (res.statusCode !== 200) reject(new Error(`unexpected status ${res.statusCode}`))
        res.resume()
        res.on("end", resolve)
      },
    )
    req.on("error", reject)
    req.end()
  })

const run = async (count: number): Promise<number> => {
  let next = 0
  const started = performance.now()
  const worker = async () => {
    while (next < count) {
      next++
      await once()
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker))
  return performance.now() - started
}

await run(WARMUP)
sandbox.clearRequests()
const elapsed = await run(TOTAL)
const rate = Math.round((TOTAL / elapsed) * 1000)
console.log(
  `retrieve_checkout_session: ${TOTAL} requests, ${IN_FLIGHT} in flight, ${elapsed.toFixed(0)} ms, ${rate} req/s`,
)
agent.destroy()
await sandbox.close()
