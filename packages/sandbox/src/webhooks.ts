import type { JsonObject } from "./validation.js"

/** Where hosted-checkout events are sent, and the secret they are signed with. */
export interface WebhookOptions {
  readonly url: string
  readonly secret: string
}

/** Checkout events of the 1.1.0 document that the hosted page can trigger. */
export type WebhookEvent = "CHECKOUT_COMPLETED" | "PAYMENT_SUCCEEDED" | "PAYMENT_FAILED" | "PAYMENT_CANCELED"

const hex = (bytes: ArrayBuffer): string =>
  Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("")

/** Lowercase hex HMAC-SHA256 of `body` with `secret`, as in `X-Lomi-Signature`. */
export const signWebhook = async (secret: string, body: string): Promise<string> => {
  const encoder = new TextEncoder()
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  )
  return hex(await crypto.subtle.sign("HMAC", key, encoder.encode(body)))
}

/**
 * POSTs one signed event. The signature covers the exact bytes sent, so the body is serialised once
 * and never re-encoded. Throws when the endpoint cannot be reached or does not answer 2xx.
 */
export const deliverWebhook = async (
  options: WebhookOptions,
  event: WebhookEvent,
  data: JsonObject,
  now: number,
): Promise<void> => {
  const body = JSON.stringify({
    id: crypto.randomUUID(),
    event,
    timestamp: new Date(now).toISOString(),
    data,
    lomi_environment: data.environment ?? "test",
  })
  const response = await fetch(options.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-lomi-event": event,
      "x-lomi-signature": await signWebhook(options.secret, body),
    },
    body,
    signal: AbortSignal.timeout(10_000),
  })
  await response.body?.cancel()
  if (!response.ok) throw new Error(`webhook endpoint answered ${response.status}`)
}
