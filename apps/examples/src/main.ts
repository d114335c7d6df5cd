// `pnpm demo [name]`: every scenario in order, against an embedded sandbox unless LOMI_API_KEY is set.
// Offline, each scenario runs on each generation of lomi.'s routes it shows (the sandbox serves both);
// against the real API, on the generation that API speaks.
import { type ApiGeneration, BaseUrls, Lomi } from "@lomi/checkout"
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

/** Where one generation is reached: its base URL and the options of its clients. */
interface Target {
  readonly generation: ApiGeneration
  readonly baseUrl: string
  readonly clientOptions: DemoContext["clientOptions"]
  readonly lomi: Lomi
}

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
  const targets: Array<Target> = []
  if (sandbox) {
    for (const [generation, baseUrl] of [
      ["v1", sandbox.url],
      ["2025-12", sandbox.origin],
    ] as const) {
      const clientOptions = { apiKey: sandbox.apiKey, baseUrl }
      targets.push({ generation, baseUrl, clientOptions, lomi: new Lomi(clientOptions) })
    }
    console.log(
      `lomi. demos against an embedded sandbox, which serves both generations of lomi.'s routes: "v1" at ${sandbox.url}, "2025-12" at ${sandbox.origin} (set LOMI_API_KEY to use the real API)`,
    )
  } else {
    // LOMI_BASE_URL, LOMI_ENVIRONMENT and LOMI_API_GENERATION, when set, are read by `new Lomi()` itself.
    const clientOptions = { apiKey: liveKey as string }
    const lomi = new Lomi(clientOptions)
    const environment =
      process.env.LOMI_ENVIRONMENT ?? (liveKey?.startsWith("lomi_sk_test_") ? "sandbox" : "live")
    const host = BaseUrls[environment === "sandbox" ? "sandbox" : "live"]
    const baseUrl = process.env.LOMI_BASE_URL ?? (lomi.apiGeneration === "v1" ? `${host}/v1` : host)
    targets.push({ generation: lomi.apiGeneration, baseUrl, clientOptions, lomi })
    console.log(`lomi. demos against ${baseUrl}, speaking lomi.'s "${lomi.apiGeneration}" routes`)
  }

  let ran = 0
  let failed = 0
  try {
    for (const scenario of selected) {
      for (const target of targets) {
        const shown = scenario.generations.includes(target.generation)
        // Offline, a scenario runs on the generations it shows; online, it is skipped when the API's is not one.
        if (!shown && sandbox) continue
        console.log(`\n== ${scenario.title} (${scenario.name}) on ${target.generation}`)
        if (scenario.needsSandbox && !sandbox) {
          console.log("  skipped: it injects faults, which only the embedded sandbox can do")
          continue
        }
        if (!shown) {
          const lacking = target.generation === "2025-12" ? ", which serve no update and no delete" : ""
          console.log(
            `  skipped: it needs lomi.'s ${scenario.generations.map((g) => `"${g}"`).join(" or ")} routes, and ${target.baseUrl} speaks "${target.generation}"${lacking}`,
          )
          continue
        }
        ran++
        try {
          await scenario.run({
            lomi: target.lomi,
            generation: target.generation,
            clientOptions: target.clientOptions,
            sandbox,
            log: (line) => console.log(`  ${line}`),
          })
          console.log("  ok")
        } catch (err) {
          failed++
          console.log(
            `  FAILED: ${err instanceof DemoFailure ? err.message : err instanceof Error ? err.stack : err}`,
          )
        }
      }
    }
  } finally {
    await sandbox?.close()
  }
  console.log(failed === 0 ? `\nAll ${ran} demos passed.` : `\n${failed} of ${ran} demos failed.`)
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
