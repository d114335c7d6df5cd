// Runs the stub of stripe's and openai's APIs in its own process. Prints one JSON line `{ url }` once
// listening, then serves until stdin closes (the parent exiting closes it too).
import { startAnchorStub } from "./anchor-stub.js"

const stub = await startAnchorStub()
process.stdout.write(`${JSON.stringify({ url: stub.url })}\n`)
process.stdin.resume()
process.stdin.on("end", () => {
  stub.close().then(() => process.exit(0))
})
