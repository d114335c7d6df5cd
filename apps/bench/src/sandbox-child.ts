// Runs a sandbox in its own process, so that on a 2-core machine the server does not share the benchmark's
// event loop. Prints one JSON line `{ url, apiKey, ids }` once listening (and seeded), then serves until
// stdin closes (the parent exiting closes it too).
import { startSandbox } from "@lomi/sandbox"

const seed = Number(process.argv[2] ?? "0")
const sandbox = await startSandbox()
const ids = seed > 0 ? await sandbox.seedCheckoutSessions(seed, { amount: 15000, currency_code: "XOF" }) : []
process.stdout.write(
  `${JSON.stringify({ url: sandbox.url, apiKey: sandbox.apiKey, ids: ids.slice(0, 1) })}\n`,
)
process.stdin.resume()
process.stdin.on("end", () => {
  sandbox.close().then(() => process.exit(0))
})
