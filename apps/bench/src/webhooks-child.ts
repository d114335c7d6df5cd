// Runs the webhook benchmark on bare `node` (tsx's module hooks would cost the measured process CPU),
// logging to stderr and printing the results as one JSON line.
import { runWebhooks } from "./webhooks.js"

const [events, rounds] = process.argv.slice(2).map(Number) as [number, number]
const results = await runWebhooks({ events, rounds, log: (line) => process.stderr.write(`${line}\n`) })
process.stdout.write(`${JSON.stringify(results)}\n`)
