import type Database from 'better-sqlite3'

/**
 * Builders for associates in bulk: prepared statements inside one transaction, so the demo site
 * (40 users) and the scale bench (100,000) share the same code. Seeds are plain data; `planSeeds`
 * makes realistic ones deterministically, within the licence totals it is given.
 */

export interface AssociateSeed {
  firstName: string
  lastName: string
  email: string
  phone: string
  companyId: number
  userId: string
  roleId: number
  primaryGroupId: number
  otherGroupIds: readonly number[]
  licences: readonly string[]
  canLogIn: boolean
  retired: boolean
}

export const FIRST_NAMES = ['Kari', 'Ola', 'Ingrid', 'Lars', 'Sofia', 'Erik', 'Maja', 'Henrik', 'Nora', 'Anders', 'Elin', 'Jonas', 'Astrid', 'Magnus', 'Sara', 'Per', 'Hanna', 'Nils', 'Ida', 'Oskar'] as const
export const LAST_NAMES = ['Nordmann', 'Hansen', 'Johansson', 'Berg', 'Lindqvist', 'Haugen', 'Andersson', 'Solberg', 'Karlsson', 'Dahl', 'Nilsson', 'Bakken', 'Eriksson', 'Strand', 'Larsen', 'Holm', 'Persson', 'Lund', 'Olsen', 'Vik'] as const

/** A deterministic pseudo-random sequence (mulberry32): the same site every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface SeedPlan {
  count: number
  companyIds: readonly number[]
  groupIds: readonly number[]
  /** Employee roles to spread users over; the first user gets the first role (the administrator). */
  roleIds: readonly number[]
  /** User licences with their totals and prerequisites; restricted ones are never over-assigned. */
  licences: ReadonlyArray<{ moduleName: string; total: number; unrestricted: boolean; prerequisite: string | null }>
  /** Licence bundles tried in order per user (each filtered by what is still free). */
  bundles: ReadonlyArray<readonly string[]>
  seed?: number
  /** Share of users who are former employees (no licences). */
  retiredShare?: number
}

/** Realistic associates for a plan: unique user IDs, names, groups, roles and licences within totals. */
export function* planSeeds(plan: SeedPlan): Generator<AssociateSeed> {
  const random = seededRandom(plan.seed ?? 42)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]
  const free = new Map(plan.licences.map((l) => [l.moduleName, l.unrestricted ? Number.POSITIVE_INFINITY : l.total]))
  const prerequisite = new Map(plan.licences.map((l) => [l.moduleName, l.prerequisite]))
  const used = new Set<string>()
  for (let i = 0; i < plan.count; i++) {
    const firstName = FIRST_NAMES[i % FIRST_NAMES.length]
    const lastName = LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length]
    let userId = `${firstName[0]}${lastName.slice(0, 3)}`.toUpperCase()
    for (let n = 2; used.has(userId); n++) userId = `${firstName[0]}${lastName.slice(0, 3)}${n}`.toUpperCase()
    used.add(userId)
    const retired = i > 0 && random() < (plan.retiredShare ?? 0.05)
    const licences: string[] = []
    if (!retired) {
      const bundle = plan.bundles[i % plan.bundles.length] ?? []
      for (const m of bundle) {
        const parent = prerequisite.get(m) ?? null
        if ((free.get(m) ?? 0) > 0 && (parent === null || licences.includes(parent))) {
          licences.push(m)
          free.set(m, (free.get(m) ?? 0) - 1)
        }
      }
    }
    const primaryGroupId = i === 0 ? plan.groupIds[0] : pick(plan.groupIds)
    const others = plan.groupIds.filter((g) => g !== primaryGroupId && random() < 0.15)
    yield {
      firstName,
      lastName,
      email: `${userId.toLowerCase()}@example.com`,
      phone: `+47 ${String(20000000 + i).slice(0, 8)}`,
      companyId: i === 0 ? plan.companyIds[0] : plan.companyIds[i % plan.companyIds.length],
      userId,
      roleId: i === 0 ? plan.roleIds[0] : pick(plan.roleIds),
      primaryGroupId,
      otherGroupIds: others,
      licences,
      canLogIn: !retired,
      retired
    }
  }
}

/**
 * Inserts associates with their person, role, groups and licences in one transaction through
 * prepared statements. Licence module names are looked up once. Returns the new associate ids.
 */
export function insertAssociates(raw: Database.Database, seeds: Iterable<AssociateSeed>, now: string): number[] {
  const person = raw.prepare(
    'INSERT INTO person (company_id, first_name, last_name, email, phone, retired, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
  )
  const associate = raw.prepare(
    "INSERT INTO associate (user_id, user_type, person_id, primary_group_id, can_log_in, retired, created_at, updated_at) VALUES (?, 'employee', ?, ?, ?, ?, ?, ?)"
  )
  const role = raw.prepare('INSERT INTO user_role (associate_id, role_id) VALUES (?, ?)')
  const group = raw.prepare('INSERT INTO user_group_link (associate_id, user_group_id) VALUES (?, ?)')
  const licence = raw.prepare('INSERT INTO licence_assignment (licence_id, associate_id, assigned_at) VALUES (?, ?, ?)')
  const licenceIds = new Map(
    (raw.prepare("SELECT module_name, licence_id FROM licence WHERE kind = 'user'").all() as Array<{ module_name: string; licence_id: number }>).map((r) => [r.module_name, r.licence_id])
  )
  const ids: number[] = []
  raw.transaction(() => {
    for (const s of seeds) {
      const personId = Number(person.run(s.companyId, s.firstName, s.lastName, s.email, s.phone, s.retired ? 1 : 0, now, now).lastInsertRowid)
      const id = Number(associate.run(s.userId, personId, s.primaryGroupId, s.canLogIn ? 1 : 0, s.retired ? 1 : 0, now, now).lastInsertRowid)
      role.run(id, s.roleId)
      for (const g of s.otherGroupIds) group.run(id, g)
      for (const m of s.licences) {
        const licenceId = licenceIds.get(m)
        if (licenceId !== undefined) licence.run(licenceId, id, now)
      }
      ids.push(id)
    }
  })()
  return ids
}

export interface OtherUserSeed {
  userId: string
  userType: 'system' | 'anonymous'
  description: string
  active: boolean
}

export function insertOtherUsers(raw: Database.Database, seeds: readonly OtherUserSeed[], now: string): void {
  const insert = raw.prepare('INSERT INTO associate (user_id, user_type, description, can_log_in, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
  raw.transaction(() => {
    for (const s of seeds) insert.run(s.userId, s.userType, s.description, s.active ? 1 : 0, now, now)
  })()
}
