import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import { decodeList, fullNameOf } from '../../../shared/domain/user'
import type { MergedRow } from '../changes/entity-kind'
import { mergedOnce, readOncePerSnapshot, type UserDeps } from '../changes/user-context'
import {
  countListedAssociates,
  countSavedMembers,
  countSavedMembersAmong,
  findMemberPage,
  findOtherTypeMembers,
  sortMemberRows,
  type MemberRow,
  type MemberSource
} from '../repos/user-members.repo'

/**
 * Who holds a licence (Users → User licences) and who is in a group (Users → User groups), with
 * the Users screen's pending changes, one page at a time (issue 8). Paged in SQL by user ID
 * (NOCASE, then associate id: the Users list's user ID order; before, the Unicode collator's);
 * see user-members.repo.ts.
 */

const str = (v: unknown): string => (typeof v === 'string' ? v : '')
const fullName = (r: Pick<MemberRow, 'firstName' | 'middleName' | 'lastName'>): string => fullNameOf(r.firstName, r.middleName, r.lastName)

interface ListContext {
  total: number
  /** Saved ids the pending set touches: their saved rows never show, their merged ones may. */
  excluded: number[]
  /** Pending rows on the list (and saved ones of other user types), in page order. */
  overlay: MemberRow[]
  /** Saved employees on the list, and in all: whether a page walks the user ID index. */
  saved: number
  all: number
}

/** Whether a pending row is on the list, and as what. */
function membershipOf(source: MemberSource, r: MergedRow): MemberRow['membership'] | false {
  if ((r.merged.removal ?? null) !== null) return false
  if (source.kind === 'licence') return decodeList(r.merged.licences).includes(source.moduleName) ? null : false
  if (str(r.merged.primaryGroupId) === source.groupId) return 'primary'
  return decodeList(r.merged.otherGroupIds).includes(source.groupId) ? 'other' : false
}

/**
 * What every page of one list shares, read once per database version (readOncePerSnapshot): the
 * pending rows on it, filtered and sorted once however large the pending set, and the counts.
 */
function listContext(db: Kysely<DB>, deps: Pick<UserDeps, 'engine'>, source: MemberSource): Promise<ListContext> {
  return readOncePerSnapshot(db, `users:members:${JSON.stringify(source)}`, async () => {
    const touched = await mergedOnce(db, deps, 'associate')
    let newIndex = 0
    const pending: MemberRow[] = []
    for (const r of touched) {
      // New rows numbered in the pending set's order, as the Users list's overlay numbers them.
      const tie = r.saved ? Number(r.id) : 1e12 + ++newIndex
      const membership = membershipOf(source, r)
      if (membership === false) continue
      const v = r.merged
      pending.push({ id: r.id, tie, userId: str(v.userId), firstName: str(v.firstName), middleName: str(v.middleName), lastName: str(v.lastName), membership })
    }
    const excluded = touched.filter((r) => r.saved !== null).map((r) => Number(r.id))
    const overlay = await sortMemberRows(db, [...pending, ...(await findOtherTypeMembers(db, source))])
    const saved = await countSavedMembers(db, source)
    const total = saved - (await countSavedMembersAmong(db, source, excluded)) + overlay.length
    return { total, excluded, overlay, saved, all: await countListedAssociates(db) }
  })
}

async function pageOf(db: Kysely<DB>, deps: Pick<UserDeps, 'engine'>, source: MemberSource, offset: number, limit: number): Promise<{ total: number; rows: MemberRow[] }> {
  const c = await listContext(db, deps, source)
  if (offset >= c.total) return { total: c.total, rows: [] }
  // Walking the index reads about (offset + limit) × all / saved entries; fetching reads the saved
  // matches and sorts them (the Users list weighs its company filter the same way). A group's
  // walk also probes the other-group links at each entry: about twice the cost (measured at 100k).
  const perEntry = source.kind === 'group' ? 2 : 1
  const walk = perEntry * (offset + limit) * (c.all / Math.max(1, c.saved)) < c.saved
  const rows = await findMemberPage(db, source, { offset, limit, excluded: c.excluded, overlay: c.overlay, walk })
  return { total: c.total, rows }
}

/** Who holds one licence with the pending set, one page in user ID order. */
export async function licenceHolders(db: Kysely<DB>, deps: Pick<UserDeps, 'engine'>, moduleName: string, offset: number, limit: number) {
  const page = await pageOf(db, deps, { kind: 'licence', moduleName }, offset, limit)
  return { moduleName, total: page.total, holders: page.rows.map((r) => ({ id: r.id, userId: r.userId, fullName: fullName(r) })) }
}

/** Members of one group (primary and other) with the pending set, one page in user ID order. */
export async function groupMembers(db: Kysely<DB>, deps: Pick<UserDeps, 'engine'>, groupId: string, offset: number, limit: number) {
  const page = await pageOf(db, deps, { kind: 'group', groupId }, offset, limit)
  return {
    groupId,
    total: page.total,
    members: page.rows.map((r) => ({ id: r.id, userId: r.userId, fullName: fullName(r), membership: r.membership ?? ('other' as const) }))
  }
}
