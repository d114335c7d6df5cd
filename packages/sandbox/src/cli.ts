#!/usr/bin/env node
import { readFileSync } from "node:fs"
import { parseArgs } from "node:util"
import { type FaultRule, FaultSpecError, parseFaultRules } from "./faults.js"
import { startSandbox } from "./node.js"
import { resolveWebhookOptions, type WebhookOptions } from "./webhooks.js"

const USAGE = `Usage: lomi-sandbox [options]

  --port <n>           port to listen on (default 4010; 0 picks a free one)
  --host <addr>        interface to listen on (default 127.0.0.1)
  --public-origin <u>  origin put in the url of sessions and links (default: the listening origin)
  --key <key>          accepted X-API-KEY; repeat for several (default: the sandbox test key)
  --data <file>        keep data in this file (a journal) across restarts (default: in memory)
  --faults <spec>      fault rules: a JSON file, or inline JSON (array or {"rules": [...], "seed": ...})
  --seed <n|text>      seed of the fault dice (default: random, printed)
  --admin-token <tok>  enable the /__admin endpoint with this bearer token
  --rate-limit <n>     allow n requests per second per key (token bucket), answer 429 beyond
  --webhook-url <url>  POST signed events here when a checkout session is paid or a payment fails
  --webhook-secret <s> the endpoint's signing secret (required with --webhook-url)
  --webhook-max-attempts <n>  attempts per event, 1 to 20 (default 6)
  --webhook-retry-delay <ms>  wait before the first retry, doubling after (default 1000)
  --webhook-timeout <ms>      time allowed per attempt (default 10000)
  -h, --help           show this help`

const fail = (message: string): never => {
  console.error(`lomi-sandbox: ${message}\n\n${USAGE}`)
  process.exit(2)
}

const readFaults = (spec: string): { rules: FaultRule[]; seed?: number | string } => {
  const trimmed = spec.trim()
  let text = trimmed
  if (!trimmed.startsWith("[") && !trimmed.startsWith("{")) {
    try {
      text = readFileSync(trimmed, "utf8")
    } catch (error) {
      return fail(`cannot read --faults file ${trimmed}: ${(error as Error).message}`)
    }
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    return fail(`--faults is not valid JSON: ${(error as Error).message}`)
  }
  try {
    const rules = parseFaultRules(parsed)
    const seed = (parsed as { seed?: unknown }).seed
    return typeof seed === "number" || typeof seed === "string" ? { rules, seed } : { rules }
  } catch (error) {
    return fail(error instanceof FaultSpecError ? error.message : String(error))
  }
}

const WEBHOOK_FLAGS = {
  url: "--webhook-url",
  secret: "--webhook-secret",
  maxAttempts: "--webhook-max-attempts",
  retryDelayMs: "--webhook-retry-delay",
  timeoutMs: "--webhook-timeout",
} as const

/** The webhook flags as options, checked by the same rules as the API, with errors naming the flags. */
const readWebhooks = (values: ReturnType<typeof parse>["values"]): WebhookOptions | undefined => {
  const url = values["webhook-url"]
  const secret = values["webhook-secret"]
  const numbers = {
    maxAttempts: values["webhook-max-attempts"],
    retryDelayMs: values["webhook-retry-delay"],
    timeoutMs: values["webhook-timeout"],
  }
  if (url === undefined) {
    const stray =
      secret !== undefined ? "secret" : Object.entries(numbers).find(([, v]) => v !== undefined)?.[0]
    if (stray === undefined) return undefined
    return fail(`${WEBHOOK_FLAGS[stray as keyof typeof WEBHOOK_FLAGS]} needs --webhook-url`)
  }
  if (secret === undefined) return fail("--webhook-url needs --webhook-secret")
  const options: { -readonly [K in keyof WebhookOptions]: WebhookOptions[K] } = { url, secret }
  for (const [name, text] of Object.entries(numbers) as Array<[keyof typeof numbers, string | undefined]>) {
    if (text === undefined) continue
    // Digits only: Number() would take "1e3", "0x10" or " 5", a reader would not. Other text is passed on
    // as is, so the check below refuses it quoting what was typed.
    options[name] = /^\d+$/.test(text) ? Number(text) : (text as unknown as number)
  }
  try {
    resolveWebhookOptions(options)
  } catch (error) {
    let message = (error as Error).message
    for (const [name, flag] of Object.entries(WEBHOOK_FLAGS))
      message = message.replace(`webhooks.${name}`, flag)
    return fail(message)
  }
  return options
}

const main = async (): Promise<void> => {
  let values: ReturnType<typeof parse>["values"]
  try {
    values = parse().values
  } catch (error) {
    return fail((error as Error).message)
  }
  if (values.help === true) {
    console.log(USAGE)
    return
  }
  const port = Number(values.port ?? "4010")
  if (!Number.isInteger(port) || port < 0 || port > 65535) return fail(`invalid --port ${values.port}`)
  const faults = values.faults === undefined ? undefined : readFaults(values.faults)
  const rawSeed = values.seed ?? faults?.seed
  const seed = rawSeed === undefined ? undefined : /^\d+$/.test(String(rawSeed)) ? Number(rawSeed) : rawSeed
  const rate = values["rate-limit"] === undefined ? undefined : Number(values["rate-limit"])
  if (rate !== undefined && !(rate > 0)) return fail(`invalid --rate-limit ${values["rate-limit"]}`)
  const webhooks = readWebhooks(values)

  const sandbox = await startSandbox({
    port,
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values["public-origin"] === undefined ? {} : { publicOrigin: values["public-origin"] }),
    ...(values.key === undefined ? {} : { apiKeys: values.key }),
    ...(values.data === undefined ? {} : { dataFile: values.data }),
    ...(faults === undefined ? {} : { faults: faults.rules }),
    ...(seed === undefined ? {} : { seed }),
    ...(values["admin-token"] === undefined ? {} : { admin: { token: values["admin-token"] } }),
    ...(rate === undefined ? {} : { rateLimit: { requestsPerSecond: rate } }),
    ...(webhooks === undefined ? {} : { webhooks }),
  })
  console.log(`lomi-sandbox listening on ${sandbox.origin}`)
  console.log(`  base URL  ${sandbox.url}  (the 1.1.0 document: /v1/checkout_sessions, /v1/payment_links)`)
  console.log(`  today     ${sandbox.origin}  (lomi.'s routes today: /checkout-sessions, /payment-links)`)
  console.log(`  API key   ${sandbox.apiKey}`)
  console.log(`  seed      ${sandbox.seed}`)
  if (values.data !== undefined) console.log(`  data      ${values.data}`)
  if (values["admin-token"] !== undefined) console.log(`  admin     ${sandbox.origin}/__admin/faults`)
  if (faults !== undefined) console.log(`  faults    ${faults.rules.length} rule(s)`)
  if (webhooks !== undefined) {
    const { url, maxAttempts, retryDelayMs } = resolveWebhookOptions(webhooks)
    const shown = new URL(url)
    // Credentials in the URL are secrets too.
    shown.username = ""
    shown.password = ""
    console.log(`  webhooks  ${shown.href} (${maxAttempts} attempts, first retry after ${retryDelayMs} ms)`)
  }

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`lomi-sandbox: ${signal}, shutting down`)
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("lomi-sandbox: error while closing", error)
        process.exit(1)
      },
    )
  }
  process.on("SIGINT", () => stop("SIGINT"))
  process.on("SIGTERM", () => stop("SIGTERM"))
}

const parse = () =>
  parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "public-origin": { type: "string" },
      key: { type: "string", multiple: true },
      data: { type: "string" },
      faults: { type: "string" },
      seed: { type: "string" },
      "admin-token": { type: "string" },
      "rate-limit": { type: "string" },
      "webhook-url": { type: "string" },
      "webhook-secret": { type: "string" },
      "webhook-max-attempts": { type: "string" },
      "webhook-retry-delay": { type: "string" },
      "webhook-timeout": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  })

main().catch((error: unknown) => {
  console.error("lomi-sandbox: failed to start:", error instanceof Error ? error.message : error)
  process.exit(1)
})
