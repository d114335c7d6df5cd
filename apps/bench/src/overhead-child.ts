// Runs the overhead comparison on bare `node` (tsx's module hooks cost the client process CPU), logging to
// stderr and printing the results as one JSON line.
import { runOverhead } from "./overhead.js"

const [requests, rounds] = process.argv.slice(2).map(Number) as [number, number]
const results = await runOverhead({ requests, rounds, log: (line) => process.stderr.write(`${line}\n`) })
process.stdout.write(`${JSON.stringify(results)}\n`)
