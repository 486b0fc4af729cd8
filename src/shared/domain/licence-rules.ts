import type { LicenceDates, LicenceEntry, LicenceKind } from './licence'
import { CLIENT_LICENCE_MODULES, LOGIN_LICENCE_MODULE } from './licence-names'

/**
 * The seat, prerequisite and expiry rules of SPEC D6 and A3.3–A3.4 as pure functions: main
 * enforces them, the renderer shows live counters with the same code, so the two never disagree.
 */

/** Someone holding a user licence, as the screens and refusals name them. */
export interface Holder {
  associateId: number
  userId: string
  fullName: string
}

/** Site licences count databases; this app administers exactly one (SPEC §2.2, D12). */
export const SITES_IN_THIS_DATABASE = 1

export interface SeatCount {
  total: number
  /** User licences: assignments; site licences: sites in use; system licences: null (nothing to count). */
  inUse: number | null
  /** total − in use; null when there is no counter (unrestricted or system). */
  free: number | null
  unrestricted: boolean
  /** More user licences assigned than the total allows. */
  overAssigned: boolean
}

/** Total / in use / free of one licence (SPEC D6); `assignments` matters only for user licences. */
export function seatCount(licence: { kind: LicenceKind; total: number; unrestricted: boolean }, assignments: number): SeatCount {
  const inUse = licence.kind === 'user' ? assignments : licence.kind === 'site' ? SITES_IN_THIS_DATABASE : null
  const counted = inUse !== null && !licence.unrestricted
  return {
    total: licence.total,
    inUse,
    free: counted ? licence.total - inUse : null,
    unrestricted: licence.unrestricted,
    overAssigned: licence.kind === 'user' && !licence.unrestricted && assignments > licence.total
  }
}

export interface OverAssignment {
  moduleName: string
  displayName: string
  total: number
  inUse: number
  /** How many assignments must go before the set is acceptable. */
  excess: number
  holders: Holder[]
}

/**
 * Restricted user licences with more holders than their total: what refuses a Save or an
 * activation "as a whole, naming the licence, the numbers and the users" (SPEC D6, A3.3).
 */
export function findOverAssignments(
  licences: readonly Pick<LicenceEntry, 'moduleName' | 'displayName' | 'kind' | 'total' | 'unrestricted'>[],
  holdersByModule: ReadonlyMap<string, readonly Holder[]>
): OverAssignment[] {
  const over: OverAssignment[] = []
  for (const licence of licences) {
    const holders = holdersByModule.get(licence.moduleName) ?? []
    if (!seatCount(licence, holders.length).overAssigned) continue
    over.push({
      moduleName: licence.moduleName,
      displayName: licence.displayName,
      total: licence.total,
      inUse: holders.length,
      excess: holders.length - licence.total,
      holders: [...holders]
    })
  }
  return over
}

/** One sentence per over-assigned licence, for refusals in main and the CLI. */
export function describeOverAssignment(over: OverAssignment): string {
  const names = over.holders.map((h) => (h.fullName ? `${h.userId} (${h.fullName})` : h.userId)).join(', ')
  return `${over.displayName} (${over.moduleName}): ${over.inUse} in use but only ${over.total} licensed; remove ${over.excess} of: ${names}.`
}

export type CatalogueProblemCode = 'duplicate' | 'unknown-prerequisite' | 'prerequisite-cycle' | 'taken-by-other-owner'

export interface CatalogueProblem {
  code: CatalogueProblemCode
  moduleName: string
  message: string
}

/**
 * Checks a licence set as a whole: module names unique, every prerequisite known (in this set or
 * held from another owner), no prerequisite cycles, no module already licensed by another owner.
 */
export function validateLicenceCatalogue(
  licences: readonly Pick<LicenceEntry, 'moduleName' | 'prerequisite'>[],
  otherOwners: ReadonlyMap<string, { ownerName: string; prerequisite: string | null }> = new Map()
): CatalogueProblem[] {
  const problems: CatalogueProblem[] = []
  const seen = new Set<string>()
  for (const { moduleName } of licences) {
    if (seen.has(moduleName)) problems.push({ code: 'duplicate', moduleName, message: `The licence "${moduleName}" appears more than once.` })
    seen.add(moduleName)
    const other = otherOwners.get(moduleName)
    if (other) {
      problems.push({ code: 'taken-by-other-owner', moduleName, message: `The licence "${moduleName}" is already issued by ${other.ownerName}; one module has one owner.` })
    }
  }
  const prerequisiteOf = new Map<string, string | null>()
  for (const [moduleName, other] of otherOwners) prerequisiteOf.set(moduleName, other.prerequisite)
  for (const { moduleName, prerequisite } of licences) prerequisiteOf.set(moduleName, prerequisite)

  for (const { moduleName, prerequisite } of licences) {
    if (prerequisite !== null && !prerequisiteOf.has(prerequisite)) {
      problems.push({ code: 'unknown-prerequisite', moduleName, message: `The licence "${moduleName}" needs "${prerequisite}", which neither this file nor another owner provides.` })
    }
  }
  const reported = new Set<string>()
  for (const { moduleName } of licences) {
    const cycle = prerequisiteCycleFrom(moduleName, prerequisiteOf)
    if (!cycle || cycle.some((m) => reported.has(m))) continue
    cycle.forEach((m) => reported.add(m))
    problems.push({ code: 'prerequisite-cycle', moduleName, message: `The prerequisites go round in a circle: ${[...cycle, cycle[0]].join(' → ')}.` })
  }
  return problems
}

/** The cycle reached by following prerequisites from `start`, or null when the chain ends. */
function prerequisiteCycleFrom(start: string, prerequisiteOf: ReadonlyMap<string, string | null>): string[] | null {
  const path: string[] = []
  let current: string | null | undefined = start
  while (current) {
    const index = path.indexOf(current)
    if (index >= 0) return path.slice(index)
    path.push(current)
    current = prerequisiteOf.get(current)
  }
  return null
}

/** Held licences whose prerequisite is not held as well (ticking a child without its parent, D6). */
export function missingPrerequisites(
  held: ReadonlySet<string>,
  prerequisiteOf: ReadonlyMap<string, string | null>
): Array<{ moduleName: string; prerequisite: string }> {
  const missing: Array<{ moduleName: string; prerequisite: string }> = []
  for (const moduleName of held) {
    const prerequisite = prerequisiteOf.get(moduleName) ?? null
    if (prerequisite !== null && !held.has(prerequisite)) missing.push({ moduleName, prerequisite })
  }
  return missing
}

/** Everything that must be unticked with `moduleName`: its children, their children, … (SPEC §2.4). */
export function dependantsOf(moduleName: string, prerequisiteOf: ReadonlyMap<string, string | null>): string[] {
  const result: string[] = []
  const queue = [moduleName]
  while (queue.length > 0) {
    const parent = queue.shift() as string
    for (const [child, prerequisite] of prerequisiteOf) {
      if (prerequisite === parent && !result.includes(child) && child !== moduleName) {
        result.push(child)
        queue.push(child)
      }
    }
  }
  return result
}

export const EXPIRY_STATES = ['ok', 'warn90', 'warn30', 'warn7', 'grace', 'expired'] as const
export type ExpiryState = (typeof EXPIRY_STATES)[number]

export interface Expiry {
  state: ExpiryState
  /** The date the state counts towards: expiry while valid, the grace date during grace. */
  until: string | null
  /** Whole days from `today` to `until` (0 on the day itself); null when there is no end. */
  daysLeft: number | null
}

/** Whole days from one YYYY-MM-DD date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/** YYYY-MM-DD of an instant in UTC: the app's "today" for licence dates, whatever the time zone. */
export function isoDay(instant: Date): string {
  return instant.toISOString().slice(0, 10)
}

export function addDays(day: string, days: number): string {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000))
}

/**
 * Where an owner stands on `today` (SPEC A3.4): banners 90, 30 and 7 days before the expiry date
 * (or, once expired, the grace date); `grace` after expiry until the grace date; `expired` after
 * that (or after the expiry date when there is no grace). Dates are inclusive: valid all that day.
 */
export function expiryOf(dates: Pick<LicenceDates, 'expiresOn' | 'graceUntil'>, today: string): Expiry {
  const { expiresOn, graceUntil } = dates
  if (!expiresOn) return { state: 'ok', until: null, daysLeft: null }
  const stop = graceUntil && graceUntil > expiresOn ? graceUntil : expiresOn
  if (today > stop) return { state: 'expired', until: stop, daysLeft: daysBetween(today, stop) }
  if (today > expiresOn) return { state: 'grace', until: stop, daysLeft: daysBetween(today, stop) }
  const daysLeft = daysBetween(today, expiresOn)
  const state: ExpiryState = daysLeft <= 7 ? 'warn7' : daysLeft <= 30 ? 'warn30' : daysLeft <= 90 ? 'warn90' : 'ok'
  return { state, until: expiresOn, daysLeft }
}

/** After expiry (grace included) an owner's licences cannot be newly assigned. */
export function mayAssignNew(expiry: Expiry): boolean {
  return expiry.state !== 'grace' && expiry.state !== 'expired'
}

/** Whether an owner's licences still grant anything: until the end of the grace period. */
export function stillGrants(expiry: Expiry): boolean {
  return expiry.state !== 'expired'
}

/** One licence a user holds, with whether its owner still grants it on the day asked about. */
export interface HeldLicence {
  moduleName: string
  ownerName: string
  grants: boolean
  /** The owner's last granting day, when it has one. */
  until: string | null
}

export type LoginReason =
  | { code: 'no-login-licence' }
  | { code: 'login-licence-ended'; ownerName: string; until: string | null }
  | { code: 'no-client-licence' }
  | { code: 'client-licences-ended'; ended: Array<{ moduleName: string; ownerName: string; until: string | null }> }

/**
 * The CRM login rule (SPEC §2.3): the `user` licence plus a client licence (web or windows), each
 * from an owner that still grants it. Returns why not, so "who loses access" can explain itself.
 */
export function explainLogin(held: readonly HeldLicence[]): { canLogIn: boolean; reasons: LoginReason[] } {
  const reasons: LoginReason[] = []
  const login = held.find((h) => h.moduleName === LOGIN_LICENCE_MODULE)
  if (!login) reasons.push({ code: 'no-login-licence' })
  else if (!login.grants) reasons.push({ code: 'login-licence-ended', ownerName: login.ownerName, until: login.until })
  const clients = held.filter((h) => (CLIENT_LICENCE_MODULES as readonly string[]).includes(h.moduleName))
  if (clients.length === 0) reasons.push({ code: 'no-client-licence' })
  else if (!clients.some((c) => c.grants)) {
    reasons.push({ code: 'client-licences-ended', ended: clients.map((c) => ({ moduleName: c.moduleName, ownerName: c.ownerName, until: c.until })) })
  }
  return { canLogIn: reasons.length === 0, reasons }
}
