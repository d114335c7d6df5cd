#!/usr/bin/env node
import { SANDBOX_DEFAULT_KEY } from "./index.js"

console.log(`lomi-sandbox: not implemented yet (key ${SANDBOX_DEFAULT_KEY})`)
