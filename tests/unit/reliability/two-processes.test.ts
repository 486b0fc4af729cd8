import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { spawn, type ChildProcess } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Core } from '../../../src/main/core/open-core'
import { runCli, EXIT } from '../../../src/main/cli/smadmin'
import { dumpSiteFile, fixedClock, makeTempDir, openTestCore } from '../support/site-fixture'
import { body, entry, makeKeys, signed } from '../licences/licence-fixture'
import { expectFailure, expectOk, saveGroups } from './reliability-support'

/** Starts another process that holds the site's write lock; resolves once it has it. */
function holdWriteLock(path: string): Promise<ChildProcess> {
  return new Promise((done, failed) => {
    const child = spawn(process.execPath, [join(__dirname, 'hold-write-lock.child.mjs'), path], { stdio: ['pipe', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()))
    child.stdout!.on('data', (c: Buffer) => c.toString().includes('locked') && done(child))
    child.on('exit', (code) => failed(new Error(`lock holder exited (${code}): ${stderr}`)))
  })
}

function release(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    child.removeAllListeners('exit')
    child.on('exit', () => done())
    child.stdin!.end()
  })
}

describe('two processes on one site', () => {
  let dir: string
  let cleanup: () => void
  let core: Core
  let path: string
  beforeEach(async () => {
    ;({ dir, cleanup } = makeTempDir())
    path = join(dir, 'shared.smsite')
    core = await openTestCore(path)
    await saveGroups(core, 2)
  })
  afterEach(async () => {
    await core.close()
    cleanup()
  })

  it('a write while another process holds the lock waits a bounded time, then says the site is in use; nothing half-written', async () => {
    const holder = await holdWriteLock(path)
    try {
      // The app waits 5 s (busy_timeout); shortened here so the test stays quick.
      core.site.raw.pragma('busy_timeout = 300')
      const error = expectFailure(
        await core.dispatch('changes:stage', { screen: 'lists', change: { entity: 'userGroup', id: 'new:1', values: { name: 'While locked' } } }),
        'site_busy'
      )
      expect(error.message).toMatch(/in use by another program.*Nothing was changed; try again when it is closed/)
      // Reading still works (WAL): the screens stay usable while the other program writes.
      expect(expectOk<{ rows: unknown[] }>(await core.dispatch('userGroups:list', { includeDeleted: true })).rows).toHaveLength(2)
    } finally {
      await release(holder)
    }
    expectOk(await core.dispatch('changes:stage', { screen: 'lists', change: { entity: 'userGroup', id: 'new:1', values: { name: 'After' } } }))
    expectOk(await core.dispatch('changes:save', { screen: 'lists' }))
    expect(core.site.raw.pragma('integrity_check', { simple: true })).toBe('ok')
  })

  it('smadmin writing to a site another process is writing: exit 3 with "site is in use" after the bounded wait', async () => {
    const keys = makeKeys()
    const licenceFile = join(dir, 'licence.json')
    writeFileSync(licenceFile, signed(keys, body({}, [entry('web', 'user', 5)])))
    await core.close()
    const holder = await holdWriteLock(path)
    const lines: string[] = []
    let code: number
    try {
      code = await runCli(['licence', 'activate', licenceFile, '--site', path], { out: (l) => lines.push(l), err: (l) => lines.push(l) }, { clock: fixedClock, trustedKeys: keys.trust })
    } finally {
      await release(holder)
      core = await openTestCore(path)
    }
    expect(code).toBe(EXIT.siteUnusable)
    expect(lines.join('\n')).toMatch(/in use by another program/)
    expect(lines.join('\n')).not.toMatch(/\n\s+at /)
    expect((dumpSiteFile(path).licence_owner as unknown[]).length).toBe(0)
  }, 20_000)
})
