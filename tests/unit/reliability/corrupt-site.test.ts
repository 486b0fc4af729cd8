import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, statSync, truncateSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { openSite } from '../../../src/main/core/db/open-site'
import { runCli, EXIT } from '../../../src/main/cli/smadmin'
import { AppError } from '../../../src/shared/ipc/result'
import { fixedClock, hashFile, makeTempDir, openTestCore } from '../support/site-fixture'
import { expectOk, saveGroups } from './reliability-support'

/** A site with enough rows to span many pages, closed (so the file alone holds everything). */
async function makeSite(path: string, withSnapshot: boolean): Promise<void> {
  const core = await openTestCore(path)
  // Set-up speed only: the checks below read the file after it is closed.
  core.site.raw.pragma('synchronous = OFF')
  await saveGroups(core, 150)
  if (withSnapshot) expectOk(await core.dispatch('snapshots:take', {}))
  await core.close()
}

async function refusal(path: string): Promise<AppError> {
  const error = await openSite(path, { clock: fixedClock }).then(
    (site) => site.close().then(() => null),
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

describe('a corrupt or truncated site file', () => {
  let dir: string
  let cleanup: () => void
  beforeEach(() => ({ dir, cleanup } = makeTempDir()))
  afterEach(() => cleanup())

  const damages = {
    'truncated to half its pages': (file: string) => truncateSync(file, Math.floor(statSync(file).size / 2 / 4096) * 4096),
    'with garbage bytes over a middle page': (file: string) => {
      const middlePage = Math.floor(statSync(file).size / 4096 / 2)
      const fd = openSync(file, 'r+')
      writeSync(fd, Buffer.alloc(4096, 0xab), 0, 4096, middlePage * 4096)
      closeSync(fd)
    }
  }

  for (const [how, damage] of Object.entries(damages)) {
    it(`${how}: refused as site_corrupt, naming the latest snapshot; never written to`, async () => {
      const good = join(dir, 'good.smsite')
      await makeSite(good, true)
      const bad = join(dir, 'bad.smsite')
      copyFileSync(good, bad)
      damage(bad)
      // The damaged copy has the good site's snapshots (as if the damage happened in place).
      const snapshots = readdirSync(`${good}.snapshots`)
      expect(snapshots).toHaveLength(1)
      mkdirSync(`${bad}.snapshots`)
      copyFileSync(join(`${good}.snapshots`, snapshots[0]), join(`${bad}.snapshots`, snapshots[0]))

      const before = hashFile(bad)
      const error = await refusal(bad)
      expect(error.code).toBe('site_corrupt')
      expect(error.message).toContain('is damaged')
      expect(error.message).toContain('nothing was written to it')
      expect(error.message).toContain(join(`${bad}.snapshots`, snapshots[0]))
      expect(hashFile(bad)).toBe(before)
      expect(existsSync(`${bad}-wal`) || existsSync(`${bad}-shm`)).toBe(false)

      // The CLI refuses it too, as "site unusable", without a stack trace.
      const lines: string[] = []
      const code = await runCli(['site', 'info', bad], { out: (l) => lines.push(l), err: (l) => lines.push(l) })
      expect(code).toBe(EXIT.siteUnusable)
      expect(lines.join('\n')).toContain('is damaged')
      expect(lines.join('\n')).not.toMatch(/\n\s+at /)
      expect(hashFile(bad)).toBe(before)
    })
  }

  it('without any snapshot the message says to use an own backup', async () => {
    const path = join(dir, 'lonely.smsite')
    await makeSite(path, false)
    damages['with garbage bytes over a middle page'](path)
    const error = await refusal(path)
    expect(error.code).toBe('site_corrupt')
    expect(error.message).toContain('There is no snapshot of this site')
  })

  it('a healthy site passes the check and opens', async () => {
    const path = join(dir, 'fine.smsite')
    await makeSite(path, false)
    const site = await openSite(path, { clock: fixedClock })
    await site.close()
  })
})
