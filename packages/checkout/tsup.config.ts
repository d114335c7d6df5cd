import { libraryConfig } from "@lomi/build-config/tsup"
import { defineConfig } from "tsup"

export default defineConfig(libraryConfig())
