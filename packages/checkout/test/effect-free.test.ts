/// <reference types="node" />
/**
 * The request/response path loads no effect module: the specs of every entity and parameter type, the
 * interpreter that checks them, and core's input and response handling import nothing from `effect` at
 * runtime (type-only imports are erased), and of `@lomi/core` only names whose modules are effect-free too.
 * Read from the sources' import statements, followed through every relative import.
 */
import { readFileSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const here = dirname(fileURLToPath(import.meta.url))
const checkoutSrc = resolve(here, "../src")
const coreSrc = resolve(here, "../../core/src")

// `import ... from "x"` and `export ... from "x"`, with what is imported and whether it is type-only.
const IMPORT = /^(import|export)\s+(type\s+)?([\s\S]*?)\s*from\s*"([^"]+)"/gm

interface Import {
  readonly typeOnly: boolean
  readonly names: ReadonlyArray<string>
  readonly from: string
}

// `import "x"`, for its effects alone.
const BARE_IMPORT = /^import\s+"([^"]+)"/gm

const importsOf = (file: string): ReadonlyArray<Import> => {
  const text = readFileSync(file, "utf8")
  const bare = [...text.matchAll(BARE_IMPORT)].map((m) => ({ typeOnly: false, names: [], from: m[1] ?? "" }))
  return [...bare, ...importsWithNames(text)]
}

const importsWithNames = (text: string): ReadonlyArray<Import> =>
  [...text.matchAll(IMPORT)].map((m) => {
    const clause = m[3] ?? ""
    const names = (clause.match(/\{([\s\S]*)\}/)?.[1] ?? clause)
      .split(",")
      .map((n) => n.trim())
      .filter((n) => n !== "")
    // `{ type A, type B }` is type-only too.
    const typeOnly = m[2] !== undefined || (names.length > 0 && names.every((n) => n.startsWith("type ")))
    return { typeOnly, names: names.filter((n) => !n.startsWith("type ")), from: m[4] ?? "" }
  })

const toFile = (from: string, specifier: string) => join(dirname(from), specifier.replace(/\.js$/, ".ts"))

/** Every module `entry` loads at runtime through relative imports, with the runtime imports of each. */
const closure = (entries: ReadonlyArray<string>): Map<string, ReadonlyArray<Import>> => {
  const seen = new Map<string, ReadonlyArray<Import>>()
  const stack = [...entries]
  while (stack.length > 0) {
    const file = stack.pop()!
    if (seen.has(file)) continue
    const runtime = importsOf(file).filter((i) => !i.typeOnly)
    seen.set(file, runtime)
    for (const i of runtime) if (i.from.startsWith(".")) stack.push(toFile(file, i.from))
  }
  return seen
}

const effectImports = (modules: Map<string, ReadonlyArray<Import>>) =>
  [...modules].flatMap(([file, imports]) =>
    imports.filter((i) => /^effect(\/|$)/.test(i.from)).map((i) => `${file}: ${i.from}`),
  )

// Where each runtime name of `@lomi/core` comes from, read from its index.
const coreIndex = join(coreSrc, "index.ts")
const coreModuleOf = (name: string): string | undefined => {
  for (const i of importsOf(coreIndex)) {
    if (i.typeOnly) continue
    if (i.names.some((n) => n.replace(/^.* as /, "") === name)) return toFile(coreIndex, i.from)
    if (i.names.length === 1 && i.names[0] === `* as ${name}`) return toFile(coreIndex, i.from)
  }
  return undefined
}

const CORE_PATH = [
  "Spec.ts",
  "Pagination.ts",
  "Route.ts",
  "Text.ts",
  "Json.ts",
  "internal/input.ts",
  "internal/response.ts",
]
const CHECKOUT_PATH = [
  "CheckoutSession.ts",
  "CheckoutSessionParams.ts",
  "PaymentLink.ts",
  "PaymentLinkParams.ts",
  "WebhookTransaction.ts",
  "WebhookEvent.ts",
]

describe("the request/response path imports no effect module", () => {
  it("core: the interpreter, pages, routes, text and JSON rules, input and response handling", () => {
    const modules = closure(CORE_PATH.map((f) => join(coreSrc, f)))
    expect(modules.size).toBeGreaterThan(CORE_PATH.length)
    expect(effectImports(modules)).toEqual([])
  })

  it("checkout: the specs of every entity and parameter type, and what they use of core", () => {
    const modules = closure(CHECKOUT_PATH.map((f) => join(checkoutSrc, f)))
    expect(effectImports(modules)).toEqual([])
    const fromCore = [...modules.values()].flat().filter((i) => i.from === "@lomi/core")
    const names = [...new Set(fromCore.flatMap((i) => i.names))]
    expect(names).toContain("Spec")
    for (const name of names) {
      const module = coreModuleOf(name)
      expect(module, name).toBeDefined()
      expect(effectImports(closure([module!])), name).toEqual([])
    }
  })

  it("the check itself finds an effect import where there is one", () => {
    expect(effectImports(closure([join(coreSrc, "SpecSchema.ts")]))).not.toEqual([])
    expect(coreModuleOf("toSchema")).toBe(join(coreSrc, "SpecSchema.ts"))
    expect(effectImports(closure([join(checkoutSrc, "Webhooks.ts")]))).not.toEqual([])
  })
})
