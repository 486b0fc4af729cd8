import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import type { Problem } from '../../../shared/ipc/result'
import { functionalRightField } from '../../../shared/domain/role'
import { findHoldersOfRight, findRolesWithRight } from '../repos/associate.repo'
import type { MergedRow, Values } from './entity-kind'

const ADMIN_ALL = functionalRightField('admin-all')

/**
 * Roles side of "never remove the last General administrator" (SPEC D7): revoking admin-all from
 * a role, or deleting a role whose users move to one without it, is refused when no user who can
 * log in would keep admin-all. (The Users side lives in associate.kind.)
 */
export async function lastAdministratorRoleProblems(db: Kysely<DB>, changed: readonly MergedRow[]): Promise<Problem[]> {
  if ((await findHoldersOfRight(db, 'admin-all')).length === 0) return [] // a site being set up has nobody to protect yet
  const grantingToday = await findRolesWithRight(db, 'admin-all')
  const byId = new Map(changed.map((r) => [r.id, r]))
  const grantsAfter = (roleId: string): boolean => {
    const row = byId.get(roleId)
    if (!row) return grantingToday.has(Number(roleId))
    return !isDeleted(row.merged) && row.merged[ADMIN_ALL] === true
  }
  // Everyone who can log in counts: a role may gain admin-all in the same set that another loses it.
  const loginRoles = await db
    .selectFrom('associate as a')
    .innerJoin('user_role as ur', 'ur.associate_id', 'a.associate_id')
    .select('ur.role_id')
    .distinct()
    .where('a.user_type', '=', 'employee')
    .where('a.can_log_in', '=', 1)
    .where('a.retired', '=', 0)
    .execute()
  const keeps = loginRoles.some(({ role_id }) => {
    const roleId = String(role_id)
    const row = byId.get(roleId)
    if (row && isDeleted(row.merged)) {
      const target = typeof row.merged.reassignTo === 'string' ? row.merged.reassignTo : null
      return target !== null && grantsAfter(target)
    }
    return grantsAfter(roleId)
  })
  if (keeps) return []
  return changed
    .filter((r) => r.saved !== null && r.saved[ADMIN_ALL] === true && !grantsAfter(r.id))
    .map((r) => ({
      path: `role:${r.id}.${isDeleted(r.merged) ? 'deleted' : ADMIN_ALL}`,
      message: `"${String(r.saved?.name ?? r.id)}" is the last role giving General administrator (admin-all) to a user who can log in; keep admin-all on it, or give it to another user's role first.`
    }))
}

const isDeleted = (values: Values): boolean => values.deleted === true
