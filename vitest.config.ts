import { defineConfig } from "vitest/config"

// One run over every package, so the output ends with a single vitest summary.
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*", "tooling/build"],
  },
})
