import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runCli } from '../../../src/main/cli/smadmin'
import type { CliDeps } from '../../../src/main/cli/cli-io'
import type { ProvisioningFile } from '../../../src/shared/domain/provisioning'
import { fixedClock } from '../support/site-fixture'
import { TEST_SCRYPT } from '../users/users-support'
import { body, entry, makeKeys, signed, type Keys } from '../licences/licence-fixture'

export interface Run {
  code: number
  out: string
  err: string
}

/** Runs smadmin in-process with the test clock, cheap scrypt and the run's vendor key. */
export async function smadmin(keys: Keys, ...argv: string[]): Promise<Run> {
  const out: string[] = []
  const err: string[] = []
  const deps: CliDeps = { clock: fixedClock, passwordHashing: TEST_SCRYPT, trustedKeys: keys.trust }
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, deps)
  return { code, out: out.join('\n'), err: err.join('\n') }
}

export { makeKeys }

/** A vendor licence for Acme AS with seats for the file's users. */
export function writeLicence(dir: string, keys: Keys): string {
  const text = signed(keys, body({}, [entry('server', 'system', 1), entry('expander-services', 'system', 1), entry('user', 'user', 5), entry('web', 'user', 3, { prerequisite: 'user' })]))
  writeFileSync(join(dir, 'licence.json'), text)
  return 'licence.json'
}

/** What an IT department writes to prepare a site before it goes live. */
export function siteFile(licenceFile: string): ProvisioningFile {
  return {
    formatVersion: 1,
    ownerCompany: { name: 'Acme AS', department: 'Head office', city: 'Oslo' },
    ourCompanies: [{ name: 'Acme AB', city: 'Stockholm' }],
    userGroups: [
      { name: 'Sales', tooltip: 'Account managers', rank: 1 },
      { name: 'Support', rank: 2 }
    ],
    roles: [
      {
        name: 'Sales rep',
        description: 'Sells',
        rank: 20,
        roleType: 'employee',
        dataRights: { sale: { own: 'delete', primary_group: 'update' }, company: { own: 'delete' } },
        functionalRights: ['admin-users']
      }
    ],
    passwordPolicy: { MinTotal: 10, MinNum: 1 },
    licences: [{ file: licenceFile }],
    associates: [
      {
        userId: 'ADMIN',
        firstName: 'Ada',
        lastName: 'Admin',
        company: 'Acme AS',
        role: 'User level 0',
        primaryGroup: 'Support',
        licences: ['user'],
        canLogIn: true,
        password: 'first-Password-1'
      },
      {
        userId: 'JD',
        firstName: 'Jane',
        lastName: 'Doe',
        email: 'jane@acme.example',
        company: 'Acme AB',
        role: 'Sales rep',
        primaryGroup: 'Sales',
        otherGroups: ['Support'],
        licences: ['user', 'web'],
        canLogIn: true,
        password: { generate: true }
      }
    ],
    otherUsers: [{ userId: 'INTEGRATION', type: 'system', description: 'ERP sync', active: true }]
  }
}
