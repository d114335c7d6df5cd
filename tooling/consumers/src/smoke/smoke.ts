// The runtime smoke: one Promise-client flow that any runtime with fetch can run. The sandbox it talks
// to is started by runtimes.ts with one scripted 503 on the first create, so that call needs a retry.
import { isLomiError, Lomi } from "@lomi/checkout"

export interface SmokeResult {
  readonly ok: true
  /** Attempts the first create took (2: the scripted 503, then the retry). */
  readonly attempts: number
  /** Sessions seen by `for await` over list with one item per page. */
  readonly listed: number
  /** What the runtime calls itself (`navigator.userAgent`), to show the smoke ran where it was sent. */
  readonly runtime: string
}

const check = (condition: boolean, message: string): void => {
  if (!condition) throw new Error(`smoke: ${message}`)
}

export const smoke = async (baseUrl: string, apiKey: string): Promise<SmokeResult> => {
  const lomi = new Lomi({ apiKey, baseUrl })
  const { data: first, meta } = await lomi.checkoutSessions.withMeta.create({
    amount: 15000,
    currency_code: "XOF",
    success_url: "https://shop.example.com/paid",
  })
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
  const host = globalThis as { navigator?: { userAgent?: string }; process?: { version?: string } }
  const runtime = host.navigator?.userAgent ?? `Node.js/${host.process?.version ?? "?"}` // Node 20: no navigator
  return { ok: true, attempts: meta.attempts, listed: seen.length, runtime }
}
