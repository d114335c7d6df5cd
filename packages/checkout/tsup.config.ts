import { bundledEntryConfig, libraryConfig } from "@lomi/build-config/tsup"
import { defineConfig } from "tsup"

// The two builds run side by side, so neither cleans dist/ (the build script empties it first).
export default defineConfig([
  // `@lomi/checkout`: the Promise API, with @lomi/core bundled in, code and declarations (a Promise app
  // installs neither @lomi/core nor effect; one on effect 3 keeps its own). effect is bundled only so that
  // its pure declarations (the Effect services beside the operation tables) tree-shake away: the build
  // fails if any code is left. Its type imports (`Redacted`, `Duration`) stay in the .d.ts (skipLibCheck).
  bundledEntryConfig({
    entry: "src/index.ts",
    bundle: [/^effect(\/|$)/],
    inline: ["@lomi/core"],
    clean: false,
    refuse: "effect",
  }),
  // `@lomi/checkout/effect`: the Effect API, on the user's own effect and @lomi/core.
  { ...libraryConfig({ entry: ["src/effect.ts"] }), clean: false },
])
