import { projectConfig } from "./vitest.js"

export default projectConfig("build")
