// pnpm rehearsal: a release, rehearsed end to end. Starts a local registry, versions and publishes
// @lomi/core, @lomi/checkout and @lomi/sandbox to it with changesets, then installs them into an npm and a
// pnpm consumer project and runs the smoke there. Everything it starts or writes is gone when it ends.
import { npmConsumer, pnpmConsumer, type Step } from "./consumers.js"
import { main, seconds } from "./lib/processes.js"
import { startRegistry } from "./registry.js"
import { rehearseRelease } from "./release.js"

main("rehearsal", 300_000, async () => {
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
  console.log(`rehearsal: ok, ${steps.length} consumer steps passed in ${seconds(from)}`)
})
