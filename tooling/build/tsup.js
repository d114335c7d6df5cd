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
