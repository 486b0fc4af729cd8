import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import type { ChangeSetEngine } from '../changes/change-set.engine'
import type { Values } from '../changes/entity-kind'
import { decodeList } from '../../../shared/domain/user'
import { nameKey } from '../changes/user-group.kind'
import { PASSWORD_POLICY_ROW_ID } from '../../../shared/domain/preferences'
import { DATA_OBJECTS, FUNCTIONAL_RIGHTS_BY_TYPE, OWNER_RELATIONS, dataRightField, functionalRightField, type RoleType } from '../../../shared/domain/role'
import {
  PROVISIONING_FORMAT_VERSION,
  type ProvisioningFile,
  provisioningFileSchema
} from '../../../shared/domain/provisioning'
import { findOwnerCompanyIds } from '../repos/company.repo'

export interface ExportOptions {
  /** Include password hashes (moving users to another site); off by default. */
  includeSecrets: boolean
}

const byName = <T extends { name: string }>(a: T, b: T): number => nameKey(a.name).localeCompare(nameKey(b.name), 'en') || a.name.localeCompare(b.name, 'en')
const str = (v: unknown): string => (typeof v === 'string' ? v : '')
/** Optional text fields are written only when set, so files stay short and diff well. */
const optional = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)

/**
 * The site's configuration as a provisioning file (`smadmin export`): the same rows apply reads,
 * named instead of numbered and sorted by name, so two exports diff line by line and exporting,
 * applying to an empty site and exporting again gives the same file. Read through the kinds, so
 * export sees exactly what the screens see (saved state only; pending changes are not exported).
 */
export async function exportSite(db: Kysely<DB>, engine: ChangeSetEngine, options: ExportOptions): Promise<ProvisioningFile> {
  const companies = await engine.savedIn(db, 'ourCompany')
  const groups = await engine.savedIn(db, 'userGroup')
  const roles = await engine.savedIn(db, 'role')
  const associates = await engine.savedIn(db, 'associate')
  const otherUsers = await engine.savedIn(db, 'otherUser')
  const policy = (await engine.savedIn(db, 'passwordPolicy')).get(PASSWORD_POLICY_ROW_ID)
  const hashes = options.includeSecrets ? await passwordHashes(db) : new Map<string, string>()

  const { owner } = await findOwnerCompanyIds(db)
  const companyName = (id: unknown): string | undefined => (typeof id === 'string' ? str(companies.get(id)?.name) : undefined)
  const groupName = (id: string): string => str(groups.get(id)?.name)
  const roleName = (id: unknown): string | null => (typeof id === 'string' ? str(roles.get(id)?.name) : null)

  const ownerRow = owner === null ? undefined : companies.get(String(owner))
  const file: ProvisioningFile = {
    formatVersion: PROVISIONING_FORMAT_VERSION,
    ownerCompany: ownerRow ? companyOf(ownerRow) : undefined,
    ourCompanies: [...companies.entries()]
      .filter(([id, c]) => c.member === true && id !== String(owner))
      .map(([, c]) => companyOf(c))
      .sort(byName),
    userGroups: [...groups.values()]
      .filter((g) => g.deleted !== true)
      .map((g) => ({ name: str(g.name), tooltip: optional(g.tooltip), rank: Number(g.rank) }))
      .sort(byName),
    roles: [...roles.values()].map(roleOf).sort(byName),
    passwordPolicy: policy ? policyOf(policy) : undefined,
    licences: (await licenceDocuments(db)).map((document) => ({ document })),
    associates: [...associates.entries()]
      .map(([id, a]) => ({
        userId: str(a.userId),
        firstName: optional(a.firstName),
        middleName: optional(a.middleName),
        lastName: optional(a.lastName),
        email: optional(a.email),
        phone: optional(a.phone),
        company: companyName(a.companyId),
        role: roleName(a.roleId),
        primaryGroup: typeof a.primaryGroupId === 'string' ? groupName(a.primaryGroupId) : null,
        otherGroups: decodeList(a.otherGroupIds).map(groupName).sort((x, y) => nameKey(x).localeCompare(nameKey(y), 'en')),
        licences: decodeList(a.licences),
        canLogIn: a.canLogIn === true,
        retired: a.retired === true,
        passwordHash: hashes.get(id)
      }))
      .sort((x, y) => x.userId.localeCompare(y.userId, 'en')),
    otherUsers: [...otherUsers.entries()]
      .map(([id, u]) => ({
        userId: str(u.userId),
        type: u.userType === 'anonymous' ? ('anonymous' as const) : ('system' as const),
        description: optional(u.description),
        active: u.active === true,
        passwordHash: hashes.get(id)
      }))
      .sort((x, y) => x.userId.localeCompare(y.userId, 'en'))
  }
  // What export writes, apply must read: parse it back so a drift between the two fails here.
  return dropUndefined(provisioningFileSchema.parse(file))
}

function companyOf(c: Values): { name: string; department?: string; city?: string } {
  return { name: str(c.name), department: optional(c.department), city: optional(c.city) }
}

function roleOf(r: Values): NonNullable<ProvisioningFile['roles']>[number] {
  const type = r.roleType as RoleType
  const dataRights: Record<string, Record<string, string>> = {}
  for (const object of DATA_OBJECTS) {
    for (const relation of OWNER_RELATIONS[type]) {
      const level = r[dataRightField(object, relation)]
      if (typeof level === 'string') (dataRights[object] ??= {})[relation] = level
    }
  }
  return {
    name: str(r.name),
    description: optional(r.description),
    rank: Number(r.rank),
    roleType: type,
    dataRights: dataRights as never,
    functionalRights: FUNCTIONAL_RIGHTS_BY_TYPE[type].filter((id) => r[functionalRightField(id)] === true)
  }
}

function policyOf(p: Values): NonNullable<ProvisioningFile['passwordPolicy']> {
  return {
    MinTotal: Number(p.MinTotal),
    MinNum: Number(p.MinNum),
    MinLC: Number(p.MinLC),
    MinUC: Number(p.MinUC),
    MinSpec: Number(p.MinSpec),
    Msg: str(p.Msg),
    lockoutAttempts: Number(p.lockoutAttempts),
    lockoutMinutes: Number(p.lockoutMinutes)
  }
}

/** The stored licence files, verbatim (they are signed: a copy activates on another site as is). */
async function licenceDocuments(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom('licence_owner').select('licence_file').orderBy('sort_order').orderBy('owner_name').execute()
  return rows.map((r) => r.licence_file)
}

async function passwordHashes(db: Kysely<DB>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('credential').select(['associate_id', 'secret_hash']).where('credential_type', '=', 'password').execute()
  return new Map(rows.map((r) => [String(r.associate_id), r.secret_hash]))
}

/** JSON.stringify drops undefined anyway; dropping it here makes deep equality in tests exact. */
function dropUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}
