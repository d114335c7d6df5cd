import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { rollup } from "rollup"
import { dts } from "rollup-plugin-dts"

// tsup's own `dts.resolve` cannot inline a package the manifest lists (a dependency or peer is always
// external to its declaration bundle), so the self-contained entries bundle theirs here, with the same
// rollup plugin tsup uses.

/** @param {string} id @param {ReadonlyArray<string>} packages */
const isOneOf = (id, packages) => packages.some((name) => id === name || id.startsWith(`${name}/`))

// Stand-ins for the types of a package an entry refuses (`shims/<module>.d.ts`, such as effect's `Duration`
// and `Redacted`): its declarations name them, but the entry's users may not have that package installed.
// A stand-in says what the entry accepts at run time: the Promise entry reads an effect `Duration` by its
// shape (so `Input` keeps effect's union), and refuses an effect `Redacted` (so it is `never`).
const SHIMS = fileURLToPath(new URL("./shims/", import.meta.url))

/** The stand-in for module `id` of a `refused` package, if there is one. @param {string} id @param {ReadonlyArray<string>} refused */
const shimOf = (id, refused) => {
  if (!isOneOf(id, refused)) return undefined
  const file = join(SHIMS, `${id}.d.ts`)
  return existsSync(file) ? file : undefined
}

/**
 * Writes `dir/<name>.d.ts` and `.d.cts` from `entry` with the declarations of `inline` copied in, and the
 * modules of `refuse` that have a stand-in replaced by it; every other package stays an import.
 * @param {{ entry: string, dir: string, name: string, inline: ReadonlyArray<string>, refuse?: ReadonlyArray<string>, tsconfig?: string }} options
 */
export const bundleDeclarations = async ({
  entry,
  dir,
  name,
  inline,
  refuse = [],
  tsconfig = "tsconfig.json",
}) => {
  const bundle = await rollup({
    input: entry,
    // an absolute or relative path is a module of the bundle; a bare name is a package
    external: (id) => !/^[./]/.test(id) && !isOneOf(id, inline) && shimOf(id, refuse) === undefined,
    plugins: [
      { name: "stand-ins", resolveId: (id) => shimOf(id, refuse) ?? null },
      dts({
        respectExternal: true,
        tsconfig,
        compilerOptions: { ignoreDeprecations: "6.0", preserveSymlinks: false },
      }),
    ],
  })
  try {
    const { output } = await bundle.generate({ format: "es" })
    if (output.length !== 1) throw new Error(`${entry}: declarations in ${output.length} files, not one`)
    // no default export, so the CommonJS declarations need none of tsup's rewriting: the same text
    for (const extension of ["d.ts", "d.cts"])
      writeFileSync(join(dir, `${name}.${extension}`), output[0].code)
  } finally {
    await bundle.close()
  }
}

/** An import, re-export, `require` or type reference of `name` (or of a path inside it). */
const referenceOf = (name) =>
  new RegExp(
    `(?:\\bfrom\\s*|\\bimport\\s*\\(?\\s*|\\brequire\\s*\\(\\s*|<reference\\s+types\\s*=\\s*)["']${name.replace(/[/.]/g, "\\$&")}(?:/[^"']*)?["']`,
  )

/**
 * Fails when any of the entry's files (code and declarations, ESM and CommonJS) still loads one of
 * `packages`, naming the file and the package.
 * @param {string} dir @param {string} name @param {ReadonlyArray<string>} packages
 */
export const refuseReferencesTo = (dir, name, packages) => {
  const found = []
  for (const extension of ["js", "cjs", "d.ts", "d.cts"]) {
    const text = readFileSync(join(dir, `${name}.${extension}`), "utf8")
    for (const pkg of packages) if (referenceOf(pkg).test(text)) found.push(`${name}.${extension} (${pkg})`)
  }
  if (found.length > 0)
    throw new Error(`these files must not load the packages bundled into them: ${found.join(", ")}`)
}
