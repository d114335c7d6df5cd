import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { SourceMap } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { build } from "esbuild"
import { describe, expect, it } from "vitest"
import { refuseReferencesTo } from "../declarations.js"
import { decodeMappings, encodeMappings, thinMappings } from "../sourcemap.js"

/** A real map: @lomi/core's sources bundled by esbuild, as tsup does (one segment per token). */
const realMap = async () => {
  const result = await build({
    entryPoints: [fileURLToPath(new URL("../../../packages/core/src/index.ts", import.meta.url))],
    bundle: true,
    packages: "external",
    format: "esm",
    platform: "neutral",
    sourcemap: "external",
    sourcesContent: false,
    outdir: "out",
    write: false,
    logLevel: "silent",
  })
  const map = result.outputFiles.find((file) => file.path.endsWith(".map"))!
  return JSON.parse(map.text) as { version: 3; sources: string[]; names: string[]; mappings: string }
}

describe("VLQ mappings", () => {
  it("decodes the spec's digits: signs, continuation bits, relative fields", () => {
    // C = 1, D = -1, gB = 16 (a continuation digit), A = 0; fields after the first run on across lines
    expect(decodeMappings("AAAA,CACC;gBCDA,E")).toEqual([
      [
        [0, 0, 0, 0],
        [1, 0, 1, 1],
      ],
      [[16, 1, 0, 1], [18]],
    ])
  })

  it("round-trips: empty lines, unmapped segments, names, large and negative deltas", () => {
    const lines = [[], [[0], [4, 0, 10, 2, 0], [40, 1, 0, 0]], [], [[3, 0, 5000, 123, 7], [9]], []]
    const text = encodeMappings(lines)
    expect(decodeMappings(text)).toEqual(lines)
    expect(encodeMappings(decodeMappings(text))).toBe(text)
  })

  it("round-trips a real map byte for byte", async () => {
    const { mappings } = await realMap()
    expect(encodeMappings(decodeMappings(mappings))).toBe(mappings)
  })

  it("refuses what is not base64 VLQ", () => {
    expect(() => decodeMappings("AA!A")).toThrow(/not base64 VLQ/)
    expect(() => decodeMappings("g")).toThrow(/truncated/)
  })
})

describe("thinMappings", () => {
  it("keeps one segment per run of the same source line, unmapped runs included", () => {
    const lines = [[[0, 0, 1, 0], [5, 0, 1, 4], [9, 0, 2, 0], [12], [14], [20, 1, 2, 0], [25, 1, 2, 8]]]
    expect(decodeMappings(thinMappings(encodeMappings(lines)))).toEqual([
      [[0, 0, 1, 0], [9, 0, 2, 0], [12], [20, 1, 2, 0]],
    ])
  })

  it("on a real map: each generated line's first mapped line is unchanged, every position keeps its file and line", async () => {
    const map = await realMap()
    const thin = { ...map, mappings: thinMappings(map.mappings) }
    const before = decodeMappings(map.mappings)
    const after = decodeMappings(thin.mappings)
    expect(after.length).toBe(before.length)
    const firstLine = (segments: ReadonlyArray<ReadonlyArray<number>>) =>
      segments.find((s) => s.length > 1)?.[2]
    for (const [line, segments] of before.entries()) expect(firstLine(after[line]!)).toBe(firstLine(segments))
    // What `node --enable-source-maps` reads, asked at every segment the full map had
    const full = new SourceMap(map)
    const thinned = new SourceMap(thin)
    let checked = 0
    for (const [line, segments] of before.entries())
      for (const [column] of segments) {
        const was = full.findEntry(line, column!)
        const is = thinned.findEntry(line, column!)
        expect([is.originalSource, is.originalLine], `${line}:${column}`).toEqual([
          was.originalSource,
          was.originalLine,
        ])
        checked++
      }
    expect(checked).toBeGreaterThan(10_000)
    expect(thin.mappings.length).toBeLessThan(map.mappings.length / 3)
  })
})

describe("refuseReferencesTo", () => {
  const entry = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), "lomi-refuse-"))
    for (const extension of ["js", "cjs", "d.ts", "d.cts"])
      writeFileSync(join(dir, `index.${extension}`), files[extension] ?? "export {}\n")
    return dir
  }

  it("names each file that still loads a bundled package, however it loads it", () => {
    const dir = entry({
      js: 'import { a } from "@lomi/core"\n',
      cjs: 'const a = require("@lomi/core/internal")\n',
      "d.ts": "export { A } from '@lomi/core';\n",
      "d.cts": 'type A = import("@lomi/core").A\n',
    })
    try {
      expect(() => refuseReferencesTo(dir, "index", ["@lomi/core"])).toThrow(
        "index.js (@lomi/core), index.cjs (@lomi/core), index.d.ts (@lomi/core), index.d.cts (@lomi/core)",
      )
    } finally {
      rmSync(dir, { recursive: true })
    }
  })

  it("lets the name appear in text and other packages load", () => {
    const dir = entry({
      "d.ts": "/** The version of `@lomi/core`. */\nimport * as Redacted from 'effect/Redacted';\n",
      js: 'const agent = "@lomi/core/0.1.0"\n',
    })
    try {
      expect(() => refuseReferencesTo(dir, "index", ["@lomi/core"])).not.toThrow()
    } finally {
      rmSync(dir, { recursive: true })
    }
  })
})
