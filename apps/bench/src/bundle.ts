// 2. Bundle size: esbuild bundles of one-call consumers of the built packages, minified, then gzipped.
import { gzipSync } from "node:zlib"
import * as esbuild from "esbuild"

/** A consumer: what a user's one-call program looks like. */
export const CONSUMERS = {
  promise: `import { Lomi } from "@lomi/checkout"
const lomi = new Lomi({ apiKey: process.env.LOMI_API_KEY, baseUrl: process.env.LOMI_BASE_URL })
const session = await lomi.checkoutSessions.create({ amount: 15000, currency_code: "XOF" })
console.log(session.checkout_session_id)
`,
  effect: `import { Checkout, CheckoutSessions } from "@lomi/checkout"
import * as Effect from "effect/Effect"
const program = Effect.gen(function* () {
  const sessions = yield* CheckoutSessions
  return yield* sessions.create({ amount: 15000, currency_code: "XOF" })
})
const layer = Checkout.layer({ apiKey: process.env.LOMI_API_KEY ?? "", baseUrl: process.env.LOMI_BASE_URL })
Effect.runPromise(program.pipe(Effect.provide(layer))).then((s) => console.log(s.checkout_session_id))
`,
} as const

export type ConsumerName = keyof typeof CONSUMERS
export type Platform = "neutral" | "node"

/** One bundle's sizes and its heaviest inputs. */
export interface BundleResult {
  readonly consumer: ConsumerName
  readonly platform: Platform
  readonly minifiedBytes: number
  readonly gzipBytes: number
  /** Minified bytes per package (`effect`, `@lomi/core`, `@lomi/checkout`, the consumer). */
  readonly byPackage: Record<string, number>
  /** The heaviest input files, by minified bytes in the output. */
  readonly top: ReadonlyArray<{ readonly path: string; readonly bytes: number }>
}

const packageOf = (path: string): string => {
  const effect = path.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?(effect)\//)
  if (effect) return "effect"
  if (path.includes("packages/core/")) return "@lomi/core"
  if (path.includes("packages/checkout/")) return "@lomi/checkout"
  return "consumer"
}

const shortPath = (path: string): string =>
  path
    .replace(/^.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, "")
    .replace(/^(\.\.\/)+/, "")
    .replace(/^packages\/(\w+)\//, "@lomi/$1/")

/** Bundles one consumer; returns the output and its metafile. */
export const bundle = async (consumer: ConsumerName, platform: Platform) =>
  esbuild.build({
    stdin: {
      contents: CONSUMERS[consumer],
      resolveDir: import.meta.dirname,
      loader: "ts",
      sourcefile: `${consumer}.ts`,
    },
    bundle: true,
    minify: true,
    format: "esm",
    platform,
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
    // `process.env` stands for whatever the user's app does to find its key; keep it out of the bundle.
    define: {
      "process.env.LOMI_API_KEY": "globalThis.LOMI_API_KEY",
      "process.env.LOMI_BASE_URL": "globalThis.LOMI_BASE_URL",
    },
    ...(platform === "neutral" ? { mainFields: ["module", "main"], conditions: ["import", "default"] } : {}),
  })

export const measureBundle = async (consumer: ConsumerName, platform: Platform): Promise<BundleResult> => {
  const result = await bundle(consumer, platform)
  const code = result.outputFiles[0]!.contents
  const output = Object.values(result.metafile.outputs)[0]!
  const byPackage: Record<string, number> = {}
  const files: Array<{ path: string; bytes: number }> = []
  for (const [path, input] of Object.entries(output.inputs)) {
    const pkg = packageOf(path)
    byPackage[pkg] = (byPackage[pkg] ?? 0) + input.bytesInOutput
    files.push({ path: shortPath(path), bytes: input.bytesInOutput })
  }
  files.sort((a, b) => b.bytes - a.bytes)
  return {
    consumer,
    platform,
    minifiedBytes: code.byteLength,
    gzipBytes: gzipSync(code, { level: 9 }).byteLength,
    byPackage,
    top: files.slice(0, 12),
  }
}

/** Both consumers on both platforms. */
export const runBundles = async (): Promise<Array<BundleResult>> => {
  const results: Array<BundleResult> = []
  for (const consumer of Object.keys(CONSUMERS) as Array<ConsumerName>)
    for (const platform of ["neutral", "node"] as const) results.push(await measureBundle(consumer, platform))
  return results
}
