/**
 * The `User-Agent` the SDK sends, so lomi. can see which SDK versions and runtimes are in use (and
 * contact users of a broken version). Turn it off with `userAgent: false`.
 *
 * @since 0.1.0
 */
import { VERSION } from "./Version.js"

/**
 * The JavaScript runtime the SDK runs on, as far as it can tell.
 *
 * @since 0.1.0
 */
export interface RuntimeInfo {
  /** The JavaScript runtime, or `unknown` (a browser, an unrecognised one). */
  readonly name: "node" | "bun" | "deno" | "workerd" | "unknown"
  /** Its version, when it reports one. */
  readonly version: string | undefined
}

// Read through `globalThis` with loose types: core compiles without Node, Bun or Deno typings, and
// must not throw on a runtime that lacks any of these globals.
type Loose = { readonly [key: string]: unknown } | undefined
const prop = (value: unknown, key: string): unknown =>
  typeof value === "object" && value !== null ? (value as Loose)?.[key] : undefined
const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined)

/**
 * Detects the runtime. Bun and Deno are checked before Node because both also expose
 * `process.versions.node` for compatibility.
 *
 * @since 0.1.0
 */
export const detectRuntime = (global: unknown = globalThis): RuntimeInfo => {
  const bun = prop(global, "Bun")
  if (bun !== undefined) return { name: "bun", version: str(prop(bun, "version")) }
  const deno = prop(global, "Deno")
  if (deno !== undefined) return { name: "deno", version: str(prop(prop(deno, "version"), "deno")) }
  if (prop(prop(global, "navigator"), "userAgent") === "Cloudflare-Workers") {
    return { name: "workerd", version: undefined }
  }
  const node = str(prop(prop(prop(global, "process"), "versions"), "node"))
  if (node !== undefined) return { name: "node", version: node }
  return { name: "unknown", version: undefined }
}

/**
 * The user agent, e.g. `lomi-typescript/0.1.0 (node 20.20.2)`.
 *
 * @since 0.1.0
 */
export const userAgent = (runtime: RuntimeInfo = detectRuntime()): string =>
  `lomi-typescript/${VERSION} (${runtime.name}${runtime.version === undefined ? "" : ` ${runtime.version}`})`
