// The runtime smoke: one Promise-client flow that any runtime with fetch can run. The sandbox it talks
// to is started by runtimes.ts with one scripted 503 on the first create, so that call needs a retry.
// Then a webhook delivery, signed here with the runtime's own Web Crypto, verified and decoded by unwrap.
import { isLomiError, Lomi, LomiWebhookVerificationError } from "@lomi/checkout"

export interface SmokeResult {
  readonly ok: true
  /** Attempts the first create took (2: the scripted 503, then the retry). */
  readonly attempts: number
  /** Sessions seen by `for await` over list with one item per page. */
  readonly listed: number
  /** The event `lomi.webhooks.unwrap` verified and decoded (a forged copy was refused). */
  readonly webhook: string
  /** What the runtime calls itself (`navigator.userAgent`), to show the smoke ran where it was sent. */
  readonly runtime: string
}

const check = (condition: boolean, message: string): void => {
  if (!condition) throw new Error(`smoke: ${message}`)
}

const WEBHOOK_SECRET = "whsec_smoke_2f9c41d07b6e4a58"

/** Signs as the live sender does (hex HMAC-SHA256 of the body), with this runtime's Web Crypto, not the SDK. */
const signLikeLomi = async (body: string): Promise<string> => {
  const encoder = new TextEncoder()
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(WEBHOOK_SECRET),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  )
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(body)))
  return Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("")
}

export const smoke = async (baseUrl: string, apiKey: string): Promise<SmokeResult> => {
  const lomi = new Lomi({ apiKey, baseUrl, webhookSecret: WEBHOOK_SECRET })
  const { data: first, meta } = await lomi.checkoutSessions
    .create({ amount: 15000, currency_code: "XOF", success_url: "https://shop.example.com/paid" })
    .withResponse()
  check(meta.attempts === 2, `the first create took ${meta.attempts} attempts, expected 2 (503, then retry)`)
  const second = await lomi.checkoutSessions.create({ amount: 2500, currency_code: "EUR" })

  const seen: string[] = []
  for await (const session of lomi.checkoutSessions.list({ limit: 1 })) seen.push(session.checkout_session_id)
  check(
    seen.length === 2 &&
      seen.includes(first.checkout_session_id) &&
      seen.includes(second.checkout_session_id),
    `list walked ${JSON.stringify(seen)}`,
  )

  const retrieved = await lomi.checkoutSessions.retrieve(first.checkout_session_id)
  check(retrieved.amount === 15000 && retrieved.currency_code === "XOF", "retrieve returned another session")

  await lomi.checkoutSessions.delete(first.checkout_session_id)
  const gone = await lomi.checkoutSessions.retrieve(first.checkout_session_id).then(
    () => "still there",
    (error: unknown) => (isLomiError(error) ? error._tag : String(error)),
  )
  check(gone === "LomiNotFoundError", `retrieve after delete gave ${gone}`)
  // A PAYMENT_SUCCEEDED delivery for the session paid above, as raw bytes with a `Headers`, as a server
  // on this runtime receives it.
  const body = JSON.stringify({
    id: "0b7c6d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e",
    event: "PAYMENT_SUCCEEDED",
    timestamp: new Date().toISOString(),
    data: { transaction_id: "tx_smoke", checkout_session_id: first.checkout_session_id, amount: 15000 },
    lomi_environment: "test",
  })
  const headers = new Headers({
    "Content-Type": "application/json",
    "X-Lomi-Signature": await signLikeLomi(body),
  })
  const event = await lomi.webhooks.unwrap(new TextEncoder().encode(body), headers, { tolerance: 300 })
  check(
    event.event === "PAYMENT_SUCCEEDED" && event.data.checkout_session_id === first.checkout_session_id,
    `unwrap decoded ${JSON.stringify(event)}`,
  )
  const forged = await lomi.webhooks.unwrap(body.replace("15000", "15"), headers).then(
    () => "accepted",
    (error: unknown) => (error instanceof LomiWebhookVerificationError ? error.reason : String(error)),
  )
  check(forged === "signature_mismatch", `a forged delivery gave ${forged}`)

  const host = globalThis as { navigator?: { userAgent?: string }; process?: { version?: string } }
  const runtime = host.navigator?.userAgent ?? `Node.js/${host.process?.version ?? "?"}` // Node 20: no navigator
  return { ok: true, attempts: meta.attempts, listed: seen.length, webhook: event.event, runtime }
}
