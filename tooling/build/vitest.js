import { fileURLToPath } from "node:url"
import { defineProject } from "vitest/config"

const src = (pkg) => fileURLToPath(new URL(`../../packages/${pkg}/src/index.ts`, import.meta.url))

// Tests read sibling packages from source, so `vitest` works without a build first.
/** @param {string} name */
export function projectConfig(name) {
  return defineProject({
    resolve: {
      alias: {
        "@lomi/core": src("core"),
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
