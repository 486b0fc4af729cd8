import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { writeFileAtomically } from '../../../src/main/core/csv/atomic-write'
import { makeTempDir } from '../support/site-fixture'

let temp: ReturnType<typeof makeTempDir>
beforeEach(() => {
  temp = makeTempDir()
})
afterEach(() => temp.cleanup())

describe('writing an export atomically', () => {
  it('replaces an existing file whole and leaves no temporary file behind', async () => {
    const target = join(temp.dir, 'users.csv')
    writeFileSync(target, 'old contents')
    await writeFileAtomically(target, 'new contents')
    expect(readFileSync(target, 'utf8')).toBe('new contents')
    expect(readdirSync(temp.dir)).toEqual(['users.csv'])
  })

  it('a failed write leaves the old file as it was, no partial file, and says what to do', async () => {
    const target = join(temp.dir, 'users.csv')
    writeFileSync(target, 'old contents')
    // A directory where the file should go: rename fails after the temporary file was written.
    const blocked = join(temp.dir, 'folder.csv')
    writeFileSync(join(temp.dir, 'keep'), '')
    mkdirSync(join(blocked, 'inside'), { recursive: true })
    await expect(writeFileAtomically(blocked, 'x')).rejects.toMatchObject({ code: 'storage_failed', message: expect.stringContaining('Nothing was written there') })
    await expect(writeFileAtomically(join(temp.dir, 'missing', 'users.csv'), 'x')).rejects.toMatchObject({ code: 'storage_failed' })
    expect(readFileSync(target, 'utf8')).toBe('old contents')
    expect(readdirSync(temp.dir).sort()).toEqual(['folder.csv', 'keep', 'users.csv'])
  })
})
