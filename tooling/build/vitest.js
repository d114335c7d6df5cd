import { fileURLToPath } from "node:url"
import { defineProject } from "vitest/config"

const src = (pkg, entry = "index") =>
  fileURLToPath(new URL(`../../packages/${pkg}/src/${entry}.ts`, import.meta.url))

// Tests read sibling packages from source, so `vitest` works without a build first.
/** @param {string} name */
export function projectConfig(name) {
  return defineProject({
    resolve: {
      alias: {
        "@lomi/core": src("core"),
        // before "@lomi/checkout", which would otherwise match it as a prefix
        "@lomi/checkout/effect": src("checkout", "effect"),
        "@lomi/checkout": src("checkout"),
        "@lomi/sandbox": src("sandbox"),
      },
    },
    test: {
      name,
      include: ["test/**/*.test.ts"],
      testTimeout: 20_000,
      hookTimeout: 20_000,
    },
  })
}
