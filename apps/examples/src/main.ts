// `pnpm demo [name]`: every scenario in order, against an embedded sandbox unless LOMI_API_KEY is set.
import { Lomi } from "@lomi/checkout"
import { startSandbox } from "@lomi/sandbox"
import { type DemoContext, DemoFailure, type Scenario } from "./scenario.js"
import { cancellation } from "./scenarios/cancellation.js"
import { createSession } from "./scenarios/create-session.js"
import { effectFlow } from "./scenarios/effect-flow.js"
import { errors } from "./scenarios/errors.js"
import { listSessions } from "./scenarios/list-sessions.js"
import { paymentLink } from "./scenarios/payment-link.js"
import { reliability } from "./scenarios/reliability.js"
import { updateSession } from "./scenarios/update-session.js"
import { webhooks } from "./scenarios/webhooks.js"

const scenarios: ReadonlyArray<Scenario> = [
  createSession,
  updateSession,
  paymentLink,
  listSessions,
  errors,
  reliability,
  cancellation,
  effectFlow,
  webhooks,
]

async function main(): Promise<number> {
  const wanted = process.argv.slice(2).filter((a) => a !== "--")
  const unknown = wanted.filter((name) => !scenarios.some((s) => s.name === name))
  if (unknown.length > 0) {
    console.error(
      `Unknown scenario ${unknown.join(", ")}. Available: ${scenarios.map((s) => s.name).join(", ")}`,
    )
    return 2
  }
  const selected = wanted.length > 0 ? scenarios.filter((s) => wanted.includes(s.name)) : scenarios

  const liveKey = process.env.LOMI_API_KEY
  const sandbox = liveKey ? undefined : await startSandbox()
  const environment = process.env.LOMI_ENVIRONMENT
  const clientOptions: DemoContext["clientOptions"] = sandbox
    ? { apiKey: sandbox.apiKey, baseUrl: sandbox.url }
    : {
        apiKey: liveKey as string,
        ...(process.env.LOMI_BASE_URL ? { baseUrl: process.env.LOMI_BASE_URL } : {}),
        ...(environment === "live" || environment === "sandbox" ? { environment } : {}),
      }
  console.log(
    sandbox
      ? `lomi. demos against an embedded sandbox at ${sandbox.url} (set LOMI_API_KEY to use the real API)`
      : `lomi. demos against ${clientOptions.baseUrl ?? `the ${clientOptions.environment ?? "live"} API`}`,
  )
  const ctx: DemoContext = {
    lomi: new Lomi(clientOptions),
    clientOptions,
    sandbox,
    log: (line) => console.log(`  ${line}`),
  }
  let failed = 0
  try {
    for (const scenario of selected) {
      console.log(`\n== ${scenario.title} (${scenario.name})`)
      if (scenario.needsSandbox && !sandbox) {
        console.log("  skipped: it injects faults, which only the embedded sandbox can do")
        continue
      }
      try {
        await scenario.run(ctx)
        console.log("  ok")
      } catch (err) {
        failed++
        console.log(
          `  FAILED: ${err instanceof DemoFailure ? err.message : err instanceof Error ? err.stack : err}`,
        )
      }
    }
  } finally {
    await sandbox?.close()
  }
  console.log(
    failed === 0
      ? `\nAll ${selected.length} demos passed.`
      : `\n${failed} of ${selected.length} demos failed.`,
  )
  return failed === 0 ? 0 : 1
}

main().then(
  (code) => {
    process.exitCode = code
    // Nothing should keep the process alive now; if something does (a socket, a timer), say so and fail.
    setTimeout(() => {
      console.error("The demo finished but left open handles:", process.getActiveResourcesInfo())
      process.exit(1)
    }, 5_000).unref()
  },
  (err) => {
    console.error(err)
    process.exitCode = 1
  },
)
