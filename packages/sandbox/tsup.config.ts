import { libraryConfig } from "@lomi/build-config/tsup"
import { defineConfig } from "tsup"

export default defineConfig(libraryConfig({ entry: ["src/index.ts", "src/web.ts", "src/cli.ts"] }))
