import { spawn } from "node:child_process"
import * as Effect from "effect/Effect"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { Checkout, CheckoutSessions, Lomi } from "@lomi/checkout/effect"

const child = spawn(process.execPath, ["--import", "tsx", new URL("./sandbox-child.ts", import.meta.url).pathname, "1"], { stdio: ["pipe", "pipe", "inherit"] })
const info = await new Promise<{ url: string; apiKey: string; ids: string[] }>((resolve) => child.stdout.once("data", (d) => resolve(JSON.parse(String(d)))))
const { url, apiKey, ids } = info
const which = process.argv[2] ?? "effect"
const op = process.argv[3] ?? "retrieve"
const N = Number(process.argv[4] ?? 4000)
const runtime = ManagedRuntime.make(Checkout.layer({ apiKey, baseUrl: url }))
const sessions = await runtime.runPromise(Effect.service(CheckoutSessions))
const lomi = new Lomi({ apiKey, baseUrl: url })
import * as http from "node:http"
const agent = new http.Agent({ keepAlive: true })
const rawCall = () => new Promise<unknown>((resolve, reject) => {
  const body = op === "create" ? JSON.stringify({ amount: 15000, currency_code: "XOF" }) : undefined
  const req = http.request(op === "retrieve" ? `${url}/checkout_sessions/${ids[0]}` : `${url}/checkout_sessions`, { method: op === "retrieve" ? "GET" : "POST", agent, headers: { accept: "application/json", "x-api-key": apiKey, ...(body ? { "content-type": "application/json", "idempotency-key": crypto.randomUUID() } : {}) } }, (res) => { const chunks: Buffer[] = []; res.on("data", (c) => chunks.push(c)); res.on("end", () => { try { resolve(JSON.parse(Buffer.concat(chunks).toString())) } catch (e) { reject(e) } }) })
  req.on("error", reject); req.end(body)
})
const call = which === "raw" ? rawCall : which === "effect"
  ? () => runtime.runPromise(op === "retrieve" ? sessions.retrieve(ids[0]!) : sessions.create({ amount: 15000, currency_code: "XOF" }))
  : () => (op === "retrieve" ? lomi.checkoutSessions.retrieve(ids[0]!) : lomi.checkoutSessions.create({ amount: 15000, currency_code: "XOF" }))
const rawLike = () => new Promise<unknown>((resolve, reject) => {
  const req = http.request(`${url}/checkout_sessions/${ids[0]}`, { method: "GET", headers: { accept: "application/json", "x-api-key": apiKey, "user-agent": "lomi-sdk-typescript/0.1.0 (node 20; linux x64)", "accept-encoding": "gzip, deflate, br" } }, (res) => { const chunks: Buffer[] = []; res.on("data", (c) => chunks.push(c)); res.on("end", () => { try { resolve(JSON.parse(Buffer.concat(chunks).toString())) } catch (e) { reject(e) } }) })
  req.on("error", reject); req.end()
})
const variants: Record<string, () => Promise<unknown>> = {
  raw: rawCall,
  rawlike: rawLike,
  effect: () => runtime.runPromise(op === "retrieve" ? sessions.retrieve(ids[0]!) : sessions.create({ amount: 15000, currency_code: "XOF" })),
  promise: () => (op === "retrieve" ? lomi.checkoutSessions.retrieve(ids[0]!) : lomi.checkoutSessions.create({ amount: 15000, currency_code: "XOF" })),
}
const pick = which === "all" ? Object.keys(variants) : [which]
const results: Record<string, number[]> = {}
for (const name of pick) for (let i = 0; i < 300; i++) await variants[name]!()
for (let round = 0; round < Number(process.argv[5] ?? 1); round++)
  for (const name of pick) {
    const f = variants[name]!
    const start = process.cpuUsage()
    let done = 0
    await Promise.all(Array.from({ length: 32 }, async () => { while (done < N) { done++; await f() } }))
    const cpu = process.cpuUsage(start)
    ;(results[name] ??= []).push((cpu.user + cpu.system) / N)
  }
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const raw = results.raw ? median(results.raw) : undefined
for (const [name, xs] of Object.entries(results)) console.log(op, name, median(xs).toFixed(1), "µs/req", raw ? (median(xs) / raw).toFixed(2) + "x" : "")
child.stdin.end()
process.exit(0)
