import type { Clock } from '../src/main/core/clock'
import { createSite } from '../src/main/core/services/site.service'
import { insertAssociates, insertOtherUsers, planSeeds } from '../src/main/core/demo/associate-builders'
import { DEMO_COMPANIES } from '../src/main/core/demo/demo-site'
import { demoLicenceBody } from '../src/main/core/demo/demo-licence'
import { addDemoAdministrator } from '../src/main/core/demo/demo-admin'
import { createPasswordHasher } from '../src/main/core/auth/password'
import { generateEd25519KeyPair, privateKeyFromPem } from '../src/main/core/licences/ed25519'
import { signLicenceBody } from '../src/main/core/licences/licence-file'
import { DEMO_PUBLIC_KEY } from '../src/main/core/licences/demo-key'
import type { TrustedKeys } from '../src/main/core/licences/trusted-keys'
import { activateLicence } from '../src/main/core/services/licence-activation.service'
import { PREDEFINED_ROLE_IDS } from '../src/shared/domain/role'

/** Departments the bench's 50 user groups are named after (with a number where they repeat). */
const GROUP_NAMES = ['Sales', 'Marketing', 'Support', 'Finance', 'IT', 'Consulting', 'Management', 'Logistics', 'Legal', 'HR']

/** ~3 user licences each, in the order users are given them (within each licence's prerequisites). */
export const BENCH_BUNDLES: ReadonlyArray<readonly string[]> = [
  ['user', 'web', 'sales'],
  ['user', 'windows', 'travel'],
  ['user', 'web', 'marketing', 'outlook-sync'],
  ['user', 'web', 'service'],
  ['user', 'complete-crm', 'pocket-crm'],
  ['user', 'windows', 'quote-cal'],
  ['user', 'web']
]

export interface BenchSite {
  path: string
  /** The vendor key the bench signed its licence with, plus the demo key, as the app trusts them. */
  trustedKeys: TrustedKeys
  associates: number
  companyIds: number[]
  groupIds: number[]
  roleIds: number[]
  /** Milliseconds the generator took (create, licence, associates). */
  ms: number
}

/**
 * A site with `count` associates built with the demo builders: 2 of our companies, 50 user groups,
 * the 12 seeded roles, the demo catalogue with generous totals signed by a vendor key made for this
 * run, ~3 licences per user, plus the demo administrator (ADMIN) for signing in.
 */
export async function createBenchSite(path: string, count: number, clock: Clock): Promise<BenchSite> {
  const started = performance.now()
  const vendor = generateEd25519KeyPair()
  const trustedKeys: TrustedKeys = { vendorKeys: [vendor.publicKey], demoKey: DEMO_PUBLIC_KEY }
  const site = await createSite(path, { demo: false, clock })
  try {
    const raw = site.raw
    const now = clock().toISOString()
    const companyIds: number[] = []
    raw.transaction(() => {
      for (const c of DEMO_COMPANIES) {
        const id = Number(raw.prepare('INSERT INTO company (name, department, city, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(c.name, c.department, c.city, now, now).lastInsertRowid)
        raw.prepare('INSERT INTO our_company (company_id) VALUES (?)').run(id)
        companyIds.push(id)
      }
      raw.prepare('INSERT INTO site_identity (site_identity_id, licensee_name, owner_company_id, database_company_id) VALUES (1, ?, ?, ?)').run(DEMO_COMPANIES[0].name, companyIds[0], companyIds[0])
      const group = raw.prepare('INSERT INTO user_group (name, tooltip, rank, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      for (let i = 0; i < 50; i++) {
        const base = GROUP_NAMES[i % GROUP_NAMES.length]
        group.run(i < GROUP_NAMES.length ? base : `${base} ${Math.floor(i / GROUP_NAMES.length) + 1}`, `${base} department`, i + 1, now, now)
      }
    })()

    // The demo catalogue as a vendor licence with room for everyone.
    const body = demoLicenceBody(clock())
    const generous = { ...body, isDemo: false, licensee: { ...body.licensee, serialNumber: 'BENCH-0001' }, licences: body.licences.map((l) => (l.kind === 'user' ? { ...l, total: count * 2 } : l)) }
    await activateLicence({ db: site.db, trust: trustedKeys, clock }, signLicenceBody(generous, privateKeyFromPem(vendor.privateKeyPem)), [], 'system:bench')

    const groupIds = raw.prepare('SELECT user_group_id FROM user_group ORDER BY rank').pluck().all() as number[]
    const roleIds = [
      PREDEFINED_ROLE_IDS.userLevel0,
      ...(raw.prepare("SELECT role_id FROM role WHERE role_type = 'employee' AND deleted = 0 AND role_id <> ? ORDER BY rank").pluck().all(PREDEFINED_ROLE_IDS.userLevel0) as number[])
    ]
    const licences = generous.licences.filter((l) => l.kind === 'user').map((l) => ({ moduleName: l.moduleName, total: l.total, unrestricted: l.unrestricted, prerequisite: l.prerequisite }))
    insertAssociates(raw, planSeeds({ count, companyIds, groupIds, roleIds, licences, bundles: BENCH_BUNDLES, seed: 8 }), now)
    insertOtherUsers(raw, [{ userId: 'SYS-ERP', userType: 'system', description: 'ERP synchronisation', active: true }], now)
    // Cheap scrypt: the bench measures the list, not password hashing.
    await addDemoAdministrator(site.db, createPasswordHasher({ N: 1024, r: 8, p: 1, saltBytes: 16, keyBytes: 64 }), clock)
    return { path, trustedKeys, associates: count + 1, companyIds, groupIds, roleIds, ms: performance.now() - started }
  } finally {
    await site.close()
  }
}
