// One build shape for every published package: ESM + CJS + .d.ts, unminified so users can read stack traces.
/** @param {{ entry?: string[], external?: string[] }} [options] */
export function libraryConfig(options = {}) {
  return {
    entry: options.entry ?? ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: { compilerOptions: { ignoreDeprecations: "6.0" } },
    sourcemap: false,
    clean: true,
    treeshake: true,
    splitting: false,
    target: "es2022",
    tsconfig: "tsconfig.json",
    external: options.external ?? [],
  }
}
