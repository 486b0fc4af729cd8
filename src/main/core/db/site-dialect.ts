import type Database from 'better-sqlite3'
import { SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely'
import { withStatementCache } from './statement-cache'

/**
 * Kysely's SQLite driver, except that it does not ROLLBACK a transaction SQLite has already
 * rolled back. SQLite ends the transaction by itself on SQLITE_FULL, some SQLITE_IOERRs and
 * SQLITE_BUSY; Kysely's ROLLBACK then failed with "cannot rollback - no transaction is active",
 * and that error replaced the real one, so a full disk surfaced as an internal error (issue 9).
 * It also prepares each SQL text once (statement-cache.ts; the scale issue, 8).
 */
class SiteDriver extends SqliteDriver {
  readonly #raw: Database.Database

  constructor(raw: Database.Database) {
    super({ database: withStatementCache(raw) })
    this.#raw = raw
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.#raw.inTransaction) return
    await super.rollbackTransaction(connection)
  }
}

/** The dialect every open site uses (see SiteDriver). */
export class SiteDialect extends SqliteDialect {
  readonly #raw: Database.Database

  constructor(raw: Database.Database) {
    super({ database: raw })
    this.#raw = raw
  }

  override createDriver(): Driver {
    return new SiteDriver(this.#raw)
  }
}
