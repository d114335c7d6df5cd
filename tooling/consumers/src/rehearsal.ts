// pnpm rehearsal: a release, rehearsed end to end. Starts a local registry, versions and publishes
// @lomi/core, @lomi/checkout and @lomi/sandbox to it with changesets, then installs them into consumer
// projects and runs the smoke there: an Effect 4 app on npm and on pnpm (one copy of effect, the app's, and
// of @lomi/core), a Promise-only app on each (@lomi/checkout alone: no @lomi/core, no effect) and an app
// pinned to effect 3 on each. Everything it starts or writes is gone when it ends.
import { npmConsumer, pnpmConsumer } from "./consumers.js"
import { main, seconds } from "./lib/processes.js"
import type { Step } from "./lib/project.js"
import { effect3Consumer, type InstallSize, promiseOnlyConsumer } from "./promise.js"
import { startRegistry } from "./registry.js"
import { rehearseRelease } from "./release.js"

main("rehearsal", 600_000, async () => {
  const from = Date.now()
  const registry = await startRegistry()
  console.log(`rehearsal: Verdaccio on ${registry.url} (${seconds(from)})`)

  const released = Date.now()
  const release = await rehearseRelease(registry)
  const names = Object.values(release).map((p) => `${p.name}@${p.version}`)
  console.log(`rehearsal: changeset version + publish: ${names.join(", ")} (${seconds(released)})`)

  const steps: Step[] = []
  const npmDir = await npmConsumer(registry, release, steps)
  await pnpmConsumer(registry, release, npmDir, steps)
  const sizes: InstallSize[] = []
  for (const manager of ["npm", "pnpm"] as const) {
    sizes.push(await promiseOnlyConsumer(manager, registry, release, npmDir, steps))
    await effect3Consumer(manager, registry, release, npmDir, steps)
  }
  const installed = sizes.map((s) => `${s.consumer} ${(s.bytes / 1024).toFixed(0)} KB`).join(", ")
  console.log(`rehearsal: ok, ${steps.length} consumer steps passed in ${seconds(from)}; ${installed}`)
})
