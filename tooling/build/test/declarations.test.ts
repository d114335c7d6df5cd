import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { bundleDeclarations, refuseReferencesTo } from "../declarations.js"

// An entry whose declarations name effect's types, as the Promise entry's do through @lomi/core's.
const ENTRY = `import type * as Duration from "effect/Duration"
import type * as Redacted from "effect/Redacted"
export interface Options {
  readonly timeout?: number | Duration.Input | undefined
  readonly apiKey?: string | Redacted.Redacted<string> | undefined
}
`

const TSCONFIG = JSON.stringify({
  compilerOptions: { strict: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022" },
})

/** Bundles `source` as an entry refusing effect, in a directory of its own; returns the .d.ts text. */
const bundle = async (source: string) => {
  // Inside the package, so that `effect` would resolve if the stand-ins did not apply.
  const dir = mkdtempSync(join(fileURLToPath(new URL("..", import.meta.url)), ".declarations-"))
  try {
    writeFileSync(join(dir, "index.ts"), source)
    writeFileSync(join(dir, "tsconfig.json"), TSCONFIG)
    const options = {
      dir,
      name: "index",
      inline: [],
      refuse: ["effect"],
      tsconfig: join(dir, "tsconfig.json"),
    }
    await bundleDeclarations({ ...options, entry: join(dir, "index.ts") })
    writeFileSync(join(dir, "index.js"), "export {}\n")
    writeFileSync(join(dir, "index.cjs"), "module.exports = {}\n")
    const text = readFileSync(join(dir, "index.d.ts"), "utf8")
    const refusal = (() => {
      try {
        refuseReferencesTo(dir, "index", ["effect"])
        return undefined
      } catch (error) {
        return String(error)
      }
    })()
    return { text, cts: readFileSync(join(dir, "index.d.cts"), "utf8"), refusal }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe("bundleDeclarations with a refused package", () => {
  it("puts the stand-ins in place of effect's Duration and Redacted: no import of effect is left", async () => {
    const { text, cts, refusal } = await bundle(ENTRY)
    expect(text).not.toMatch(/from ['"]effect/)
    expect(text).toContain("type Redacted<_A = string> = never")
    expect(text).toMatch(/readonly "~effect\/Duration": "~effect\/Duration"/)
    // The string form keeps its template type: "5 seconds" checks, "5 parsecs" does not.
    expect(text).toMatch(/`\$\{number\} \$\{Unit\}`/)
    expect(cts).toBe(text)
    expect(refusal).toBeUndefined()
  }, 60_000)

  it("leaves a module without a stand-in as an import, and the refusal names it", async () => {
    const { text, refusal } = await bundle(
      `${ENTRY}import type * as Schema from "effect/Schema"\nexport type Decoded = Schema.Schema<string>\n`,
    )
    expect(text).toMatch(/from ['"]effect\/Schema['"]/)
    expect(refusal).toContain("index.d.ts (effect), index.d.cts (effect)")
  }, 60_000)
})
