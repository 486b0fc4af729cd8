import type Database from 'better-sqlite3'
import { createPrivateKey } from 'node:crypto'
import type { LicenceBody, LicenceEntry } from '../../../src/shared/domain/licence'
import { generateEd25519KeyPair } from '../../../src/main/core/licences/ed25519'
import { endorseOwner, signLicenceBody } from '../../../src/main/core/licences/licence-file'
import type { TrustedKeys } from '../../../src/main/core/licences/trusted-keys'
import { DEMO_PUBLIC_KEY } from '../../../src/main/core/licences/demo-key'
import { FIXED_NOW } from '../support/site-fixture'

/** Keys generated for the test run: a vendor, a partner the vendor endorsed, and a stranger. */
export function makeKeys() {
  const vendor = generateEd25519KeyPair()
  const partner = generateEd25519KeyPair()
  const stranger = generateEd25519KeyPair()
  const trust: TrustedKeys = { vendorKeys: [vendor.publicKey], demoKey: DEMO_PUBLIC_KEY }
  const vendorKey = createPrivateKey(vendor.privateKeyPem)
  const partnerKey = createPrivateKey(partner.privateKeyPem)
  const strangerKey = createPrivateKey(stranger.privateKeyPem)
  return { vendor, partner, stranger, trust, vendorKey, partnerKey, strangerKey, endorse: (owner: string) => endorseOwner(owner, partner.publicKey, vendorKey) }
}
export type Keys = ReturnType<typeof makeKeys>

export const TODAY = FIXED_NOW.slice(0, 10)

export function entry(moduleName: string, kind: LicenceEntry['kind'], total: number, extra: Partial<LicenceEntry> = {}): LicenceEntry {
  return {
    moduleName,
    displayName: moduleName.toUpperCase(),
    tooltip: '',
    kind,
    total,
    unrestricted: false,
    prerequisite: null,
    allowedUserTypes: kind === 'user' ? ['employee'] : [],
    hidden: false,
    sortOrder: 0,
    ...extra
  }
}

/** A vendor licence for "Acme AS", serial 1234, with a small catalogue; `patch` changes anything. */
export function body(patch: Partial<LicenceBody> = {}, licences?: LicenceEntry[]): LicenceBody {
  return {
    owner: { name: 'SUPEROFFICE', description: 'SuperOffice AS', shopUrl: 'https://shop.superoffice.com/' },
    licensee: { companyName: 'Acme AS', serialNumber: '1234' },
    dates: { expiresOn: '2027-12-31' },
    isDemo: false,
    licences: licences ?? [
      entry('server', 'system', 1),
      entry('sales-intelligence', 'system', 1),
      entry('satellite', 'site', 2),
      entry('user', 'user', 3),
      entry('web', 'user', 2, { prerequisite: 'user' }),
      entry('windows', 'user', 2, { prerequisite: 'user' }),
      entry('travel', 'user', 1, { prerequisite: 'windows', unrestricted: true }),
      entry('hidden-one', 'user', 1, { hidden: true })
    ],
    ...patch
  }
}

export function signed(keys: Keys, b: LicenceBody = body(), signer: 'vendor' | 'partner' | 'stranger' = 'vendor'): string {
  if (signer === 'partner') return signLicenceBody(b, keys.partnerKey, keys.endorse(b.owner.name))
  return signLicenceBody(b, signer === 'vendor' ? keys.vendorKey : keys.strangerKey)
}

/**
 * Adds employees ("U1", "U2", …) at one company and group, so licences have holders to count.
 * Returns their associate ids in order.
 */
export function addUsers(raw: Database.Database, count: number): number[] {
  const now = FIXED_NOW
  const company = Number(raw.prepare(`INSERT INTO company (name, created_at, updated_at) VALUES ('Acme AS', ?, ?)`).run(now, now).lastInsertRowid)
  raw.prepare('INSERT INTO our_company (company_id) VALUES (?)').run(company)
  const group = Number(raw.prepare(`INSERT INTO user_group (name, created_at, updated_at) VALUES ('Staff-' || ?, ?, ?)`).run(company, now, now).lastInsertRowid)
  const ids: number[] = []
  const base = Number(raw.prepare('SELECT count(*) FROM associate').pluck().get())
  for (let i = 1; i <= count; i++) {
    const n = base + i
    const person = Number(
      raw.prepare(`INSERT INTO person (company_id, first_name, last_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`).run(company, `First${n}`, `Last${n}`, now, now).lastInsertRowid
    )
    ids.push(
      Number(
        raw
          .prepare(`INSERT INTO associate (user_id, user_type, person_id, primary_group_id, created_at, updated_at) VALUES (?, 'employee', ?, ?, ?, ?)`)
          .run(`U${n}`, person, group, now, now).lastInsertRowid
      )
    )
  }
  return ids
}

/** Assigns a licence (by module name) to associates directly, as the Users screen will. */
export function assign(raw: Database.Database, moduleName: string, associateIds: readonly number[]): void {
  const licence = raw.prepare('SELECT licence_id FROM licence WHERE module_name = ?').pluck().get(moduleName) as number
  if (licence === undefined) throw new Error(`no licence ${moduleName}`)
  for (const id of associateIds) raw.prepare('INSERT INTO licence_assignment (licence_id, associate_id, assigned_at) VALUES (?, ?, ?)').run(licence, id, FIXED_NOW)
}

export function holdersOf(raw: Database.Database, moduleName: string): string[] {
  return raw
    .prepare('SELECT a.user_id FROM licence_assignment la JOIN licence l USING (licence_id) JOIN associate a USING (associate_id) WHERE l.module_name = ? ORDER BY a.user_id')
    .pluck()
    .all(moduleName) as string[]
}
