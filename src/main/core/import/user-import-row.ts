import type { Scalar } from '../../../shared/domain/change-set'
import { associateValuesSchema, encodeList, type AssociateValues } from '../../../shared/domain/user'
import { splitListCell, type ImportMapping, type ImportPreviewRow, type ImportProblem, type ImportTarget } from '../../../shared/domain/user-import'
import type { MergedRow, Values } from '../changes/entity-kind'
import { ASSOCIATE_DEFAULTS, rowProblems } from '../changes/associate.kind'
import { nameKey } from '../changes/user-group.kind'
import { unguardCell } from '../csv/csv-codec'
import type { ImportContext, KnownAssociate } from './user-import-context'

/** The associate field each target writes. */
const FIELD_OF: Record<ImportTarget, string> = {
  firstName: 'firstName',
  lastName: 'lastName',
  email: 'email',
  phone: 'phone',
  userId: 'userId',
  company: 'companyId',
  role: 'roleId',
  primaryGroup: 'primaryGroupId',
  otherGroups: 'otherGroupIds',
  licences: 'licences'
}
const TARGET_OF = new Map<string, ImportTarget>(Object.entries(FIELD_OF).map(([target, field]) => [field, target as ImportTarget]))
const TEXT_TARGETS = ['firstName', 'lastName', 'email', 'phone', 'userId'] as const

/** What one file row amounts to: the preview's line, and the change to stage when it has no problems. */
export interface RowVerdict extends ImportPreviewRow {
  /** nameKey of the row's user ID ('' when empty), for duplicate detection across the file. */
  userKey: string
  /** The associate to update (null = create), with only the values that change. */
  change: { id: string | null; values: AssociateValues } | null
  /** The row after the change, when it changes licences (for the whole-file seat count). */
  licenceRow: MergedRow | null
}

const quoted = (text: string): string => `"${text.length > 60 ? `${text.slice(0, 57)}…` : text}"`

/** One name to one id, or the reason it cannot be resolved. */
function resolveOne(name: string, byName: ReadonlyMap<string, string[]>, what: string, prefer?: (id: string) => boolean): { id: string } | { problem: string } {
  const ids = byName.get(nameKey(name)) ?? []
  const preferred = prefer ? ids.filter(prefer) : ids
  const pick = preferred.length > 0 ? preferred : ids
  if (pick.length === 1) return { id: pick[0]! }
  if (pick.length === 0) return { problem: `There is no ${what} called ${quoted(name)}.` }
  return { problem: `Several ${what}s are called ${quoted(name)}; rename one of them in the site so the file can name it.` }
}

/** A list cell to ids; every name that does not resolve is named in one problem. */
function resolveList(cell: string, byName: ReadonlyMap<string, string[]>, what: string): { ids: string[]; problem: string | null } {
  const ids: string[] = []
  const unknown: string[] = []
  for (const name of splitListCell(cell)) {
    const found = resolveOne(name, byName, what)
    if ('id' in found) ids.push(found.id)
    else unknown.push(name)
  }
  const problem = unknown.length === 0 ? null : `Unknown ${what}${unknown.length > 1 ? 's' : ''}: ${unknown.map(quoted).join(', ')}.`
  return { ids, problem }
}

const same = (a: Scalar | undefined, b: Scalar | undefined): boolean => (a ?? null) === (b ?? null)

/**
 * Judges one file row against the site: reads the mapped cells, resolves names to ids, and runs the
 * Users screen's own rules (the associate kind's row rules and the value schema's limits) on the
 * result. Duplicates within the file and seats are judged over the whole file by the caller.
 */
export function judgeRow(ctx: ImportContext, mapping: ImportMapping, row: number, cells: readonly string[], headerWidth: number, readProblem?: string): RowVerdict {
  const problems: ImportProblem[] = []
  if (readProblem) problems.push({ target: null, message: readProblem })
  const extra = cells.slice(headerWidth).filter((c) => c.trim() !== '')
  if (extra.length > 0) {
    problems.push({ target: null, message: `This row has more values than the header has columns; ${quoted(extra[0]!.trim())} and any after it belong to no column.` })
  }

  const shown: Partial<Record<ImportTarget, string>> = {}
  for (const target of Object.keys(mapping) as ImportTarget[]) shown[target] = unguardCell(cells[mapping[target]!] ?? '').trim()

  // The values the mapped cells ask for; a cell that does not resolve is left out (and reported).
  const values: Values = {}
  for (const target of TEXT_TARGETS) if (shown[target] !== undefined) values[target] = shown[target]
  const single = (target: 'company' | 'role' | 'primaryGroup', byName: ReadonlyMap<string, string[]>, what: string, prefer?: (id: string) => boolean): void => {
    const cell = shown[target]
    if (cell === undefined) return
    if (cell === '') {
      values[FIELD_OF[target]] = null
      return
    }
    const found = resolveOne(cell, byName, what, prefer)
    if ('id' in found) values[FIELD_OF[target]] = found.id
    else problems.push({ target, message: found.problem })
  }
  single('company', ctx.companiesByName, 'company among Our companies')
  // Roles of other types may share an employee role's name; associates take employee roles.
  single('role', ctx.rolesByName, 'role', (id) => ctx.rules.roles.get(id)?.roleType === 'employee')
  single('primaryGroup', ctx.groupsByName, 'user group')
  const lists: Array<['otherGroups' | 'licences', ReadonlyMap<string, string[]>, string]> = [
    ['otherGroups', ctx.groupsByName, 'user group'],
    ['licences', ctx.licencesByName, 'user licence']
  ]
  for (const [target, byName, what] of lists) {
    const cell = shown[target]
    if (cell === undefined) continue
    const { ids, problem } = resolveList(cell, byName, what)
    if (problem) problems.push({ target, message: problem })
    else values[FIELD_OF[target]] = encodeList(ids)
  }

  // Field lengths and list formats: the schema every staged associate change passes.
  const parsed = associateValuesSchema.safeParse(values)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push({ target: TARGET_OF.get(String(issue.path[0])) ?? null, message: issue.message })
  }

  const userId = shown.userId ?? ''
  const userKey = nameKey(userId)
  let known: KnownAssociate | undefined
  if (userKey === '') problems.push({ target: 'userId', message: 'Every user needs a user ID.' })
  else if (ctx.otherUserIds.has(userKey)) problems.push({ target: 'userId', message: `The user ID ${quoted(userId)} belongs to a system or anonymous user (Users → Other users); an associate needs another one.` })
  else {
    known = ctx.associates.get(userKey)
    if (known?.removed) problems.push({ target: 'userId', message: `${quoted(userId)} is staged for removal on the Users screen; save or undo that first.` })
  }

  // An existing user keeps its user ID as written in the site: the ID only finds the user.
  if (known) delete values.userId
  const base = known ? known.merged : { ...ASSOCIATE_DEFAULTS, canLogIn: true, retired: false }
  const changedFields = Object.keys(values).filter((field) => !same(base[field], values[field]))
  const changed = changedFields.map((f) => TARGET_OF.get(f)).filter((t): t is ImportTarget => t !== undefined)
  const merged: Values = { ...base, ...values }
  // A stand-in id for a new row, only for the rules' messages and the seat count; Stage assigns real "new:N" ids.
  const id = known?.id ?? `new:file-${row}`
  const changes = known === undefined || changedFields.length > 0

  if (changes) {
    // All of a row's problems at once, but not twice for a cell already reported (an unknown
    // company would also be "needs an owning company").
    const flagged = new Set(problems.map((p) => p.target))
    const saved = known?.saved ?? null
    const mergedRow: MergedRow = { id, saved, merged, changedFields: Object.keys(merged).filter((f) => saved === null || !same(saved[f], merged[f])) }
    for (const problem of rowProblems(mergedRow, ctx.rules, ctx.companies, ctx.deps)) {
      const target = TARGET_OF.get(/\.([A-Za-z]+)$/.exec(problem.path)?.[1] ?? '') ?? null
      if (target === null || !flagged.has(target)) problems.push({ target, message: problem.message })
    }
  }

  const status = problems.length > 0 ? 'error' : !known ? 'create' : changedFields.length > 0 ? 'update' : 'unchanged'
  const stageValues = known ? Object.fromEntries(changedFields.map((f) => [f, values[f]])) : { ...values, canLogIn: true, retired: false }
  const touchesLicences = status !== 'error' && status !== 'unchanged' && (!known || changedFields.includes('licences'))
  return {
    row,
    status,
    values: shown,
    changed: known ? changed : [],
    problems,
    userKey,
    change: status === 'create' || status === 'update' ? { id: known?.id ?? null, values: stageValues as AssociateValues } : null,
    licenceRow: touchesLicences ? { id, saved: known?.saved ?? null, merged, changedFields } : null
  }
}
