import { projectConfig } from "@lomi/build-config/vitest"

export default projectConfig("examples")
