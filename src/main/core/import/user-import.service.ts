import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import { AppError } from '../../../shared/ipc/result'
import type { Change, ChangeSetState } from '../../../shared/domain/change-set'
import type { ImportCheck, ImportMapping, ImportPreviewFilter, ImportPreviewRow } from '../../../shared/domain/user-import'
import { suggestMapping } from '../../../shared/domain/user-import'
import type { UserDeps } from '../changes/user-context'
import { loadImportContext } from './user-import-context'
import { describeColumns, readImportFile, type ChosenBytes, type ImportFile } from './user-import-file'
import { ImportCheckRun, mappingKey } from './user-import-check'

interface Loaded {
  file: ImportFile
  run: ImportCheckRun | null
}

/**
 * Import → Users from CSV, in main: the parsed files by token (the renderer never holds the rows,
 * so 100,000 of them cost it one page), the chunked check, the preview pages and the one-step Stage.
 */
export class UserImportService {
  /** Parsed files are large; only the latest two are kept (an old token asks for the file again). */
  static readonly KEEP = 2
  readonly #files = new Map<string, Loaded>()
  readonly #db: Kysely<DB>
  readonly #deps: UserDeps

  constructor(db: Kysely<DB>, deps: UserDeps) {
    this.#db = db
    this.#deps = deps
  }

  /** Parses a chosen file and describes its columns with a suggested mapping. */
  load(chosen: ChosenBytes) {
    const file = readImportFile(chosen)
    const token = randomUUID()
    this.#files.set(token, { file, run: null })
    while (this.#files.size > UserImportService.KEEP) this.#files.delete(this.#files.keys().next().value as string)
    return {
      status: 'loaded' as const,
      token,
      fileName: file.fileName,
      separator: file.separator,
      rows: file.records.length,
      columns: describeColumns(file),
      suggested: suggestMapping(file.headers)
    }
  }

  /**
   * Checks the next chunk of rows. `from` 0 starts a new check (the site is read afresh); later
   * calls continue it and must name the same mapping and the row where the last call stopped.
   */
  async check(token: string, mapping: ImportMapping, from: number): Promise<ImportCheck> {
    const loaded = this.#get(token)
    requireUserIdColumn(mapping, loaded.file)
    if (from === 0) {
      loaded.run = new ImportCheckRun(loaded.file, await loadImportContext(this.#db, this.#deps), mapping)
    } else if (!loaded.run || loaded.run.mappingKey !== mappingKey(mapping) || loaded.run.checked !== from) {
      throw new AppError('conflict', 'The check was started again (the mapping changed); its progress continues from the new start.')
    }
    return loaded.run.advance()
  }

  /** One page of the checked rows, all of them or those of one status. */
  preview(token: string, show: ImportPreviewFilter, offset: number, limit: number): { total: number; offset: number; rows: ImportPreviewRow[] } {
    const run = this.#finishedRun(token)
    const rows = show === 'all' ? run.verdicts : run.verdicts.filter((v) => v.status === show)
    return {
      total: rows.length,
      offset,
      rows: rows.slice(offset, offset + limit).map(({ row, status, values, changed, problems }) => ({ row, status, values, changed, problems }))
    }
  }

  /**
   * Stages every new and changed row as ONE step of the Users screen's change set. The file is
   * judged again against the site as it is now (another screen may have staged since the check),
   * and nothing is staged while any row has a problem.
   */
  async stage(token: string): Promise<{ created: number; updated: number; state: ChangeSetState }> {
    const loaded = this.#get(token)
    const shown = this.#finishedRun(token)
    const errors = shown.verdicts.filter((v) => v.status === 'error').length
    if (errors > 0) throw refusal(errors)
    const mapping = Object.fromEntries(JSON.parse(shown.mappingKey) as Array<[string, number]>) as ImportMapping
    const context = await loadImportContext(this.#db, this.#deps)
    const run = new ImportCheckRun(loaded.file, context, mapping)
    run.advance(Number.MAX_SAFE_INTEGER)
    loaded.run = run
    const nowErrors = run.verdicts.filter((v) => v.status === 'error').length
    if (nowErrors > 0) throw refusal(nowErrors, ' The site changed since the check; look at the rows with problems.')

    let nextNew = context.highestNewId
    const changes: Change[] = []
    let created = 0
    for (const verdict of run.verdicts) {
      if (!verdict.change) continue
      if (verdict.change.id === null) created++
      changes.push({ entity: 'associate', id: verdict.change.id ?? `new:${++nextNew}`, values: verdict.change.values })
    }
    if (changes.length === 0) throw new AppError('nothing_to_save', 'Every user in the file already has these values; there is nothing to stage.')
    const state = await this.#deps.engine().stageMany('users', changes)
    this.#files.delete(token)
    return { created, updated: changes.length - created, state }
  }

  /** Forgets a file (the admin chose another one or left the screen). */
  close(token: string): void {
    this.#files.delete(token)
  }

  #get(token: string): Loaded {
    const loaded = this.#files.get(token)
    if (!loaded) throw new AppError('not_found', 'That file is no longer loaded. Choose the file again.')
    return loaded
  }

  #finishedRun(token: string): ImportCheckRun {
    const run = this.#get(token).run
    if (!run || !run.done) throw new AppError('conflict', 'The file has not been checked to the end yet; wait for the check to finish.')
    return run
  }
}

function requireUserIdColumn(mapping: ImportMapping, file: ImportFile): void {
  if (mapping.userId === undefined) throw new AppError('invalid_input', 'Choose the column that holds the User ID: rows are matched to users by it.')
  for (const [target, index] of Object.entries(mapping)) {
    if (index >= file.headers.length) throw new AppError('invalid_input', `The mapping names column ${index + 1} for ${target}, but the file has only ${file.headers.length} columns.`)
  }
}

function refusal(errors: number, extra = ''): AppError {
  return new AppError(
    'validation_failed',
    `Nothing was staged: ${errors === 1 ? 'one row has' : `${errors} rows have`} problems. Correct them in the file (then choose it again) or in the column mapping.${extra}`
  )
}
