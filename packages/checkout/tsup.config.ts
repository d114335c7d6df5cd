import { bundledEntryConfig, libraryConfig } from "@lomi/build-config/tsup"
import { defineConfig } from "tsup"

// The two builds run side by side, so neither cleans dist/ (the build script empties it first).
export default defineConfig([
  // `@lomi/checkout`: the Promise API, with @lomi/core and the slice of effect it runs on bundled in, so a
  // Promise app installs no effect (and one on effect 3 keeps its own).
  bundledEntryConfig({ entry: "src/index.ts", bundle: [/^effect(\/|$)/, "@lomi/core"], clean: false }),
  // `@lomi/checkout/effect`: the Effect API, on the user's own effect and @lomi/core.
  { ...libraryConfig({ entry: ["src/effect.ts"] }), clean: false },
])
