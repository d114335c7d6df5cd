import { readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { bundleDeclarations, refuseReferencesTo } from "./declarations.js"
import { thinMappings } from "./sourcemap.js"

// One build shape for every published package: ESM + CJS + .d.ts, unminified and with source maps, so that
// a stack trace (with `node --enable-source-maps`) points at the TypeScript file and line.
/** @param {{ entry?: string[], external?: string[] }} [options] */
export function libraryConfig(options = {}) {
  const entry = options.entry ?? ["src/index.ts"]
  return {
    entry,
    format: ["esm", "cjs"],
    dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
    sourcemap: true,
    clean: true,
    treeshake: true,
    splitting: false,
    target: "es2022",
    tsconfig: "tsconfig.json",
    external: options.external ?? [],
    onSuccess: async () => {
      for (const file of entry) slimMaps("dist", entryName(file))
    },
  }
}

/** @param {string} entry */
const entryName = (entry) => entry.replace(/^src\//, "").replace(/\.ts$/, "")

// The maps ship what a stack frame needs, its file and line: without the sources' text (`sourcesContent`,
// carried once per map and per format, two thirds of what a Promise app installed) and with one segment
// per run of the same source line (esbuild writes one per token: four fifths of what was left).
/** @param {string} dir @param {string} name */
const slimMaps = (dir, name) => {
  for (const file of [`${name}.js.map`, `${name}.cjs.map`]) {
    const path = join(dir, file)
    const map = JSON.parse(readFileSync(path, "utf8"))
    delete map.sourcesContent
    map.mappings = thinMappings(map.mappings)
    writeFileSync(path, JSON.stringify(map))
  }
}

// Fails the build when a package that must not reach the entry left code in it (what esbuild kept after
// tree-shaking, from its metafile), naming the files; then removes the metafiles, which are not shipped.
/** @param {string} dir @param {string} name @param {string} forbidden */
const refuseCodeOf = (dir, name, forbidden) => {
  for (const format of ["esm", "cjs"]) {
    const path = join(dir, `metafile-${format}.json`)
    const { outputs } = JSON.parse(readFileSync(path, "utf8"))
    rmSync(path)
    const output = outputs[`${dir}/${name}.${format === "esm" ? "js" : "cjs"}`]
    const found = Object.entries(output.inputs)
      .filter(
        ([input, { bytesInOutput }]) => bytesInOutput > 0 && input.includes(`node_modules/${forbidden}/`),
      )
      .map(
        ([input, { bytesInOutput }]) => `${input.replace(/^.*node_modules\//, "")} (${bytesInOutput} bytes)`,
      )
    if (found.length > 0)
      throw new Error(`${name}.${format} must not carry ${forbidden}'s code, but has: ${found.join(", ")}`)
  }
}

/**
 * An entry with the given packages bundled in (`noExternal`), so that it runs without them installed.
 * With `refuse`, the build fails if any code of that package is left in the entry once tree-shaken: the
 * packages it may use at compile time (types, pure declarations) but never at run time. `inline` packages
 * are bundled with their declarations too, so the entry's .d.ts needs them no more than its code does; the
 * types they name from the refused package are replaced by stand-ins (`shims/`), and the build fails if
 * any of the entry's files still loads an inlined or refused package.
 * @param {{ entry: string, bundle: Array<string | RegExp>, inline?: string[], clean?: boolean, refuse?: string }} options
 */
export function bundledEntryConfig(options) {
  const name = entryName(options.entry)
  const inline = options.inline ?? []
  return {
    ...libraryConfig({ entry: [options.entry] }),
    clean: options.clean ?? true,
    noExternal: [...options.bundle, ...inline],
    metafile: options.refuse !== undefined,
    // written in onSuccess instead, when there is something to inline (see declarations.js)
    ...(inline.length > 0 ? { dts: false } : {}),
    onSuccess: async () => {
      if (options.refuse !== undefined) refuseCodeOf("dist", name, options.refuse)
      if (inline.length > 0) {
        const refuse = options.refuse === undefined ? [] : [options.refuse]
        await bundleDeclarations({ entry: options.entry, dir: "dist", name, inline, refuse })
        refuseReferencesTo("dist", name, [...inline, ...refuse])
      }
      slimMaps("dist", name)
    },
  }
}
