import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import type { MergedRow, Values } from '../changes/entity-kind'
import { finalOurCompanies, loadSavedAssociates } from '../changes/associate.kind'
import { loadUserRules, type UserDeps, type UserRules } from '../changes/user-context'
import { nameKey } from '../changes/user-group.kind'
import { countAssignmentsByModule, findAllUserIds } from '../repos/associate.repo'

/** An associate a file row may update: as saved, and as the pending set already changes it. */
export interface KnownAssociate {
  id: string
  saved: Values | null
  merged: Values
  /** Staged for deletion on the Users screen: the file may not edit it. */
  removed: boolean
}

/**
 * The site as the import judges it, read once per check: names resolved to ids the way the Users
 * screen's drop-downs offer them, and every user ID (saved and pending) by its case-insensitive key.
 */
export interface ImportContext {
  deps: UserDeps
  rules: UserRules
  /** Our companies after Save (pending additions and removals included): id → name. */
  companies: Map<string, string>
  companiesByName: Map<string, string[]>
  /** Roles and groups that are not deleted, by name key (several when names repeat). */
  rolesByName: Map<string, string[]>
  groupsByName: Map<string, string[]>
  /** Licence module by module-name key and by display-name key (display names may repeat across owners). */
  licencesByName: Map<string, string[]>
  associates: Map<string, KnownAssociate>
  /** User IDs of system and anonymous users (Other users), which no associate may take. */
  otherUserIds: Set<string>
  /** Assignments per licence as saved, and the pending set's rows that change licences (for seat notices). */
  savedSeats: Map<string, number>
  pendingLicenceRows: MergedRow[]
  /** The highest "new:N" the pending set uses, so staged rows get fresh ids. */
  highestNewId: number
}

function addTo(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/** Reads everything a check needs in a handful of queries, whatever the size of the file. */
export async function loadImportContext(db: Kysely<DB>, deps: UserDeps): Promise<ImportContext> {
  const rules = await loadUserRules(db, deps)
  const companies = await finalOurCompanies(db, deps)
  const companiesByName = new Map<string, string[]>()
  for (const [id, name] of companies) addTo(companiesByName, nameKey(name), id)
  const rolesByName = new Map<string, string[]>()
  for (const [id, role] of rules.roles) if (!role.deleted) addTo(rolesByName, nameKey(role.name), id)
  const groupsByName = new Map<string, string[]>()
  for (const [id, group] of rules.groups) if (!group.deleted) addTo(groupsByName, nameKey(group.name), id)
  const licencesByName = new Map<string, string[]>()
  for (const l of rules.catalogue.values()) {
    addTo(licencesByName, nameKey(l.moduleName), l.moduleName)
    if (nameKey(l.displayName) !== nameKey(l.moduleName)) addTo(licencesByName, nameKey(l.displayName), l.moduleName)
  }

  const engine = deps.engine()
  const byId = new Map<string, KnownAssociate>()
  for (const [id, values] of await loadSavedAssociates(db)) byId.set(id, { id, saved: values, merged: values, removed: false })
  const pending = await engine.merged('users', 'associate', false)
  let highestNewId = 0
  for (const row of pending) {
    byId.set(row.id, { id: row.id, saved: row.saved, merged: row.merged, removed: (row.merged.removal ?? null) !== null })
    const n = /^new:(\d+)$/.exec(row.id)
    if (n) highestNewId = Math.max(highestNewId, Number(n[1]))
  }
  const associates = new Map<string, KnownAssociate>()
  for (const known of byId.values()) {
    const key = nameKey(String(known.merged.userId ?? ''))
    if (key !== '') associates.set(key, known)
  }

  // Every associate that is not an employee is an other user; their pending edits are laid over.
  const others = new Map<string, string>()
  for (const r of await findAllUserIds(db)) if (!byId.has(String(r.associate_id))) others.set(String(r.associate_id), r.user_id)
  for (const row of await engine.merged('users', 'otherUser', false)) {
    if (row.merged.deleted === true) others.delete(row.id)
    else others.set(row.id, String(row.merged.userId ?? ''))
  }
  const otherUserIds = new Set([...others.values()].map(nameKey).filter((k) => k !== ''))

  return {
    deps,
    rules,
    companies,
    companiesByName,
    rolesByName,
    groupsByName,
    licencesByName,
    associates,
    otherUserIds,
    savedSeats: await countAssignmentsByModule(db),
    pendingLicenceRows: pending.filter((r) => r.changedFields.includes('licences') || (r.merged.removal ?? null) !== null),
    highestNewId
  }
}
