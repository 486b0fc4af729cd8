import type { CompiledQuery, Kysely } from 'kysely'
import type { DB } from '../db/schema'
import { readArrays, readRows } from '../db/site-dialect'

/**
 * Hot reads compiled once per process (issue 8). Building and compiling a Kysely query costs tens
 * of microseconds, more than SQLite's work for a small read; the SQL text of these queries never
 * changes, so they are compiled on first use and run again with new values for their `slot`s (and
 * the driver's statement cache reuses SQLite's prepared program as well; a read with nothing else
 * under way skips Kysely's executor, see readRows). Type safety is Kysely's: the query is still
 * written with the builder.
 */

const SLOT = '\u0000'

/** A placeholder value for `runCompiled`: filled in from `values[name]` on every run. */
export const slot = <T = string>(name: string): T => `${SLOT}${name}` as unknown as T

/**
 * Most names are fixed, but some queries are compiled per shape (the Users list: one per filter
 * and sort combination in use), so the cache is bounded: the oldest entry goes first.
 */
const COMPILED_KEPT = 500
const compiledByName = new Map<string, CompiledQuery>()

/** Runs the query named `name`, compiling `build()` on first use, with its slots filled from `values`. */
export function runCompiled<R>(db: Kysely<DB>, name: string, build: () => { compile(): CompiledQuery }, values: Record<string, unknown> = {}): Promise<R[]> {
  const compiled = compiledOnce(name, build)
  return readRows<R>(db, compiled, filled(compiled, values))
}

/** runCompiled with each row as an array of its columns in the order selected (see readArrays). */
export function runCompiledArrays(db: Kysely<DB>, name: string, build: () => { compile(): CompiledQuery }, values: Record<string, unknown> = {}): Promise<unknown[][]> {
  const compiled = compiledOnce(name, build)
  return readArrays(db, compiled, filled(compiled, values))
}

function compiledOnce(name: string, build: () => { compile(): CompiledQuery }): CompiledQuery {
  let compiled = compiledByName.get(name)
  if (!compiled) {
    compiledByName.set(name, (compiled = build().compile()))
    if (compiledByName.size > COMPILED_KEPT) compiledByName.delete(compiledByName.keys().next().value as string)
  }
  return compiled
}

const filled = (compiled: CompiledQuery, values: Record<string, unknown>): unknown[] =>
  compiled.parameters.map((p) => (typeof p === 'string' && p.startsWith(SLOT) ? values[p.slice(SLOT.length)] : p))
