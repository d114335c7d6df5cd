/**
 * Whether the SDK runs in a web page, where a secret (an API key, a webhook signing secret) would be
 * visible to anyone who opens the page.
 */
import { detectRuntime } from "../UserAgent.js"

/**
 * Whether `global` looks like a browser page: `window` and `document` both exist, and the runtime is not
 * Deno, Bun or workerd (servers that may define either). Web workers have no `document`: they are not
 * pages. A test environment that simulates a page (jsdom, happy-dom) counts as one.
 *
 * @since 0.2.0
 */
export const isBrowser = (global: unknown = globalThis): boolean => {
  if (typeof global !== "object" || global === null) return false
  const g = global as { readonly window?: unknown; readonly document?: unknown }
  if (typeof g.window === "undefined" || typeof g.document === "undefined") return false
  const runtime = detectRuntime(global).name
  return runtime !== "deno" && runtime !== "bun" && runtime !== "workerd"
}
