export { type Sandbox, type SandboxOptions, startSandbox } from "./node.js"
export { filePersistence } from "./persistence.js"
export * from "./web.js"
