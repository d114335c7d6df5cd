// Run by `pnpm version-packages` after `changeset version`: the user agent reports @lomi/core's version,
// so src/Version.ts must follow package.json (a core test checks they agree).
import { readFileSync, writeFileSync } from "node:fs"

const pkgUrl = new URL("../../packages/core/package.json", import.meta.url)
const fileUrl = new URL("../../packages/core/src/Version.ts", import.meta.url)
const { version } = JSON.parse(readFileSync(pkgUrl, "utf8"))
const source = readFileSync(fileUrl, "utf8")
const next = source.replace(/export const VERSION = "[^"]*"/, `export const VERSION = "${version}"`)
if (!next.includes(`"${version}"`))
  throw new Error("packages/core/src/Version.ts has no VERSION constant to update")
writeFileSync(fileUrl, next)
console.log(`@lomi/core VERSION = ${version}`)
