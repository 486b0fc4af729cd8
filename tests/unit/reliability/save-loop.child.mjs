// Child process for kill-during-save.test.ts: opens a site through the BUILT core (out/main/core.js)
// and commits big change sets in a loop until the parent kills it with SIGKILL.
//   node save-loop.child.mjs setup SITE CORE_JS GROUPS   create the site with GROUPS user groups
//   node save-loop.child.mjs loop SITE CORE_JS           rename every group to the next generation, forever
// Generation G names every group "g<G> #<id>" and adds one group "created <G>", in ONE change set,
// so the parent can tell a fully applied set from a fully pending one (and a half one from both).
import { pathToFileURL } from 'node:url'

const [mode, sitePath, corePath, groupsArg] = process.argv.slice(2)
const core = await import(pathToFileURL(corePath).href)
const site = await core.openCore({
  sitePath,
  create: mode === 'setup',
  clock: core.systemClock,
  session: () => ({ actor: 'reliability-test', rights: ['admin-all'] }),
  appInfo: { appVersion: 'test', versions: {}, platform: process.platform },
  openExternal: async () => {}
})

async function call(channel, input) {
  const result = await site.dispatch(channel, input)
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
  return result.value
}
const stage = (id, values) => call('changes:stage', { screen: 'lists', change: { entity: 'userGroup', id, values } })

if (mode === 'setup') {
  for (let i = 1; i <= Number(groupsArg); i++) await stage(`new:${i}`, { name: `g0 #new${i}` })
  await call('changes:save', { screen: 'lists' })
  await site.close()
  process.exit(0)
}

process.stdout.write('ready\n')
for (;;) {
  // The list merges pending steps: drop a set a killed run left, so it shows saved names only.
  await call('changes:cancel', { screen: 'lists' })
  const { rows } = await call('userGroups:list', { includeDeleted: true })
  const renamed = rows.filter((r) => r.name.startsWith('g'))
  const generation = Math.max(...renamed.map((r) => Number(/^g(\d+) /.exec(r.name)[1])))
  const next = generation + 1
  // What is under test is Save; staging 200 steps one transaction each (an fsync each) would
  // make every run take seconds. So the set is written in one transaction, in the exact rows
  // `changes:stage` writes.
  const changes = [...renamed.map((r) => ({ id: r.id, values: { name: `g${next} #${r.id}` } })), { id: 'new:1', values: { name: `created ${next}` } }]
  const now = new Date().toISOString()
  site.site.raw.transaction(() => {
    site.site.raw.prepare("DELETE FROM pending_change WHERE screen = 'lists'").run()
    const insert = site.site.raw.prepare("INSERT INTO pending_change (screen, seq, change, staged_at) VALUES ('lists', ?, ?, ?)")
    changes.forEach((c, index) => insert.run(index + 1, JSON.stringify({ entity: 'userGroup', ...c }), now))
  })()
  process.stdout.write(`staged ${next}\n`)
  await call('changes:save', { screen: 'lists' })
  process.stdout.write(`saved ${next}\n`)
}
