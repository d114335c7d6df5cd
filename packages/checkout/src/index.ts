export { VERSION } from "@lomi/core"
