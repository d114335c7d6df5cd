import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"

// One build shape for every published package: ESM + CJS + .d.ts, unminified and with source maps (sources
// included) so that a stack trace points into the TypeScript a user can read.
/** @param {{ entry?: string[], external?: string[] }} [options] */
export function libraryConfig(options = {}) {
  return {
    entry: options.entry ?? ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
    sourcemap: true,
    clean: true,
    treeshake: true,
    splitting: false,
    target: "es2022",
    tsconfig: "tsconfig.json",
    external: options.external ?? [],
  }
}

// The maps of an entry that bundles other packages keep our own sources and drop the bundled packages'
// (effect's would add ~3.5 MB per map); their frames still map to file and line.
/** @param {string} dir @param {string} name */
const keepOwnSources = (dir, name) => {
  for (const file of [`${name}.js.map`, `${name}.cjs.map`]) {
    const path = join(dir, file)
    const map = JSON.parse(readFileSync(path, "utf8"))
    map.sourcesContent = map.sources.map((source, i) =>
      source.includes("node_modules/") ? null : map.sourcesContent[i],
    )
    writeFileSync(path, JSON.stringify(map))
  }
}

/**
 * An entry with the given packages bundled in (`noExternal`), so that it runs without them installed.
 * @param {{ entry: string, bundle: Array<string | RegExp>, clean?: boolean }} options
 */
export function bundledEntryConfig(options) {
  const name = options.entry.replace(/^src\//, "").replace(/\.ts$/, "")
  return {
    ...libraryConfig({ entry: [options.entry] }),
    clean: options.clean ?? true,
    noExternal: options.bundle,
    onSuccess: async () => keepOwnSources("dist", name),
  }
}
