// 2. Bundle size: esbuild bundles of one-call consumers, minified, then gzipped: ours (the Promise client
// from the main entry, the Effect API from wherever it lives) and, the same way, stripe-node and
// openai-node making one equivalent call.
import { builtinModules } from "node:module"
import { gzipSync } from "node:zlib"
import * as esbuild from "esbuild"
import { loadEffectApi } from "./effect-api.js"

/** A consumer: what a user's one-call program looks like (`effectEntry`: where the Effect API lives). */
export const consumerSource = (consumer: ConsumerName, effectEntry: string): string =>
  CONSUMERS[consumer](effectEntry)

const CONSUMERS = {
  promise: () => `import { Lomi } from "@lomi/checkout"
const lomi = new Lomi({ apiKey: process.env.LOMI_API_KEY, baseUrl: process.env.LOMI_BASE_URL })
const session = await lomi.checkoutSessions.create({ amount: 15000, currency_code: "XOF" })
console.log(session.checkout_session_id)
`,
  effect: (effectEntry: string) => `import { Checkout, CheckoutSessions } from "${effectEntry}"
import * as Effect from "effect/Effect"
const program = Effect.gen(function* () {
  const sessions = yield* CheckoutSessions
  return yield* sessions.create({ amount: 15000, currency_code: "XOF" })
})
const layer = Checkout.layer({ apiKey: process.env.LOMI_API_KEY ?? "", baseUrl: process.env.LOMI_BASE_URL })
Effect.runPromise(program.pipe(Effect.provide(layer))).then((s) => console.log(s.checkout_session_id))
`,
  stripe: () => `import Stripe from "stripe"
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY)
const session = await stripe.checkout.sessions.create({
  mode: "payment",
  success_url: "https://example.com/ok",
  line_items: [{ quantity: 1, price_data: { currency: "xof", unit_amount: 15000, product_data: { name: "Order" } } }],
})
console.log(session.id)
`,
  openai: () => `import OpenAI from "openai"
const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY })
const completion = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: "Hello" }] })
console.log(completion.choices[0].message.content)
`,
} as const satisfies Record<string, (effectEntry: string) => string>

export type ConsumerName = keyof typeof CONSUMERS
export type Platform = "neutral" | "node"

/** One bundle's sizes and its heaviest inputs. */
export interface BundleResult {
  readonly consumer: ConsumerName
  readonly platform: Platform
  readonly minifiedBytes: number
  readonly gzipBytes: number
  /** Minified bytes per package (`effect`, `@lomi/core`, `@lomi/checkout`, `stripe`, ..., the consumer). */
  readonly byPackage: Record<string, number>
  /** The heaviest input files, by minified bytes in the output. */
  readonly top: ReadonlyArray<{ readonly path: string; readonly bytes: number }>
}

const packageOf = (path: string): string => {
  if (path.includes("packages/core/")) return "@lomi/core"
  if (path.includes("packages/checkout/")) return "@lomi/checkout"
  const installed = path.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//)
  return installed?.[1] ?? "consumer"
}

const shortPath = (path: string): string =>
  path
    .replace(/^.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, "")
    .replace(/^(\.\.\/)+/, "")
    .replace(/^packages\/(\w+)\//, "@lomi/$1/")

/** Bundles one consumer; returns the output and its metafile. */
export const bundle = async (consumer: ConsumerName, platform: Platform, effectEntry: string) =>
  esbuild.build({
    stdin: {
      contents: consumerSource(consumer, effectEntry),
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
      "process.env.STRIPE_SECRET_KEY": "globalThis.STRIPE_SECRET_KEY",
      "process.env.OPENAI_API_KEY": "globalThis.OPENAI_API_KEY",
    },
    // Node's own modules are the runtime's, not the bundle's (stripe-node's Node entry imports some).
    external: [...builtinModules, "node:*"],
    ...(platform === "neutral" ? { mainFields: ["module", "main"], conditions: ["import", "default"] } : {}),
  })

export const measureBundle = async (
  consumer: ConsumerName,
  platform: Platform,
  effectEntry: string,
): Promise<BundleResult> => {
  const result = await bundle(consumer, platform, effectEntry)
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

/** Every consumer on both platforms. */
export const runBundles = async (): Promise<Array<BundleResult>> => {
  const { entry } = await loadEffectApi()
  const results: Array<BundleResult> = []
  for (const consumer of Object.keys(CONSUMERS) as Array<ConsumerName>)
    for (const platform of ["neutral", "node"] as const)
      results.push(await measureBundle(consumer, platform, entry))
  return results
}
