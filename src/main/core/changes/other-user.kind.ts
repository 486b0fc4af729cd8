import { AppError, type Problem } from '../../../shared/ipc/result'
import { isNewId, type DiffEntry } from '../../../shared/domain/change-set'
import { checkPassword } from '../../../shared/domain/password-policy'
import { SYSTEM_LICENCE_MODULES } from '../../../shared/domain/licence-names'
import { findOtherUsers, deleteOtherUser } from '../repos/other-user.repo'
import { insertAssociate, setPasswordHash, updateAssociate } from '../repos/associate.repo'
import type { EntityKind, Values } from './entity-kind'
import { loadUserRules, type UserDeps } from './user-context'
import { userIdProblems } from './user-id-rules'
import { SAVED_PASSWORD } from './associate.kind'
import { OTHER_USER_FIELD_LABELS } from './user-labels'

export const EXPANDER_REASON = 'Other users need the SuperOffice Expander Services system licence, which this site does not hold.'

/** Other users (SPEC §3.6): system and anonymous users; only with Expander Services. */
export function createOtherUserKind(deps: UserDeps): EntityKind {
  return {
    entity: 'otherUser',
    screen: 'users',
    fields: ['userId', 'userType', 'description', 'active', 'passwordHash', 'deleted'],
    defaults: { userId: '', userType: 'system', description: '', active: true, passwordHash: null, deleted: false },

    async loadSaved(db, ids) {
      const rows = await findOtherUsers(db, ids?.map(Number))
      return new Map(
        rows.map((r) => [
          String(r.associate_id),
          { userId: r.user_id, userType: r.user_type, description: r.description, active: r.can_log_in === 1, passwordHash: r.has_password === 1 ? SAVED_PASSWORD : null, deleted: false }
        ])
      )
    },

    label: (values) => String(values.userId ?? '').trim() || '(new user)',

    async prepareStage(db, change) {
      const values = { ...(change.values as Values & { password?: string }) }
      if ('passwordHash' in values) throw new AppError('invalid_input', 'A password is set by sending the password itself; main hashes it.')
      if (typeof values.password === 'string') {
        const check = checkPassword(values.password, await deps.passwordPolicy(db))
        if (!check.ok) throw new AppError('validation_failed', check.message, [{ path: `otherUser:${change.id}.password`, message: check.message }])
        values.passwordHash = await deps.hasher.hash(values.password)
        delete values.password
      }
      return values
    },

    async validate(db, changed) {
      const rules = await loadUserRules(db, deps)
      const problems: Problem[] = []
      const live = changed.filter((r) => !(r.saved === null && r.merged.deleted === true))
      if (live.some((r) => r.merged.deleted !== true) && !rules.systemLicences.has(SYSTEM_LICENCE_MODULES.expanderServices)) {
        problems.push({ path: 'otherUser', message: EXPANDER_REASON })
      }
      problems.push(...(await userIdProblems(db, deps, 'otherUser', live)))
      for (const row of live) {
        if (row.saved && row.changedFields.includes('userType')) {
          problems.push({ path: `otherUser:${row.id}.userType`, message: `The type of ${String(row.saved.userId)} cannot change; add a new user of the other type instead.` })
        }
      }
      return problems
    },

    async apply(trx, rows, clock) {
      const now = clock().toISOString()
      for (const row of rows) {
        const v = row.merged
        if (isNewId(row.id)) {
          if (v.deleted === true) continue
          const userType = v.userType === 'anonymous' ? 'anonymous' : 'system'
          const id = await insertAssociate(trx, { user_id: String(v.userId).trim(), user_type: userType, person_id: null, primary_group_id: null, description: String(v.description ?? ''), can_log_in: v.active === true ? 1 : 0, retired: 0 }, now)
          if (typeof v.passwordHash === 'string') await setPasswordHash(trx, id, v.passwordHash, now)
          continue
        }
        const id = Number(row.id)
        if (v.deleted === true) {
          await deleteOtherUser(trx, id)
          continue
        }
        const has = (f: string): boolean => row.changedFields.includes(f)
        const patch: Parameters<typeof updateAssociate>[2] = {}
        if (has('userId')) patch.user_id = String(v.userId).trim()
        if (has('description')) patch.description = String(v.description ?? '')
        if (has('active')) patch.can_log_in = v.active === true ? 1 : 0
        await updateAssociate(trx, id, patch, now)
        if (has('passwordHash') && v.passwordHash !== SAVED_PASSWORD) await setPasswordHash(trx, id, typeof v.passwordHash === 'string' ? v.passwordHash : null, now)
      }
    },

    async annotate(_db, entries) {
      return entries
        .filter((e) => !(e.action === 'create' && e.fields.some((f) => f.field === 'deleted' && f.new === true)))
        .map((entry): DiffEntry => ({
          ...entry,
          fields: entry.fields
            .filter((f) => !(entry.action === 'create' && f.field === 'deleted'))
            .map((f) =>
              f.field === 'passwordHash'
                ? { field: 'password', label: 'Password', old: f.old === null ? null : 'set', new: f.new === null ? null : 'changed' }
                : { ...f, label: OTHER_USER_FIELD_LABELS[f.field] ?? f.field }
            )
        }))
    }
  }
}
