export { VERSION } from "./Version.js"
