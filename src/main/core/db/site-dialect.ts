import type Database from 'better-sqlite3'
import { SqliteAdapter, SqliteDialect, SqliteDriver, type CompiledQuery, type DatabaseConnection, type DialectAdapter, type Driver, type Kysely } from 'kysely'
import { withStatementCache, type CachedStatements } from './statement-cache'
import type { DB } from './schema'

/**
 * Kysely's SQLite driver, except that it does not ROLLBACK a transaction SQLite has already
 * rolled back. SQLite ends the transaction by itself on SQLITE_FULL, some SQLITE_IOERRs and
 * SQLITE_BUSY; Kysely's ROLLBACK then failed with "cannot rollback - no transaction is active",
 * and that error replaced the real one, so a full disk surfaced as an internal error (issue 9).
 * It also prepares each SQL text once (statement-cache.ts; the scale issue, 8), and knows whether
 * anyone holds the connection, for readNow.
 */
class SiteDriver extends SqliteDriver {
  readonly #raw: Database.Database
  readonly #statements: CachedStatements
  #ready = false
  #held = 0
  /** The one connection Kysely's driver hands out (for readOn). */
  #connection: DatabaseConnection | undefined

  constructor(raw: Database.Database) {
    const statements = withStatementCache(raw)
    super({ database: statements })
    this.#raw = raw
    this.#statements = statements
  }

  override async init(): Promise<void> {
    await super.init()
    this.#ready = true
  }

  override async destroy(): Promise<void> {
    this.#ready = false
    await super.destroy()
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection()
    this.#held++
    this.#connection = connection
    return connection
  }

  override async releaseConnection(): Promise<void> {
    this.#held--
    await super.releaseConnection()
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.#raw.inTransaction) return
    await super.rollbackTransaction(connection)
  }

  /**
   * The rows of a read run right now, or null when it must wait its turn. Nothing holds the
   * connection (no query or transaction of Kysely's is under way; one that has the lock but has
   * not started runs after this synchronous read, as if it had queued behind it), so the read
   * sees exactly what a query through Kysely would.
   */
  readNow(sql: string, parameters: readonly unknown[], arrays: boolean): unknown[] | null {
    if (!this.#ready || this.#held > 0 || this.#raw.inTransaction) return null
    return this.#read(sql, parameters, arrays)
  }

  /**
   * The rows of a read on `connection`, which the caller was handed by Kysely's connection
   * provider (so it holds the connection in its turn, inside a transaction or not, exactly as a
   * query through Kysely would), or null for a statement that is not a read.
   */
  readOn(connection: DatabaseConnection, sql: string, parameters: readonly unknown[], arrays: boolean): unknown[] | null {
    if (!this.#ready || connection !== this.#connection) return null
    return this.#read(sql, parameters, arrays)
  }

  #read(sql: string, parameters: readonly unknown[], arrays: boolean): unknown[] | null {
    const statement = this.#statements.prepare(sql)
    if (!statement.reader) return null
    if (!arrays) return statement.all(parameters) as unknown[]
    // The statement is shared through the cache: raw mode only for this synchronous call.
    statement.raw(true)
    try {
      return statement.all(parameters) as unknown[]
    } finally {
      statement.raw(false)
    }
  }
}

/** The SQLite adapter, with the driver the site's Kysely was made with (for readRows). */
class SiteAdapter extends SqliteAdapter {
  constructor(readonly driver: () => SiteDriver | undefined) {
    super()
  }
}

/** The dialect every open site uses (see SiteDriver). */
export class SiteDialect extends SqliteDialect {
  readonly #raw: Database.Database
  #driver: SiteDriver | undefined

  constructor(raw: Database.Database) {
    super({ database: raw })
    this.#raw = raw
  }

  override createDriver(): Driver {
    return (this.#driver = new SiteDriver(this.#raw))
  }

  override createAdapter(): DialectAdapter {
    return new SiteAdapter(() => this.#driver)
  }
}

/**
 * Runs a compiled read (with `parameters` instead of its own, if given). On a site's connection
 * with nothing under way it goes straight to the driver's statement cache (issue 8: Kysely's
 * executor, a chain of async steps for connection, plugins and result, costs as much as a small
 * read itself, and the Users list makes a few per page). Otherwise (a transaction, a query
 * waiting) it takes its turn for the connection from Kysely's connection provider, as a query
 * through Kysely would (inside a transaction: that transaction's connection, after the queries it
 * already started, and refused once it has committed or rolled back), and then reads from the
 * statement cache the same way. With plugins or another dialect: through Kysely.
 */
export async function readRows<R>(db: Kysely<DB>, query: CompiledQuery, parameters: readonly unknown[] = query.parameters): Promise<R[]> {
  return (readNow(db, query, parameters, false) ?? (await readInTurn(db, query, parameters, false))) as R[]
}

/**
 * readRows with each row as an array of its columns in the order selected: better-sqlite3 builds
 * an array several times faster than an object with a property per column, which a wide page of
 * rows notices (issue 8: 0.1 ms of a 0.3 ms Users page; 1,000 saved rows read by Save).
 */
export async function readArrays(db: Kysely<DB>, query: CompiledQuery, parameters: readonly unknown[] = query.parameters): Promise<unknown[][]> {
  return (readNow(db, query, parameters, true) ?? (await readInTurn(db, query, parameters, true))) as unknown[][]
}

/** The site's driver when `db` runs on one with no plugins (whose results could differ), else undefined. */
function siteDriver(db: Kysely<DB>): SiteDriver | undefined {
  const executor = db.getExecutor()
  const adapter = executor.adapter
  if (executor.plugins.length > 0 || !(adapter instanceof SiteAdapter)) return undefined
  return adapter.driver()
}

function readNow(db: Kysely<DB>, query: CompiledQuery, parameters: readonly unknown[], arrays: boolean): unknown[] | null {
  if (db.isTransaction) return null
  return siteDriver(db)?.readNow(query.sql, parameters, arrays) ?? null
}

async function readInTurn(db: Kysely<DB>, query: CompiledQuery, parameters: readonly unknown[], arrays: boolean): Promise<unknown[]> {
  const driver = siteDriver(db)
  const compiled = parameters === query.parameters ? query : { ...query, parameters }
  if (!driver) return asRequested(await viaKysely(db, compiled), arrays)
  return db.getExecutor().provideConnection(async (connection) => {
    return driver.readOn(connection, compiled.sql, compiled.parameters, arrays) ?? asRequested((await connection.executeQuery(compiled)).rows, arrays)
  })
}

/** Through Kysely, rows are objects whose keys keep the order of the columns. */
const asRequested = (rows: unknown[], arrays: boolean): unknown[] => (arrays ? rows.map((row) => Object.values(row as object)) : rows)

async function viaKysely(db: Kysely<DB>, query: CompiledQuery): Promise<unknown[]> {
  return (await db.executeQuery(query)).rows
}
