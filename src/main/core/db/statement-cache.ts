import type Database from 'better-sqlite3'
import type { SqliteDatabase } from 'kysely'

/** How many distinct SQL texts stay prepared; the app issues a few hundred shapes at most. */
export const STATEMENT_CACHE_SIZE = 500

/** Kysely's view of the handle, with better-sqlite3's own statements (site-dialect.ts reads through them too). */
export interface CachedStatements extends SqliteDatabase {
  prepare(sql: string): Database.Statement
}

/**
 * The better-sqlite3 handle as Kysely's driver sees it, with `prepare` answered from a bounded
 * LRU cache keyed by SQL text (DESIGN.md, Data). Kysely compiles every query to text with its
 * values bound as parameters, so a repeated query shape prepares once and then reuses SQLite's
 * compiled program instead of parsing and planning again on every call.
 *
 * A statement that is still being iterated (a streamed query) is busy: the cache then hands out a
 * fresh, uncached one so two readers never share a cursor.
 */
export function withStatementCache(raw: Database.Database, capacity = STATEMENT_CACHE_SIZE): CachedStatements {
  const cache = new Map<string, Database.Statement>()
  return {
    close: () => {
      cache.clear()
      raw.close()
    },
    prepare: (sql: string) => {
      const hit = cache.get(sql)
      if (hit !== undefined) {
        if (hit.busy) return raw.prepare(sql)
        // Map keeps insertion order: re-inserting marks the entry most recently used.
        cache.delete(sql)
        cache.set(sql, hit)
        return hit
      }
      const statement = raw.prepare(sql)
      cache.set(sql, statement)
      if (cache.size > capacity) {
        const oldest = cache.keys().next().value
        if (oldest !== undefined) cache.delete(oldest)
      }
      return statement
    }
  }
}
