import type { CompiledQuery, Kysely } from 'kysely'
import type { DB } from '../db/schema'

/**
 * Hot reads compiled once per process (issue 8). Building and compiling a Kysely query costs tens
 * of microseconds, more than SQLite's work for a small read; the SQL text of these queries never
 * changes, so they are compiled on first use and run again with new values for their `slot`s (and
 * the driver's statement cache reuses SQLite's prepared program as well). Type safety is Kysely's:
 * the query is still written with the builder.
 */

const SLOT = '\u0000'

/** A placeholder value for `runCompiled`: filled in from `values[name]` on every run. */
export const slot = <T = string>(name: string): T => `${SLOT}${name}` as unknown as T

const compiledByName = new Map<string, CompiledQuery>()

/** Runs the query named `name`, compiling `build()` on first use, with its slots filled from `values`. */
export async function runCompiled<R>(db: Kysely<DB>, name: string, build: () => { compile(): CompiledQuery }, values: Record<string, unknown> = {}): Promise<R[]> {
  let compiled = compiledByName.get(name)
  if (!compiled) compiledByName.set(name, (compiled = build().compile()))
  const parameters = compiled.parameters.map((p) => (typeof p === 'string' && p.startsWith(SLOT) ? values[p.slice(SLOT.length)] : p))
  const result = await db.executeQuery<R>({ ...compiled, parameters })
  return result.rows
}
