// Extracts every ```ts block of the READMEs into readme-snippets/, so `tsc` compiles the docs users copy
// from; a block that stops compiling fails the typecheck, and so CI. The root README's ```sh commands are
// the ones `.ci/run` runs: this fails if one of them is missing there.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { basename, dirname, join, relative } from "node:path"
import { fileURLToPath } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..")
const out = join(root, "apps/examples/readme-snippets")
const readmes = [
  join(root, "README.md"),
  ...readdirSync(join(root, "packages")).map((pkg) => join(root, "packages", pkg, "README.md")),
]

rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })
let count = 0
for (const file of readmes) {
  const text = readFileSync(file, "utf8")
  const name = relative(root, file).replaceAll("/", "_").replace(/\.md$/, "")
  let index = 0
  for (const match of text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)) {
    index++
    const line = text.slice(0, match.index).split("\n").length
    writeFileSync(
      join(out, `${name}_${index}.ts`),
      `// ${relative(root, file)}:${line}\n${match[1]}export {}\n`,
    )
    count++
  }
}
console.log(`${count} README code blocks written to ${basename(out)}/`)

const ciScript = readFileSync(join(root, ".ci/run"), "utf8").split("\n")
const rootReadme = readFileSync(join(root, "README.md"), "utf8")
const commands = [...rootReadme.matchAll(/^```sh\n([\s\S]*?)^```$/gm)]
  .flatMap((block) => (block[1] ?? "").split("\n"))
  .map((line) => line.trim())
  .filter((line) => line.startsWith("npx "))
const missing = commands.filter((command) => !ciScript.includes(command))
if (commands.length === 0 || missing.length > 0) {
  console.error(`README commands not run verbatim by .ci/run: ${missing.join(" | ") || "(none found)"}`)
  process.exit(1)
}
