// Consumer projects, as users make them: fresh directories outside the workspace that install the
// published packages from the local registry (only the `@lomi` scope goes there; `effect`, `typescript`
// and `@types/node` come from the usual npm registry) and run the smoke in fixtures/.
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { builtinModules } from "node:module"
import { join, relative } from "node:path"
import { gzipSync } from "node:zlib"
import { build } from "esbuild"
import { cleanEnv, defer, run, start, tempDir } from "./lib/processes.js"
import { installedVersion, packageDir, publishedDir } from "./lib/workspace.js"
import type { Registry } from "./registry.js"
import type { Release } from "./release.js"

const fixtures = join(packageDir, "fixtures")

export interface Step {
  readonly consumer: string
  readonly step: string
  readonly seconds: number
}

const project = (
  label: string,
  registry: Registry,
  dependencies: Record<string, string>,
  fixture: string = label,
) => {
  const dir = tempDir(label)
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ name: `lomi-${label}`, private: true, type: "module", dependencies }, null, 2)}\n`,
  )
  writeFileSync(join(dir, ".npmrc"), registry.npmrc())
  cpSync(join(fixtures, "flow.cjs"), join(dir, "flow.cjs"))
  cpSync(join(fixtures, fixture), dir, { recursive: true })
  // the project's .npmrc, and no user-level one (it could route @lomi elsewhere)
  const env = cleanEnv({ NPM_CONFIG_USERCONFIG: join(dir, ".npmrc") })
  return { dir, env }
}

const timed = async (steps: Step[], consumer: string, step: string, action: () => Promise<unknown>) => {
  const from = performance.now()
  await action()
  steps.push({ consumer, step, seconds: (performance.now() - from) / 1000 })
  console.log(`  ${consumer}: ${step} ok (${((performance.now() - from) / 1000).toFixed(1)} s)`)
}

type Manager = "npm" | "pnpm"

const install = (manager: Manager, dir: string, env: NodeJS.ProcessEnv, packages: Array<string> = []) =>
  manager === "npm"
    ? run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...packages], {
        cwd: dir,
        env,
        timeoutMs: 180_000,
      })
    : run(
        "npx",
        [
          "-y",
          "pnpm@10.34.9",
          ...(packages.length > 0 ? ["add", ...packages] : ["install", "--no-frozen-lockfile"]),
          "--reporter=append-only",
          "--config.confirmModulesPurge=false",
        ],
        { cwd: dir, env, timeoutMs: 180_000 },
      )

/** What a published package may ship: its manifest, docs, licence, launchers, built code with types and maps. */
const SHIPPABLE =
  /^(package\.json|README\.md|CHANGELOG\.md|LICENSE|bin\/[\w.-]+\.js|dist\/[\w.-]+\.(js|cjs|d\.ts|d\.cts|js\.map|cjs\.map))$/

const checkContents = (name: string, installed: string): void => {
  const files = readdirSync(installed, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(installed, join(entry.parentPath, entry.name)))
  const unexpected = files.filter((file) => !SHIPPABLE.test(file))
  if (unexpected.length > 0)
    throw new Error(`${name} ships files users do not need: ${unexpected.join(", ")}`)
  for (const needed of ["LICENSE", "README.md", "CHANGELOG.md"])
    if (!existsSync(join(installed, needed))) throw new Error(`${name} ships no ${needed}`)
  // Every script has a source map naming its TypeScript sources, so stack traces (with
  // `node --enable-source-maps`) point at their file and line; the maps carry no source text (size).
  for (const file of files.filter((f) => /^dist\/.*\.c?js$/.test(f))) {
    const map = join(installed, `${file}.map`)
    if (!existsSync(map)) throw new Error(`${name} ships ${file} without a source map`)
    const { sources, mappings } = JSON.parse(readFileSync(map, "utf8")) as {
      sources?: Array<string>
      mappings?: string
    }
    const own = (sources ?? []).filter(
      (source) => /\/src\/.*\.ts$/.test(source) && !source.includes("node_modules/"),
    )
    if (own.length === 0 || !mappings)
      throw new Error(`${name}: the source map of ${file} does not map to its TypeScript sources`)
  }
}

/**
 * The oldest TypeScript versions the README of @lomi/checkout promises: `strict` checks the libraries'
 * declarations too, `skipLibCheck` with `skipLibCheck: true`. Read from the README, so the rehearsal
 * proves exactly what users are told.
 */
export const typescriptFloor = (): { readonly strict: string; readonly skipLibCheck: string } => {
  const readme = readFileSync(join(publishedDir("checkout"), "README.md"), "utf8")
  const stated =
    /TypeScript\s+(\d+\.\d+)\s+or\s+later,\s+or\s+(\d+\.\d+)\s+or\s+later\s+with\s+`skipLibCheck: true`/.exec(
      readme,
    )
  if (stated === null) throw new Error("the README of @lomi/checkout no longer states the oldest TypeScript")
  return { strict: stated[1]!, skipLibCheck: stated[2]! }
}

/**
 * npm: installs @lomi/checkout and @lomi/sandbox, runs an ESM and a CommonJS script, and type-checks a
 * TypeScript file (strict) under moduleResolution nodenext and bundler, with the workspace's TypeScript and
 * with the oldest the README promises (with and without `skipLibCheck`). Resolves with the project dir.
 */
export const npmConsumer = async (registry: Registry, release: Release, steps: Step[]): Promise<string> => {
  const floor = typescriptFloor()
  const { dir, env } = project("npm", registry, {
    [release.checkout.name]: release.checkout.version,
    [release.sandbox.name]: release.sandbox.version,
    effect: installedVersion("effect"),
    typescript: installedVersion("typescript"),
    // The latest patch of each promised minor version, under names of their own.
    "typescript-oldest-strict": `npm:typescript@~${floor.strict}.0`,
    "typescript-oldest": `npm:typescript@~${floor.skipLibCheck}.0`,
    "@types/node": installedVersion("@types/node"),
  })
  const node = (...args: string[]) => run(process.execPath, args, { cwd: dir, env, timeoutMs: 120_000 })
  await timed(steps, "npm", "install", () => install("npm", dir, env))
  checkOneEffect("npm", dir)
  await timed(steps, "npm", "tarball contents", async () => {
    for (const { name } of Object.values(release))
      checkContents(name, join(dir, "node_modules", ...name.split("/")))
  })
  await timed(steps, "npm", "node esm.mjs", () => node("esm.mjs"))
  await timed(steps, "npm", "node cjs.cjs", () => node("cjs.cjs"))
  const tsc = (name: string) => {
    const installed = join(dir, "node_modules", name)
    const { version } = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as {
      version: string
    }
    return { bin: join(installed, "bin", "tsc"), version }
  }
  const compile = (name: string, tsconfig: string, wanted?: string) => {
    const { bin, version } = tsc(name)
    if (wanted !== undefined && !version.startsWith(`${wanted}.`))
      throw new Error(`${name} installed TypeScript ${version}, not ${wanted}`)
    return timed(steps, "npm", `tsc ${version} ${tsconfig}`, () => node(bin, "-p", tsconfig))
  }
  await compile("typescript", "tsconfig.nodenext.json")
  await compile("typescript", "tsconfig.bundler.json")
  // Libraries' declarations checked (no skipLibCheck): ESM and CommonJS under nodenext.
  await compile("typescript-oldest-strict", "tsconfig.nodenext.json", floor.strict)
  // With skipLibCheck, under nodenext (ESM and CommonJS) and bundler.
  await compile("typescript-oldest", "tsconfig.skiplibcheck.json", floor.skipLibCheck)
  await compile("typescript-oldest", "tsconfig.bundler.json", floor.skipLibCheck)
  return dir
}

/**
 * pnpm: declares only @lomi/checkout and effect (strict node_modules), and runs against a sandbox
 * started with the published `lomi-sandbox` CLI (from the npm consumer, which has it installed).
 */
export const pnpmConsumer = async (
  registry: Registry,
  release: Release,
  npmDir: string,
  steps: Step[],
): Promise<void> => {
  const { dir, env } = project("pnpm", registry, {
    [release.checkout.name]: release.checkout.version,
    effect: installedVersion("effect"),
  })
  await timed(steps, "pnpm", "install", () => install("pnpm", dir, env))
  checkOneEffect("pnpm", dir)
  await timed(steps, "pnpm", "node app.mjs (sandbox CLI)", () =>
    runAgainstSandboxCli(dir, env, release, npmDir),
  )
}

/** Every copy of `effect` installed under `dir` (real directories, so pnpm's links count once), by version. */
export const effectCopies = (dir: string): Array<string> => {
  const copies: Array<string> = []
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue
      const path = join(at, entry.name)
      if (entry.name === "effect" && at.endsWith("node_modules") && existsSync(join(path, "package.json"))) {
        copies.push(JSON.parse(readFileSync(join(path, "package.json"), "utf8")).version as string)
        continue
      }
      if (entry.name === "node_modules" || entry.name === ".pnpm" || at.includes("node_modules")) walk(path)
    }
  }
  walk(join(dir, "node_modules"))
  return copies.sort()
}

/** The bytes of every file under `dir`, symbolic links not followed (pnpm's links point into its store). */
const bytesUnder = (dir: string): number =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0)

/** Runs `app.mjs` in `dir` against a sandbox started with the published CLI from the npm consumer. */
const runAgainstSandboxCli = async (
  dir: string,
  env: NodeJS.ProcessEnv,
  release: Release,
  npmDir: string,
): Promise<void> => {
  const cli = join(npmDir, "node_modules", ...release.sandbox.name.split("/"), "dist", "cli.js")
  const fault = JSON.stringify([
    { operation: "create_checkout_session", kind: "error", status: 503, retryAfter: 0, next: 1 },
  ])
  const sandbox = start(process.execPath, [cli, "--port", "0", "--faults", fault], { cwd: dir, env })
  defer(sandbox.stop)
  try {
    const [, url] = await sandbox.waitFor(/base URL\s+(\S+)/, 15_000)
    const [, apiKey] = await sandbox.waitFor(/API key\s+(\S+)/, 15_000)
    await run(process.execPath, ["app.mjs"], {
      cwd: dir,
      env: { ...env, LOMI_BASE_URL: url!, LOMI_API_KEY: apiKey! },
      timeoutMs: 60_000,
    })
  } finally {
    await sandbox.stop()
  }
}

/** The most a Promise-only install may weigh while the checkout README says "about 1.7 MB". */
const PROMISE_INSTALL_MAX_BYTES = 2 * 1024 * 1024

/** The Promise entry loads as one file: its ESM and CommonJS builds import nothing but Node's builtins. */
const checkSelfContained = (consumer: string, installed: string): void => {
  for (const file of ["dist/index.js", "dist/index.cjs"]) {
    const code = readFileSync(join(installed, file), "utf8")
    const specifiers = [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']([^"']+)["']/g)]
      .map((m) => m[1]!)
      .filter((s) => !s.startsWith("node:"))
    if (specifiers.length > 0)
      throw new Error(`${consumer}: ${file} loads other modules: ${[...new Set(specifiers)].join(", ")}`)
  }
}

/** The most a one-call Promise program may bundle to while the checkout README says "about 24 KB gzip". */
const PROMISE_BUNDLE_MAX_GZIP_BYTES = 28 * 1024

/**
 * The README's "a one-call program bundles to about 24 KB gzip": a program making one call, bundled from the
 * installed package by esbuild (minified, Node's builtins left out), then gzipped.
 */
const checkBundleSize = async (consumer: string, dir: string): Promise<number> => {
  const result = await build({
    stdin: {
      contents: `import { Lomi } from "@lomi/checkout"
const lomi = new Lomi({ apiKey: globalThis.LOMI_API_KEY })
console.log((await lomi.checkoutSessions.create({ amount: 15000, currency_code: "XOF" })).checkout_session_id)
`,
      resolveDir: dir,
      loader: "js",
    },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    write: false,
    logLevel: "silent",
    external: [...builtinModules, "node:*"],
  })
  const gzip = gzipSync(result.outputFiles[0]!.contents, { level: 9 }).byteLength
  if (gzip > PROMISE_BUNDLE_MAX_GZIP_BYTES)
    throw new Error(
      `${consumer}: a one-call program bundles to ${gzip} bytes gzip, over the README's "about 24 KB"`,
    )
  return gzip
}

/**
 * The README's "`node --enable-source-maps` maps the SDK's own frames (in a `LomiConfigError` from a
 * constructor, say) to its TypeScript files and lines", in the installed package, ESM and CommonJS.
 */
const checkMappedFrames = async (consumer: string, dir: string, env: NodeJS.ProcessEnv): Promise<void> => {
  const scripts = {
    esm: `import("@lomi/checkout").then((m) => { try { new m.Lomi({ apiKey: "" }) } catch (e) { console.log(e.stack) } })`,
    cjs: `const m = require("@lomi/checkout"); try { new m.Lomi({ apiKey: "" }) } catch (e) { console.log(e.stack) }`,
  }
  for (const [format, script] of Object.entries(scripts)) {
    const stack = await run(process.execPath, ["--enable-source-maps", "-e", script], { cwd: dir, env })
    if (!/^LomiConfigError: /m.test(stack) || !/@lomi\/(core|checkout)\/src\/\w+\.ts:\d+:\d+/.test(stack))
      throw new Error(`${consumer}: the ${format} stack is not mapped to the SDK's TypeScript:\n${stack}`)
  }
}

/** What the Promise-only consumers measured, for the rehearsal's summary. */
export interface InstallSize {
  readonly consumer: string
  readonly bytes: number
}

/**
 * A Promise-only app (`@lomi/checkout` alone): installs no effect, reports the bytes installed, runs the
 * Promise flow, then adds TypeScript and type-checks the Promise API without effect (skipLibCheck).
 */
export const promiseOnlyConsumer = async (
  manager: Manager,
  registry: Registry,
  release: Release,
  npmDir: string,
  steps: Step[],
): Promise<InstallSize> => {
  const consumer = `${manager} promise-only`
  const { dir, env } = project(
    `promise-only-${manager}`,
    registry,
    { [release.checkout.name]: release.checkout.version },
    "promise-only",
  )
  await timed(steps, consumer, "install", () => install(manager, dir, env))
  const copies = effectCopies(dir)
  if (copies.length > 0) throw new Error(`${consumer}: effect was installed (${copies.join(", ")})`)
  const bytes = bytesUnder(join(dir, "node_modules"))
  console.log(`  ${consumer}: node_modules holds ${(bytes / 1024).toFixed(0)} KB, no effect`)
  // The checkout README says "about 1.7 MB" and "one file": hold both.
  if (bytes > PROMISE_INSTALL_MAX_BYTES)
    throw new Error(`${consumer}: ${bytes} bytes installed, over the README's "about 1.7 MB"`)
  checkSelfContained(consumer, join(dir, "node_modules", ...release.checkout.name.split("/")))
  const gzip = await checkBundleSize(consumer, dir)
  console.log(`  ${consumer}: a one-call program bundles to ${(gzip / 1024).toFixed(1)} KB gzip`)
  await timed(steps, consumer, "stack mapped by source maps", () => checkMappedFrames(consumer, dir, env))
  await timed(steps, consumer, "node app.mjs (sandbox CLI)", () =>
    runAgainstSandboxCli(dir, env, release, npmDir),
  )
  await timed(steps, consumer, "tsc without effect", async () => {
    await install(manager, dir, env, [
      `typescript@${installedVersion("typescript")}`,
      `@types/node@${installedVersion("@types/node")}`,
    ])
    await run(
      process.execPath,
      [join(dir, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"],
      {
        cwd: dir,
        env,
        timeoutMs: 120_000,
      },
    )
  })
  return { consumer, bytes }
}

/** An app pinned to effect 3: @lomi/checkout installs beside it and its Promise API runs; effect stays 3. */
export const effect3Consumer = async (
  manager: Manager,
  registry: Registry,
  release: Release,
  npmDir: string,
  steps: Step[],
): Promise<void> => {
  const consumer = `${manager} effect-3 app`
  const { dir, env } = project(
    `effect3-${manager}`,
    registry,
    { [release.checkout.name]: release.checkout.version, effect: EFFECT_3 },
    "effect3",
  )
  await timed(steps, consumer, "install", () => install(manager, dir, env))
  const copies = effectCopies(dir)
  if (copies.length !== 1 || !copies[0]!.startsWith("3."))
    throw new Error(`${consumer}: expected the app's effect 3 alone, found ${copies.join(", ")}`)
  await timed(steps, consumer, "node app.mjs (sandbox CLI)", () =>
    runAgainstSandboxCli(dir, env, release, npmDir),
  )
}

/** The effect 3 an app might pin today (the last minor of 3.x). */
const EFFECT_3 = "~3.22.0"

/** An Effect app has exactly one effect, its own (4.x), shared by @lomi/checkout/effect and @lomi/core. */
export const checkOneEffect = (consumer: string, dir: string): void => {
  const copies = effectCopies(dir)
  if (copies.length !== 1 || !copies[0]!.startsWith("4."))
    throw new Error(`${consumer}: expected one effect 4, found ${copies.join(", ") || "none"}`)
}
