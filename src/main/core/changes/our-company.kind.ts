import type { Problem } from '../../../shared/ipc/result'
import { isNewId, type DiffEntry } from '../../../shared/domain/change-set'
import { countAssociatesByCompany, findCompanies, findOwnerCompanyIds, insertCompany, setOurCompany } from '../repos/company.repo'
import type { EntityKind } from './entity-kind'
import type { CreatedIds, UserDeps } from './user-context'
import { OUR_COMPANY_FIELD_LABELS } from './user-labels'

/**
 * Our companies (SPEC §3.7). A saved row is any CRM company (id = company id); `member` says
 * whether it is one of ours. New rows create a company for offline set-up. Companies themselves
 * are maintained in the CRM, so a saved company's name, department and city are not edited here.
 */
export function createOurCompanyKind(deps: UserDeps, created: CreatedIds): EntityKind {
  return {
    entity: 'ourCompany',
    screen: 'users',
    fields: ['name', 'department', 'city', 'member'],
    defaults: { name: '', department: '', city: '', member: true },

    async loadSaved(db, ids) {
      const rows = await findCompanies(db, ids?.map(Number))
      return new Map(rows.map((c) => [String(c.company_id), { name: c.name, department: c.department, city: c.city, member: c.member === 1 }]))
    },

    label: (values) => [values.name, values.department].map((v) => String(v ?? '').trim()).filter(Boolean).join(', ') || '(new company)',

    async validate(db, changed) {
      const problems: Problem[] = []
      const counts = await countAssociatesByCompany(db)
      // Associates moving in or out with the same Save count as they will be afterwards.
      for (const row of await deps.engine().mergedIn(db, 'users', 'associate', false)) {
        const removed = (row.merged.removal ?? null) !== null
        const from = row.saved ? Number(row.saved.companyId) : null
        if (from !== null) counts.set(from, (counts.get(from) ?? 0) - 1)
        if (!removed && typeof row.merged.companyId === 'string' && !isNewId(row.merged.companyId)) {
          const to = Number(row.merged.companyId)
          counts.set(to, (counts.get(to) ?? 0) + 1)
        }
      }
      const owners = await findOwnerCompanyIds(db)
      for (const row of changed) {
        const at = (f: string): string => `ourCompany:${row.id}.${f}`
        const name = String(row.merged.name ?? '').trim()
        if (row.saved === null) {
          if (row.merged.member !== true) continue
          if (name === '') problems.push({ path: at('name'), message: 'A new company needs a name.' })
          continue
        }
        for (const f of ['name', 'department', 'city']) {
          if (row.changedFields.includes(f)) problems.push({ path: at(f), message: `${row.saved.name} is a CRM company: change its ${f} in the CRM, not here.` })
        }
        if (row.merged.member === false && row.saved.member === true) {
          const id = Number(row.id)
          if (id === owners.database || id === owners.owner) {
            problems.push({ path: at('member'), message: `${name} owns this database and cannot be removed from Our companies.` })
          }
          const users = counts.get(id) ?? 0
          if (users > 0) problems.push({ path: at('member'), message: `${name} still has ${users} ${users === 1 ? 'associate' : 'associates'}; move or remove them before removing the company from Our companies.` })
        }
      }
      return problems
    },

    async apply(trx, rows, clock) {
      const now = clock().toISOString()
      for (const row of rows) {
        const v = row.merged
        if (row.saved === null) {
          if (v.member !== true) continue
          const id = await insertCompany(trx, { name: String(v.name).trim(), department: String(v.department ?? '').trim(), city: String(v.city ?? '').trim() }, now)
          created.set(`ourCompany:${row.id}`, id)
          await setOurCompany(trx, id, true)
        } else if (row.changedFields.includes('member')) {
          await setOurCompany(trx, Number(row.id), v.member === true)
        }
      }
    },

    async annotate(_db, entries) {
      return entries
        .filter((e) => !(e.action === 'create' && e.fields.some((f) => f.field === 'member' && f.new === false)))
        .map((entry): DiffEntry => ({
          ...entry,
          fields: entry.fields
            .filter((f) => !(entry.action === 'create' && (f.field === 'member' || f.new === '')))
            .map((f) => ({ ...f, label: OUR_COMPANY_FIELD_LABELS[f.field] ?? f.field }))
        }))
    }
  }
}
