import { bundledEntryConfig, libraryConfig } from "@lomi/build-config/tsup"
import { defineConfig } from "tsup"

// The two builds run side by side, so neither cleans dist/ (the build script empties it first).
export default defineConfig([
  // `@lomi/checkout`: the Promise API, with @lomi/core bundled in; it runs without effect (a Promise app
  // installs none, and one on effect 3 keeps its own). effect is bundled only so that its pure declarations
  // (the Effect services beside the operation tables) tree-shake away: the build fails if any code is left.
  bundledEntryConfig({
    entry: "src/index.ts",
    bundle: [/^effect(\/|$)/, "@lomi/core"],
    clean: false,
    refuse: "effect",
  }),
  // `@lomi/checkout/effect`: the Effect API, on the user's own effect and @lomi/core.
  { ...libraryConfig({ entry: ["src/effect.ts"] }), clean: false },
])
