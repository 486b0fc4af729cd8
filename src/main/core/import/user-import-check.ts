import type { ImportCheck, ImportMapping, ImportSummary } from '../../../shared/domain/user-import'
import type { MergedRow } from '../changes/entity-kind'
import { seatProblems } from '../changes/associate.kind'
import type { ImportContext } from './user-import-context'
import type { ImportFile } from './user-import-file'
import { judgeRow, type RowVerdict } from './user-import-row'

/** Rows judged per call: small enough that the renderer shows progress often, large enough to be cheap. */
export const CHECK_CHUNK = 10_000

/**
 * One check of a file under one mapping, done a chunk at a time so the renderer can show progress
 * ("Checked 40,000 of 100,000 rows") without push events over IPC. Judging a row reads no database:
 * the site was read once into the context when the run began.
 */
export class ImportCheckRun {
  readonly mappingKey: string
  readonly verdicts: RowVerdict[] = []
  readonly #file: ImportFile
  readonly #ctx: ImportContext
  readonly #mapping: ImportMapping
  /** Row indexes by user-ID key, to flag every occurrence of a user ID the file repeats. */
  readonly #seen = new Map<string, number>()
  readonly #licenceRows = new Map<string, MergedRow>()
  #summary: ImportSummary | null = null
  #notices: string[] = []

  constructor(file: ImportFile, ctx: ImportContext, mapping: ImportMapping) {
    this.#file = file
    this.#ctx = ctx
    this.#mapping = mapping
    this.mappingKey = mappingKey(mapping)
    for (const row of ctx.pendingLicenceRows) this.#licenceRows.set(row.id, row)
  }

  get checked(): number {
    return this.verdicts.length
  }

  get done(): boolean {
    return this.verdicts.length === this.#file.records.length
  }

  /** Judges the next `count` rows; the last chunk also judges the file as a whole. */
  advance(count = CHECK_CHUNK): ImportCheck {
    const end = Math.min(this.#file.records.length, this.verdicts.length + count)
    const width = this.#file.headers.length
    for (let index = this.verdicts.length; index < end; index++) {
      const { row, cells } = this.#file.records[index]!
      const verdict = judgeRow(this.#ctx, this.#mapping, row, cells, width, this.#file.readProblems.get(row))
      this.verdicts.push(verdict)
      this.#noteDuplicate(verdict, index)
      if (verdict.licenceRow) this.#licenceRows.set(verdict.licenceRow.id, verdict.licenceRow)
    }
    if (this.done && this.#summary === null) this.#finish()
    return this.progress()
  }

  progress(): ImportCheck {
    return { checked: this.checked, total: this.#file.records.length, done: this.done, summary: this.#summary, notices: this.#notices }
  }

  #noteDuplicate(verdict: RowVerdict, index: number): void {
    if (verdict.userKey === '') return
    const first = this.#seen.get(verdict.userKey)
    if (first === undefined) {
      this.#seen.set(verdict.userKey, index)
      return
    }
    const earlier = this.verdicts[first]!
    const userId = verdict.values.userId ?? ''
    verdict.problems.push({ target: 'userId', message: `The user ID "${userId}" is also in row ${earlier.row}; each user may appear only once in the file.` })
    this.#markError(verdict)
    if (!earlier.problems.some((p) => p.message.startsWith('The user ID') && p.message.includes('again in row'))) {
      earlier.problems.push({ target: 'userId', message: `The user ID "${earlier.values.userId ?? ''}" appears again in row ${verdict.row}; each user may appear only once in the file.` })
      this.#markError(earlier)
    }
  }

  /** A row found faulty after it was judged: nothing of it is staged or counted for seats. */
  #markError(verdict: RowVerdict): void {
    verdict.status = 'error'
    verdict.change = null
    if (verdict.licenceRow) this.#licenceRows.delete(verdict.licenceRow.id)
    verdict.licenceRow = null
  }

  /** Counts, and the seats the whole file would use (Save refuses an over-assigned licence). */
  #finish(): void {
    const summary: ImportSummary = { create: 0, update: 0, unchanged: 0, error: 0 }
    for (const v of this.verdicts) summary[v.status]++
    this.#summary = summary
    this.#notices = seatProblems(this.#ctx.savedSeats, [...this.#licenceRows.values()], this.#ctx.rules).map((p) => p.message)
  }
}

/** The same mapping always gives the same key, whatever order its targets were listed in. */
export function mappingKey(mapping: ImportMapping): string {
  return JSON.stringify(Object.entries(mapping).sort(([a], [b]) => a.localeCompare(b)))
}
