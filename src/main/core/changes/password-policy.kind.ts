import type { Problem } from '../../../shared/ipc/result'
import type { FieldChange } from '../../../shared/domain/change-set'
import { PASSWORD_POLICY_ROW_ID, policyToValues } from '../../../shared/domain/preferences'
import { readSitePolicy, writeSitePolicy } from '../repos/site-policy.repo'
import type { EntityKind, Values } from './entity-kind'

const FIELDS = ['MinTotal', 'MinNum', 'MinLC', 'MinUC', 'MinSpec', 'Msg', 'lockoutAttempts', 'lockoutMinutes'] as const

const LABELS: Record<(typeof FIELDS)[number], string> = {
  MinTotal: 'Minimum length',
  MinNum: 'Minimum digits',
  MinLC: 'Minimum lower-case letters',
  MinUC: 'Minimum upper-case letters',
  MinSpec: 'Minimum special characters',
  Msg: 'Custom message',
  lockoutAttempts: 'Wrong passwords before lock-out',
  lockoutMinutes: 'Lock-out minutes'
}

/**
 * Preferences → Password policy: one row (the site) stored in site_meta. A policy whose parts ask
 * for more characters than its minimum length is refused: nobody could meet its message.
 */
export const passwordPolicyKind: EntityKind = {
  entity: 'passwordPolicy',
  screen: 'preferences',
  fields: FIELDS,
  defaults: {},

  async loadSaved(db, ids) {
    if (ids && !ids.includes(PASSWORD_POLICY_ROW_ID)) return new Map()
    const policy = await readSitePolicy(db)
    return new Map([[PASSWORD_POLICY_ROW_ID, policyToValues(policy) as Values]])
  },

  label: () => 'Password policy',

  async validate(_db, rows) {
    const problems: Problem[] = []
    for (const row of rows) {
      const v = row.merged
      const parts = ['MinNum', 'MinLC', 'MinUC', 'MinSpec'].reduce((sum, f) => sum + Number(v[f] ?? 0), 0)
      if (parts > Number(v.MinTotal ?? 0)) {
        problems.push({ path: 'passwordPolicy:1.MinTotal', message: `The minimum length (${String(v.MinTotal)}) is shorter than the digits, letters and special characters it asks for (${parts}); raise it to at least ${parts}.` })
      }
      if (Number(v.MinTotal ?? 0) < 1) problems.push({ path: 'passwordPolicy:1.MinTotal', message: 'A password needs at least one character.' })
    }
    return problems
  },

  async apply(trx, rows) {
    for (const row of rows) {
      const values = Object.fromEntries(FIELDS.map((f) => [f, row.merged[f]]))
      await writeSitePolicy(trx, values)
    }
  },

  async annotate(_db, entries) {
    return entries.map((entry) => ({ ...entry, fields: entry.fields.map((f: FieldChange) => ({ ...f, label: LABELS[f.field as keyof typeof LABELS] ?? f.field })) }))
  }
}
