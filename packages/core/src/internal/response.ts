/**
 * What the request loop keeps of a response or a transport failure, with the API key masked in every
 * string that came from the server before anything is stored (see `mask.ts`).
 */
import type { Route } from "../Route.js"
import { decode, formatIssues } from "../Spec.js"
import type { Attempt } from "./attempt.js"
import { messageOf } from "./describe.js"
import { type ParsedErrorBody, parseErrorBody } from "./errorBody.js"
import type { Incoming } from "./http.js"
import type { Masker } from "./mask.js"

const DECODE_BODY_LIMIT = 2048

/**
 * A response as read, as an attempt's outcome: headers masked in full, the body masked of whole copies of
 * the key only (it may be the caller's data; error paths mask it further before showing any of it).
 */
export const maskResponse = (mask: Masker, response: Incoming): Attempt => ({
  _tag: "Response",
  status: response.status,
  headers: mask.headers(response.headers),
  text: mask.whole(response.text),
})

/** A 2xx body decoded with the route's spec, or why it does not fit (masked, the body cut to 2 KB). */
export const decodeSuccess = (
  route: Route,
  text: string,
  mask: Masker,
):
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly body: string; readonly issues: string } => {
  if (route.success === undefined) return { ok: true, value: undefined }
  const failed = (issues: string) => ({
    ok: false as const,
    // Masked before the cut, so a key straddling the 2 KB mark cannot leave a piece behind.
    body: mask.text(text).slice(0, DECODE_BODY_LIMIT),
    issues: mask.text(issues),
  })
  let json: unknown
  try {
    json = text.trim() === "" ? undefined : JSON.parse(text)
  } catch (error) {
    return failed(`Invalid JSON: ${messageOf(error)}`)
  }
  // An escape (`\u006c...`) can spell the key in JSON text that does not contain it.
  if (text.includes("\\")) json = mask.json(json, mask.whole)
  const result = decode(route.success, json)
  return result.ok ? { ok: true, value: result.value } : failed(formatIssues(result.issues))
}

/** An error body read with everything from the server masked, pieces of the key included. */
export const readErrorBody = (
  status: number,
  text: string,
  contentType: string | undefined,
  mask: Masker,
): ParsedErrorBody => {
  const parsed = parseErrorBody(status, mask.text(text), contentType)
  return {
    shape: parsed.shape,
    code: parsed.code === undefined ? undefined : mask.text(parsed.code),
    message: parsed.message === undefined ? undefined : mask.text(parsed.message),
    details: mask.json(parsed.details, mask.text),
  }
}

/**
 * A transport failure as a message and a cause that are safe to keep: the cause chain is rebuilt from
 * names, codes and masked messages, dropping whatever else the transport attached (Node's parser errors
 * carry the raw bytes received, which may hold an echoed key).
 */
export const describeCause = (
  cause: unknown,
  mask: Masker,
): { readonly message: string; readonly cause: unknown } => {
  const parts: Array<string> = []
  const chain: Array<Error> = []
  try {
    let current: unknown = cause
    for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth++) {
      if (current instanceof Error || (typeof current === "object" && "message" in current)) {
        const message = mask.text(String((current as { message: unknown }).message))
        const code = (current as { code?: unknown }).code
        const part = typeof code === "string" && !message.includes(code) ? `${message} (${code})` : message
        if (part !== "" && !parts.includes(part)) parts.push(part)
        const copy = new Error(message)
        copy.name = mask.text(String((current as { name?: unknown }).name ?? "Error"))
        if (typeof code === "string") (copy as Error & { code?: string }).code = mask.text(code)
        chain.push(copy)
        current = (current as { cause?: unknown }).cause
      } else {
        parts.push(mask.text(String(current)))
        break
      }
    }
  } catch (error) {
    parts.push(`(the error could not be read: ${mask.text(messageOf(error))})`)
  }
  for (let i = chain.length - 2; i >= 0; i--) (chain[i] as Error & { cause?: unknown }).cause = chain[i + 1]
  return {
    message: parts.length > 0 ? parts.join(": ") : "network failure",
    cause: chain[0],
  }
}
