// The release flow, rehearsed: the same `changeset version` and `changeset publish` that `pnpm
// version-packages` and `pnpm release` run in the release workflow, on a copy of the published packages
// (built, with the pending changesets plus one rehearsal patch), publishing to the local registry.
// The copy lives in a temporary git repository, so the real workspace, its changesets and its versions
// are never touched. Only difference from a real release: provenance is off (it needs GitHub's OIDC).
import { cpSync, existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { cleanEnv, run, tempDir } from "./lib/processes.js"
import { type Published, published, publishedDir, readJson, tools, workspaceRoot } from "./lib/workspace.js"
import type { Registry } from "./registry.js"

interface Manifest {
  name: string
  version: string
  files?: string[]
  publishConfig?: Record<string, unknown>
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
  peerDependenciesMeta?: Record<string, { optional?: boolean }>
}

/** Every workspace package by name, with its directory. */
const workspacePackages = (): Map<string, string> => {
  const found = new Map<string, string>()
  for (const group of ["packages", "apps", "tooling"])
    for (const entry of readdirSync(join(workspaceRoot, group), { withFileTypes: true })) {
      const manifest = join(workspaceRoot, group, entry.name, "package.json")
      if (entry.isDirectory() && existsSync(manifest))
        found.set(readJson<Manifest>(manifest).name, join(workspaceRoot, group, entry.name))
    }
  return found
}

/**
 * What `pnpm install` would link and `pnpm publish` reads to replace `workspace:` ranges: each
 * workspace dependency in the package's node_modules, pointing at the staged copy of a published
 * package or else at the workspace's own directory (build config and the like, never published).
 */
const linkWorkspaceDependencies = (to: string, manifest: Manifest, staged: Map<string, string>): void => {
  const all = { ...manifest.devDependencies, ...manifest.peerDependencies, ...manifest.dependencies }
  for (const [name, range] of Object.entries(all)) {
    if (!range.startsWith("workspace:")) continue
    const target = staged.get(name)
    if (target === undefined) throw new Error(`${manifest.name} depends on unknown ${name}@${range}`)
    const link = join(to, "node_modules", ...name.split("/"))
    mkdirSync(join(link, ".."), { recursive: true })
    symlinkSync(target, link, "dir")
  }
}

/** What was published: each package's name and new version. */
export type Release = Record<Published, { readonly name: string; readonly version: string }>

const stage = (root: string): void => {
  writeFileSync(
    join(root, "package.json"),
    JSON.stringify(
      { name: "lomi-release-rehearsal", private: true, packageManager: "pnpm@10.34.9" },
      null,
      2,
    ),
  )
  // the real one: its catalog resolves the packages' `catalog:` ranges on publish
  cpSync(join(workspaceRoot, "pnpm-workspace.yaml"), join(root, "pnpm-workspace.yaml"))
  cpSync(join(workspaceRoot, ".changeset"), join(root, ".changeset"), { recursive: true })
  const names = published.map((p) => readJson<Manifest>(join(publishedDir(p), "package.json")).name)
  writeFileSync(
    join(root, ".changeset", "release-rehearsal.md"),
    `---\n${names.map((n) => `"${n}": patch`).join("\n")}\n---\n\nRelease rehearsal.\n`,
  )
  const staged = workspacePackages()
  for (const p of published)
    staged.set(readJson<Manifest>(join(publishedDir(p), "package.json")).name, join(root, "packages", p))
  for (const p of published) {
    const from = publishedDir(p)
    const to = join(root, "packages", p)
    mkdirSync(to, { recursive: true })
    const manifest = readJson<Manifest>(join(from, "package.json"))
    if (!existsSync(join(from, "dist"))) throw new Error(`${manifest.name} is not built (no dist/)`)
    for (const entry of manifest.files ?? [])
      if (existsSync(join(from, entry))) cpSync(join(from, entry), join(to, entry), { recursive: true })
    writeFileSync(
      join(to, "package.json"),
      `${JSON.stringify({ ...manifest, publishConfig: { ...manifest.publishConfig, provenance: false } }, null, 2)}\n`,
    )
    linkWorkspaceDependencies(to, manifest, staged)
  }
}

/** Versions and publishes the three packages to `registry`; resolves with the versions published. */
export const rehearseRelease = async (registry: Registry): Promise<Release> => {
  const root = tempDir("release")
  stage(root)
  // the registry and its token, and nothing else: not the machine's npmrc files, no inherited registry
  const config = tempDir("npmrc")
  writeFileSync(join(config, "user"), `registry=${registry.url}\n${registry.npmrc()}`)
  writeFileSync(join(config, "global"), "")
  const env = cleanEnv({
    NPM_CONFIG_USERCONFIG: join(config, "user"),
    NPM_CONFIG_GLOBALCONFIG: join(config, "global"),
    npm_config_registry: registry.url,
    NPM_CONFIG_PROVENANCE: "false",
    GIT_AUTHOR_NAME: "rehearsal",
    GIT_AUTHOR_EMAIL: "rehearsal@localhost",
    GIT_COMMITTER_NAME: "rehearsal",
    GIT_COMMITTER_EMAIL: "rehearsal@localhost",
  })
  const git = (...args: string[]) => run("git", args, { cwd: root, env, timeoutMs: 20_000 })
  await git("init", "-q", "-b", "main")
  await git("add", "-A")
  await git("commit", "-q", "-m", "staged")

  // `pnpm version-packages`: changeset version (then sync-version and a lockfile refresh, which concern
  // the real workspace only)
  await run(process.execPath, [tools.changeset, "version"], { cwd: root, env, timeoutMs: 60_000 })
  const pending = readdirSync(join(root, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md")
  if (pending.length > 0) throw new Error(`changeset version left changesets behind: ${pending.join(", ")}`)
  await git("commit", "-q", "-am", "chore: version packages")

  // `pnpm release`: changeset publish (pnpm publish of each package not yet on the registry, then git tags)
  const out = await run(process.execPath, [tools.changeset, "publish"], {
    cwd: root,
    env,
    timeoutMs: 120_000,
  })

  const release = {} as Record<Published, { name: string; version: string }>
  for (const p of published) {
    const { name, version } = readJson<Manifest>(join(root, "packages", p, "package.json"))
    const onRegistry = await registry.versions(name)
    if (!onRegistry.includes(version))
      throw new Error(`${name}@${version} is not on the local registry (it has ${onRegistry}):\n${out}`)
    release[p] = { name, version }
  }
  const tags = (await git("tag", "--list")).trim().split("\n").filter(Boolean)
  for (const { name, version } of Object.values(release))
    if (!tags.includes(`${name}@${version}`)) throw new Error(`no git tag ${name}@${version} (tags: ${tags})`)

  // the published @lomi/checkout names the published @lomi/core as an optional peer (not `workspace:`),
  // and as no dependency: a Promise app installs @lomi/checkout alone
  const checkout = await fetch(`${registry.url}${release.checkout.name.replace("/", "%2f")}`)
  const doc = (await checkout.json()) as { versions: Record<string, Manifest> }
  const manifest = doc.versions[release.checkout.version]
  const coreRange = manifest?.peerDependencies?.[release.core.name]
  if (coreRange === undefined || coreRange.startsWith("workspace:"))
    throw new Error(`published ${release.checkout.name} has ${release.core.name}@${coreRange} as a peer`)
  if (manifest?.peerDependenciesMeta?.[release.core.name]?.optional !== true)
    throw new Error(`published ${release.checkout.name} makes ${release.core.name} a required peer`)
  if (manifest?.dependencies?.[release.core.name] !== undefined)
    throw new Error(`published ${release.checkout.name} still depends on ${release.core.name}`)
  return release
}
