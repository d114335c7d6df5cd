import { VERSION } from "@lomi/checkout"

console.log(`lomi examples (SDK ${VERSION})`)
