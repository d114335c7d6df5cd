#!/usr/bin/env node
// The installed command. It lives outside dist/ so that package managers can link it before the package is
// built (a workspace install links bins before any build runs).
import "../dist/cli.js"
