import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { openSite } from '../../../src/main/core/db/open-site'
import { LATEST_SCHEMA_VERSION, MIGRATIONS, migrationsFromFiles, type Migration } from '../../../src/main/core/db/migrations'
import { SITE_APPLICATION_ID } from '../../../src/main/core/db/migrate'
import type { SelectType } from 'kysely'
import type { DB } from '../../../src/main/core/db/schema'
import { AppError } from '../../../src/shared/ipc/result'
import { dumpSiteFile, fixedClock, makeTempDir } from '../support/site-fixture'

type ColumnKind = 'text' | 'integer'
interface ColumnSpec {
  type: ColumnKind
  nullable: boolean
}

const T = { type: 'text', nullable: false } as const
const TN = { type: 'text', nullable: true } as const
const I = { type: 'integer', nullable: false } as const
const IN = { type: 'integer', nullable: true } as const

/**
 * The columns schema.ts declares, kept by hand. The type checks below make tsc fail when this
 * list and the `DB` interface disagree (a missing or extra table or column, a wrong type or
 * nullability); the runtime test then holds the SQL to the same list.
 */
const EXPECTED_SCHEMA = {
  site_meta: { key: T, value: T },
  company: { company_id: I, name: T, department: T, city: T, created_at: T, updated_at: T },
  site_identity: { site_identity_id: I, serial_number: T, licensee_name: T, owner_company_id: IN, database_company_id: IN },
  our_company: { company_id: I, remark: T },
  person: {
    person_id: I, company_id: I, first_name: T, middle_name: T, last_name: T, title: T, email: T, phone: T,
    retired: I, created_at: T, updated_at: T
  },
  user_group: { user_group_id: I, name: T, tooltip: T, rank: I, deleted: I, group_type: T, created_at: T, updated_at: T },
  associate: {
    associate_id: I, user_id: T, user_type: T, person_id: IN, primary_group_id: IN, description: T, can_log_in: I,
    retired: I, rank: I, last_login_at: TN, last_logout_at: TN, created_at: T, updated_at: T
  },
  user_group_link: { associate_id: I, user_group_id: I },
  associate_history: {
    associate_history_id: I, associate_id: I, user_id: T, first_name: T, middle_name: T, last_name: T, user_type: T,
    primary_group_id: IN, person_id: IN, company_id: IN, deleted_at: T
  },
  role: { role_id: I, name: T, description: T, rank: I, role_type: T, deleted: I, created_at: T, updated_at: T },
  data_right: { role_id: I, data_object: T, owner_relation: T, level: T },
  functional_right: { functional_right_id: T, display_name: T, description: T, required_licence: TN, applies_to: T, built_in: I },
  role_functional_right: { role_id: I, functional_right_id: T },
  user_role: { associate_id: I, role_id: I },
  licence_owner: {
    licence_owner_id: I, owner_name: T, description: T, shop_url: T, licensee_name: T, serial_number: T, expires_on: TN,
    grace_until: TN, maintenance_until: TN, admin_warning_on: TN, is_demo: I, licence_file: T, activated_at: T,
    activated_by: T, sort_order: I
  },
  licence: {
    licence_id: I, licence_owner_id: I, module_name: T, display_name: T, tooltip: T, kind: T, total: I, unrestricted: I,
    prerequisite_module: TN, allowed_user_types: T, hidden: I, sort_order: I
  },
  licence_assignment: { licence_id: I, associate_id: I, assigned_at: T },
  credential: { associate_id: I, credential_type: T, secret_hash: T, failed_attempts: I, locked_until: TN, updated_at: T },
  pending_change: { screen: T, seq: I, change: T, undone: I, staged_at: T },
  audit_entry: {
    audit_entry_id: I, occurred_at: T, actor: T, screen: T, action: T, summary: T, changes: T, prev_hash: T, row_hash: T
  },
  associate_list: {
    associate_id: I, user_id: T, first_name: T, middle_name: T, last_name: T, group_name: T, role_name: T, primary_group_id: IN, role_id: IN, role_type: TN,
    role_deleted: IN, company_id: IN, company_name: T, licences: T, can_log_in: I, retired: I
  },
  associate_list_state: { associate_list_state_id: I, generation: I }
} as const satisfies { [T in keyof DB]: { [C in keyof DB[T]]: ColumnSpec } }

// ---- compile-time agreement between EXPECTED_SCHEMA and schema.ts -------------------------------
type Selected<T, C extends keyof T> = SelectType<T[C]> // Generated<number> → number
type KindOf<V> = [NonNullable<V>] extends [string] ? 'text' : [NonNullable<V>] extends [number] ? 'integer' : 'other'
type Expected = typeof EXPECTED_SCHEMA
type Mismatches = {
  [T in keyof DB]: {
    [C in keyof DB[T]]: C extends keyof Expected[T]
      ? Expected[T][C] extends { type: KindOf<Selected<DB[T], C>>; nullable: null extends Selected<DB[T], C> ? true : false }
        ? never
        : C
      : C
  }[keyof DB[T]] | Exclude<keyof Expected[T], keyof DB[T]>
}[keyof DB]
type ExtraTables = Exclude<keyof Expected, keyof DB>
/** tsc reports this line when schema.ts and the list above disagree (the union names the culprits). */
export const schemaListMatchesTypes: [Mismatches, ExtraTables] extends [never, never] ? true : [Mismatches, ExtraTables] = true

function sqlSchema(raw: Database.Database): Record<string, Record<string, ColumnSpec>> {
  const tables = raw
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[]
  const result: Record<string, Record<string, ColumnSpec>> = {}
  for (const table of tables) {
    const columns = raw.prepare(`SELECT name, type, "notnull", pk FROM pragma_table_info(?)`).all(table) as Array<{
      name: string
      type: string
      notnull: number
      pk: number
    }>
    result[table] = Object.fromEntries(
      // All tables are STRICT, where PRIMARY KEY columns can never hold NULL.
      columns.map((c) => [c.name, { type: c.type.toLowerCase() as ColumnKind, nullable: c.notnull === 0 && c.pk === 0 }])
    )
  }
  return result
}

describe('migrations', () => {
  let dir: string
  let cleanup: () => void
  beforeEach(() => ({ dir, cleanup } = makeTempDir()))
  afterEach(() => cleanup())

  it('are numbered from 1 without gaps and bundled from migrations/*.sql', () => {
    expect(MIGRATIONS.length).toBeGreaterThanOrEqual(1)
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, index) => index + 1))
    expect(MIGRATIONS[0].name).toBe('init')
    expect(MIGRATIONS[0].sql).toContain('CREATE TABLE user_group')
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length)
    expect(readdirSync(join(__dirname, '../../../migrations')).filter((f) => f.endsWith('.sql'))).toHaveLength(MIGRATIONS.length)
  })

  it('migrationsFromFiles orders files and rejects gaps, duplicates and bad names', () => {
    expect(migrationsFromFiles({ '/m/0002_b.sql': 'B', '/m/0001_a.sql': 'A' })).toEqual([
      { version: 1, name: 'a', sql: 'A' },
      { version: 2, name: 'b', sql: 'B' }
    ])
    expect(() => migrationsFromFiles({ '/m/0001_a.sql': '', '/m/0003_c.sql': '' })).toThrow(/without gaps/)
    expect(() => migrationsFromFiles({ '/m/0001_a.sql': '', '/x/0001_b.sql': '' })).toThrow(/without gaps/)
    expect(() => migrationsFromFiles({ '/m/1_a.sql': '' })).toThrow(/0001_name\.sql/)
    expect(() => migrationsFromFiles({ '/m/0001_Init.sql': '' })).toThrow(/0001_name\.sql/)
  })

  it('apply on an empty file: schema version = number of migrations, pragmas set, application id stamped', async () => {
    const path = join(dir, 'nested', 'new.smsite')
    const site = await openSite(path, { create: true, clock: fixedClock })
    try {
      expect(existsSync(path)).toBe(true)
      expect(site.schemaVersion).toBe(MIGRATIONS.length)
      expect(site.raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
      expect(site.raw.pragma('application_id', { simple: true })).toBe(SITE_APPLICATION_ID)
      expect(site.raw.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(site.raw.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(site.raw.pragma('synchronous', { simple: true })).toBe(2)
      // A new, empty file has nothing worth backing up.
      expect(site.migration).toEqual({ from: 0, to: MIGRATIONS.length, backupPath: null })
      expect(existsSync(`${path}.snapshots`)).toBe(false)
      expect(site.raw.pragma('foreign_key_check')).toEqual([])
      expect(site.raw.pragma('integrity_check', { simple: true })).toBe('ok')
    } finally {
      await site.close()
    }
  })

  it('foreign keys are enforced on an opened site', async () => {
    const site = await openSite(join(dir, 'fk.smsite'), { create: true, clock: fixedClock })
    try {
      expect(() =>
        site.raw.prepare("INSERT INTO person (company_id, created_at, updated_at) VALUES (4242, 'x', 'x')").run()
      ).toThrow(/FOREIGN KEY/)
    } finally {
      await site.close()
    }
  })

  it('the Kysely schema (schema.ts) lists exactly the tables and columns the SQL creates', async () => {
    const site = await openSite(join(dir, 'schema.smsite'), { create: true, clock: fixedClock })
    try {
      expect(sqlSchema(site.raw)).toEqual(JSON.parse(JSON.stringify(EXPECTED_SCHEMA)))
    } finally {
      await site.close()
    }
  })

  it('reopening an up-to-date site runs nothing and takes no backup', async () => {
    const path = join(dir, 'again.smsite')
    await (await openSite(path, { create: true, clock: fixedClock })).close()
    const site = await openSite(path, { clock: fixedClock })
    try {
      expect(site.migration).toEqual({ from: MIGRATIONS.length, to: MIGRATIONS.length, backupPath: null })
      expect(existsSync(`${path}.snapshots`)).toBe(false)
    } finally {
      await site.close()
    }
  })

  it('a later migration is applied to an existing site after a backup with the earlier schema', async () => {
    const path = join(dir, 'upgrade.smsite')
    const first = await openSite(path, { create: true, clock: fixedClock })
    await first.db.insertInto('site_meta').values({ key: 'marker', value: 'kept' }).execute()
    await first.close()

    const next: Migration = { version: MIGRATIONS.length + 1, name: 'add_note', sql: 'CREATE TABLE note (note_id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT;' }
    const site = await openSite(path, { clock: fixedClock, migrations: [...MIGRATIONS, next] })
    try {
      expect(site.schemaVersion).toBe(next.version)
      expect(site.migration.from).toBe(MIGRATIONS.length)
      // The pre-migration backup is a snapshot (SPEC A3.10), listed with the on-demand ones.
      expect(site.migration.backupPath).toBe(join(`${path}.snapshots`, '2026-11-23T10-00-00-000Z--before-migration.smsite'))
      const backup = new Database(site.migration.backupPath!, { readonly: true, fileMustExist: true })
      try {
        expect(backup.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
        expect(backup.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'note'").pluck().get()).toBe(0)
        expect(backup.prepare("SELECT value FROM site_meta WHERE key = 'marker'").pluck().get()).toBe('kept')
      } finally {
        backup.close()
      }
    } finally {
      await site.close()
    }
  })

  it('a migration failing half-way rolls back fully, keeps the version and names the backup that it leaves', async () => {
    const path = join(dir, 'broken.smsite')
    const first = await openSite(path, { create: true, clock: fixedClock })
    await first.db.insertInto('site_meta').values({ key: 'marker', value: 'kept' }).execute()
    await first.close()
    const before = dumpSiteFile(path)

    const broken: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'broken',
      sql: "CREATE TABLE half_done (id INTEGER PRIMARY KEY) STRICT;\nINSERT INTO site_meta (key, value) VALUES ('half', 'done');\nTHIS IS NOT SQL;"
    }
    const error = await openSite(path, { clock: fixedClock, migrations: [...MIGRATIONS, broken] }).then(
      () => null,
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(AppError)
    const appError = error as AppError
    expect(appError.code).toBe('migration_failed')
    const backupPath = join(`${path}.snapshots`, '2026-11-23T10-00-00-000Z--before-migration.smsite')
    expect(appError.message).toContain(backupPath)
    expect(appError.message).toContain(`unchanged at schema ${MIGRATIONS.length}`)
    // …and how to go back: restore the snapshot into a new file, or copy it back with the app closed.
    expect(appError.message).toMatch(/rolled back/)
    expect(appError.message).toContain('smadmin snapshot restore')

    // Nothing of the failed step survived: not the table, not the row, not the version.
    const raw = new Database(path, { readonly: true, fileMustExist: true })
    try {
      expect(raw.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'").pluck().get()).toBe(0)
      expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
    } finally {
      raw.close()
    }
    expect(dumpSiteFile(path)).toEqual(before)

    // The backup exists and opens as a site at the earlier schema, with the data.
    expect(existsSync(backupPath)).toBe(true)
    const backup = await openSite(backupPath, { clock: fixedClock })
    try {
      expect(backup.schemaVersion).toBe(MIGRATIONS.length)
      expect(backup.migration.from).toBe(MIGRATIONS.length)
      expect(await backup.db.selectFrom('site_meta').select('value').where('key', '=', 'marker').executeTakeFirst()).toEqual({ value: 'kept' })
    } finally {
      await backup.close()
    }

    // The original still opens with the good migrations.
    const again = await openSite(path, { clock: fixedClock })
    expect(again.schemaVersion).toBe(MIGRATIONS.length)
    await again.close()
  })

  it('a first migration failing on a new file leaves no half-made schema', async () => {
    const path = join(dir, 'first-broken.smsite')
    const broken: Migration = { version: 1, name: 'init', sql: 'CREATE TABLE a (id INTEGER PRIMARY KEY) STRICT; NOT SQL;' }
    await expect(openSite(path, { create: true, clock: fixedClock, migrations: [broken] })).rejects.toMatchObject({ code: 'migration_failed' })
    const raw = new Database(path, { readonly: true })
    try {
      expect(raw.prepare('SELECT count(*) FROM sqlite_schema').pluck().get()).toBe(0)
      expect(raw.pragma('user_version', { simple: true })).toBe(0)
    } finally {
      raw.close()
    }
  })
})
