// The Effect API's consumers: an npm app (the published packages' contents, ESM, CommonJS and TypeScript
// from the oldest version the README promises) and a pnpm app (strict node_modules), each installing
// @lomi/checkout, @lomi/core and effect 4, one copy of each.
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join, relative } from "node:path"
import { run } from "./lib/processes.js"
import {
  bytesUnder,
  checkOneCopy,
  install,
  project,
  runAgainstSandboxCli,
  type Step,
  timed,
} from "./lib/project.js"
import { installedVersion, publishedDir } from "./lib/workspace.js"
import type { Registry } from "./registry.js"
import type { Release } from "./release.js"

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

/** What an Effect app installs: @lomi/checkout, with @lomi/core and effect 4 beside it. */
const effectApp = (release: Release): Record<string, string> => ({
  [release.checkout.name]: release.checkout.version,
  [release.core.name]: release.core.version,
  effect: installedVersion("effect"),
})

/** An Effect app has one copy of effect (its own, 4.x) and one of @lomi/core, shared with @lomi/checkout. */
const checkOneEffect = (consumer: string, dir: string, release: Release): void =>
  checkOneCopy(consumer, dir, {
    effect: /^4\./,
    [release.core.name]: new RegExp(`^${release.core.version}$`),
  })

/**
 * npm: installs @lomi/checkout, @lomi/core, effect and @lomi/sandbox, runs an ESM and a CommonJS script,
 * and type-checks a TypeScript file (strict) under moduleResolution nodenext and bundler, with the
 * workspace's TypeScript and with the oldest the README promises (with and without `skipLibCheck`).
 * Resolves with the project dir.
 */
export const npmConsumer = async (registry: Registry, release: Release, steps: Step[]): Promise<string> => {
  const floor = typescriptFloor()
  const { dir, env } = project("npm", registry, {
    ...effectApp(release),
    [release.sandbox.name]: release.sandbox.version,
    typescript: installedVersion("typescript"),
    // The latest patch of each promised minor version, under names of their own.
    "typescript-oldest-strict": `npm:typescript@~${floor.strict}.0`,
    "typescript-oldest": `npm:typescript@~${floor.skipLibCheck}.0`,
    "@types/node": installedVersion("@types/node"),
  })
  const node = (...args: string[]) => run(process.execPath, args, { cwd: dir, env, timeoutMs: 120_000 })
  await timed(steps, "npm", "install", () => install("npm", dir, env))
  checkOneEffect("npm", dir, release)
  // npm's own view: one @lomi/core and one effect, and every peer range met (it exits 1 otherwise)
  await timed(steps, "npm", "npm ls", async () => {
    const listed = await run("npm", ["ls", "--all", "--parseable", release.core.name, "effect"], {
      cwd: dir,
      env,
    })
    const paths = new Set(listed.split("\n").filter((line) => line.includes("node_modules")))
    if (paths.size !== 2) throw new Error(`npm: npm ls lists ${paths.size} copies, not 2:\n${listed}`)
  })
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
 * pnpm: declares only @lomi/checkout, @lomi/core and effect (strict node_modules), and runs against a
 * sandbox started with the published `lomi-sandbox` CLI (from the npm consumer, which has it installed).
 */
export const pnpmConsumer = async (
  registry: Registry,
  release: Release,
  npmDir: string,
  steps: Step[],
): Promise<void> => {
  const { dir, env } = project("pnpm", registry, effectApp(release))
  await timed(steps, "pnpm", "install", () => install("pnpm", dir, env))
  checkOneEffect("pnpm", dir, release)
  console.log(`  pnpm: node_modules holds ${(bytesUnder(join(dir, "node_modules")) / 1024).toFixed(0)} KB`)
  await timed(steps, "pnpm", "node app.mjs (sandbox CLI)", () =>
    runAgainstSandboxCli(dir, env, release, npmDir),
  )
}
