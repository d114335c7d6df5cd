// Entry point on Node, Bun and Deno: reads the sandbox from LOMI_BASE_URL and LOMI_API_KEY, runs the
// smoke and prints its result as the last line of output (JSON). Node 20 runs it through tsx, the
// others run the TypeScript as it is (Node 24 strips the types itself).
import { smoke } from "./smoke.ts"

declare const Deno: { env: { get(name: string): string | undefined }; exit(code: number): never } | undefined

const env = (name: string): string => {
  const value = typeof Deno === "undefined" ? process.env[name] : Deno.env.get(name)
  if (value === undefined) throw new Error(`${name} is not set`)
  return value
}

try {
  console.log(JSON.stringify(await smoke(env("LOMI_BASE_URL"), env("LOMI_API_KEY"))))
} catch (error) {
  console.error(error)
  if (typeof Deno === "undefined") process.exit(1)
  else Deno.exit(1)
}
