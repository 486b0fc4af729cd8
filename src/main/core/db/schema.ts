import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

/** Kysely's view of the site database; mirrors migrations/*.sql (a unit test compares the two). */
export interface SiteMetaTable {
  key: string
  value: string
}

export interface CompanyTable {
  company_id: Generated<number>
  name: string
  department: Generated<string>
  city: Generated<string>
  created_at: string
  updated_at: string
}

export interface SiteIdentityTable {
  site_identity_id: number
  serial_number: Generated<string>
  licensee_name: Generated<string>
  owner_company_id: number | null
  database_company_id: number | null
}

export interface OurCompanyTable {
  company_id: number
  remark: Generated<string>
}

export interface PersonTable {
  person_id: Generated<number>
  company_id: number
  first_name: Generated<string>
  middle_name: Generated<string>
  last_name: Generated<string>
  title: Generated<string>
  email: Generated<string>
  phone: Generated<string>
  retired: Generated<number>
  created_at: string
  updated_at: string
}

export interface UserGroupTable {
  user_group_id: Generated<number>
  name: string
  tooltip: Generated<string>
  rank: Generated<number>
  deleted: Generated<number>
  group_type: Generated<'department'>
  created_at: string
  updated_at: string
}

export type UserType = 'employee' | 'resource' | 'external' | 'anonymous' | 'system'

export interface AssociateTable {
  associate_id: Generated<number>
  user_id: string
  user_type: UserType
  person_id: number | null
  primary_group_id: number | null
  description: Generated<string>
  can_log_in: Generated<number>
  retired: Generated<number>
  rank: Generated<number>
  last_login_at: string | null
  last_logout_at: string | null
  created_at: string
  updated_at: string
}

export interface UserGroupLinkTable {
  associate_id: number
  user_group_id: number
}

export interface AssociateHistoryTable {
  associate_history_id: Generated<number>
  associate_id: number
  user_id: string
  first_name: Generated<string>
  middle_name: Generated<string>
  last_name: Generated<string>
  user_type: string
  primary_group_id: number | null
  person_id: number | null
  company_id: number | null
  deleted_at: string
}

export type RoleType = 'employee' | 'external' | 'anonymous' | 'system'

export interface RoleTable {
  role_id: Generated<number>
  name: string
  description: Generated<string>
  rank: Generated<number>
  role_type: RoleType
  deleted: Generated<number>
  created_at: string
  updated_at: string
}

export interface DataRightTable {
  role_id: number
  data_object: string
  owner_relation: string
  level: 'none' | 'read' | 'create' | 'update' | 'delete'
}

export interface FunctionalRightTable {
  functional_right_id: string
  display_name: string
  description: Generated<string>
  required_licence: string | null
  applies_to: Generated<'employee' | 'external'>
  built_in: Generated<number>
}

export interface RoleFunctionalRightTable {
  role_id: number
  functional_right_id: string
}

export interface UserRoleTable {
  associate_id: number
  role_id: number
}

export interface LicenceOwnerTable {
  licence_owner_id: Generated<number>
  owner_name: string
  description: Generated<string>
  shop_url: Generated<string>
  licensee_name: Generated<string>
  serial_number: Generated<string>
  expires_on: string | null
  grace_until: string | null
  maintenance_until: string | null
  admin_warning_on: string | null
  is_demo: Generated<number>
  licence_file: string
  activated_at: string
  activated_by: Generated<string>
  sort_order: Generated<number>
}

export interface LicenceTable {
  licence_id: Generated<number>
  licence_owner_id: number
  module_name: string
  display_name: string
  tooltip: Generated<string>
  kind: 'system' | 'site' | 'user'
  total: number
  unrestricted: Generated<number>
  prerequisite_module: string | null
  allowed_user_types: Generated<string>
  hidden: Generated<number>
  sort_order: Generated<number>
}

export interface LicenceAssignmentTable {
  licence_id: number
  associate_id: number
  assigned_at: string
}

export interface CredentialTable {
  associate_id: number
  credential_type: Generated<'password'>
  secret_hash: string
  failed_attempts: Generated<number>
  locked_until: string | null
  updated_at: string
}

export interface PendingChangeTable {
  screen: string
  seq: number
  change: string
  undone: Generated<number>
  staged_at: string
}

export interface AuditEntryTable {
  audit_entry_id: Generated<number>
  occurred_at: string
  actor: string
  screen: string
  action: string
  summary: string
  changes: string
  prev_hash: string
  row_hash: string
}

/**
 * One row per employee with the Users list's filter and sort values (migration 0003), kept in
 * step by triggers: never written by the app, only read by the list.
 */
export interface AssociateListTable {
  associate_id: number
  user_id: string
  first_name: Generated<string>
  middle_name: Generated<string>
  last_name: Generated<string>
  group_name: Generated<string>
  role_name: Generated<string>
  primary_group_id: number | null
  role_id: number | null
  role_type: string | null
  role_deleted: number | null
  company_id: number | null
  company_name: Generated<string>
  /** ",user,web," or '' */
  licences: Generated<string>
  can_log_in: number
  retired: number
}

/** Grows with every change to associate_list (triggers): a cached count is valid while it stands. */
export interface AssociateListStateTable {
  associate_list_state_id: number
  generation: number
}

export interface DB {
  site_meta: SiteMetaTable
  company: CompanyTable
  site_identity: SiteIdentityTable
  our_company: OurCompanyTable
  person: PersonTable
  user_group: UserGroupTable
  associate: AssociateTable
  user_group_link: UserGroupLinkTable
  associate_history: AssociateHistoryTable
  role: RoleTable
  data_right: DataRightTable
  functional_right: FunctionalRightTable
  role_functional_right: RoleFunctionalRightTable
  user_role: UserRoleTable
  licence_owner: LicenceOwnerTable
  licence: LicenceTable
  licence_assignment: LicenceAssignmentTable
  credential: CredentialTable
  pending_change: PendingChangeTable
  audit_entry: AuditEntryTable
  associate_list: AssociateListTable
  associate_list_state: AssociateListStateTable
}

export type UserGroup = Selectable<UserGroupTable>
export type NewUserGroup = Insertable<UserGroupTable>
export type UserGroupUpdate = Updateable<UserGroupTable>
