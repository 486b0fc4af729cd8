import { createHash } from 'node:crypto'
import { cpus, loadavg, platform, release } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { openCore, type Core } from '../src/main/core/open-core'
import { localSession } from '../src/main/core/session'
import type { Clock } from '../src/main/core/clock'
import { associateListQuerySchema, encodeList, decodeList, type AssociateListQuery } from '../src/shared/domain/user'
import { createBenchSite, type BenchSite } from './site-generator'
import { createRawList } from './raw-list'

export interface Stats {
  median: number
  p95: number
  n: number
}

/** One line of the table: the app's figure, raw better-sqlite3's for the same work, and the target. */
export interface Figure {
  group: string
  name: string
  unit: 'ms' | 'µs' | 'rows'
  core: Stats
  raw: Stats | null
  /** core median / raw median. */
  ratio: number | null
  target: string
  met: boolean | null
}

export interface BenchResults {
  machine: { cpu: string; cores: number; node: string; platform: string; date: string; loadAverage: number[] }
  associates: number
  stagedChanges: number
  figures: Figure[]
  peakRssMb: number
  notes: string[]
}

export interface BenchOptions {
  associates: number
  /** Size of the Save benchmark's change set (10,000 in the full run). */
  stagedChanges: number
  /** Repetitions: list pages, stage+read, dispatch calls, saves, opens. */
  reps: { list: number; stage: number; dispatch: number; save: number; open: number }
  dir: string
  /** Runs the chromium part (needs the built renderer); given the open site and a figure sink. */
  browser?: (site: BenchSite, add: (figure: Figure) => void, notes: string[]) => Promise<void>
  log?: (line: string) => void
}

export const FULL: Pick<BenchOptions, 'associates' | 'stagedChanges' | 'reps'> = {
  associates: 100_000,
  stagedChanges: 10_000,
  reps: { list: 100, stage: 15, dispatch: 2000, save: 3, open: 2 }
}
export const QUICK: Pick<BenchOptions, 'associates' | 'stagedChanges' | 'reps'> = {
  associates: 10_000,
  stagedChanges: 1_000,
  reps: { list: 100, stage: 15, dispatch: 1000, save: 5, open: 2 }
}

const clock: Clock = () => new Date()

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]
  return { median: at(0.5), p95: at(0.95), n: sorted.length }
}

async function time(fn: () => unknown): Promise<number> {
  const start = performance.now()
  await fn()
  return performance.now() - start
}

/** Runs the app's and raw's versions alternately (so noise hits both alike), after a warm-up. */
async function sideBySide(reps: number, core: () => unknown, raw: () => unknown, warmup = 5): Promise<{ core: Stats; raw: Stats }> {
  for (let i = 0; i < warmup; i++) {
    await core()
    await raw()
  }
  const a: number[] = []
  const b: number[] = []
  for (let i = 0; i < reps; i++) {
    a.push(await time(core))
    b.push(await time(raw))
  }
  return { core: stats(a), raw: stats(b) }
}

function figure(group: string, name: string, pair: { core: Stats; raw: Stats | null }, target: string, met: (f: { core: Stats; ratio: number | null }) => boolean | null, unit: Figure['unit'] = 'ms'): Figure {
  const ratio = pair.raw && pair.raw.median > 0 ? pair.core.median / pair.raw.median : null
  return { group, name, unit, core: pair.core, raw: pair.raw, ratio, target, met: met({ core: pair.core, ratio }) }
}

async function must<T>(core: Core, channel: string, input: unknown): Promise<T> {
  const result = await core.dispatch(channel, input)
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`)
  return result.value as T
}

export function openBenchCore(site: BenchSite): Promise<Core> {
  return openCore({
    sitePath: site.path,
    create: false,
    clock,
    session: () => localSession('bench'),
    trustedKeys: site.trustedKeys,
    appInfo: { appVersion: 'bench', versions: { node: process.versions.node }, platform: process.platform },
    openExternal: async () => {}
  })
}

interface Editable {
  id: number
  personId: number
  firstName: string
  phone: string
  primaryGroupId: number
  licences: string
  otherGroupIds: string
}

/** Current values of a slice of associates (what a change is built from). */
function readEditable(raw: Database.Database, ids: readonly number[]): Editable[] {
  const statement = raw.prepare(`select a.associate_id as id, a.person_id as personId, p.first_name as firstName, p.phone, a.primary_group_id as primaryGroupId,
      coalesce((select group_concat(l.module_name) from licence_assignment la join licence l on l.licence_id = la.licence_id where la.associate_id = a.associate_id), '') as licences,
      coalesce((select group_concat(user_group_id) from user_group_link k where k.associate_id = a.associate_id), '') as otherGroupIds
    from associate a join person p on p.person_id = a.person_id where a.associate_id in (select value from json_each(?))`)
  return (statement.all(JSON.stringify(ids)) as Editable[]).map((r) => ({ ...r, licences: encodeList(decodeList(r.licences)), otherGroupIds: encodeList(decodeList(String(r.otherGroupIds))) }))
}

type Edit = { id: number; personId: number; kind: 'field'; firstName: string; phone: string } | { id: number; kind: 'licence'; module: string; add: boolean; licences: string } | { id: number; kind: 'group'; groupId: number; add: boolean; otherGroupIds: string }

/** A mixed change set: a third field edits, a third licence assignments, a third group changes. */
function planEdits(rows: readonly Editable[], groupIds: readonly number[]): Edit[] {
  return rows.map((r, j): Edit => {
    if (j % 3 === 0) {
      const firstName = r.firstName.endsWith('-b') ? r.firstName.slice(0, -2) : `${r.firstName}-b`
      const phone = r.phone.endsWith('0') ? `${r.phone.slice(0, -1)}1` : `${r.phone.slice(0, -1)}0`
      return { id: r.id, personId: r.personId, kind: 'field', firstName, phone }
    }
    if (j % 3 === 1) {
      const held = new Set(decodeList(r.licences))
      // visible-for is unrestricted and needs only "user", which every active bench user holds.
      const module = held.has('user') ? 'visible-for' : 'user'
      const add = !held.has(module)
      if (add) held.add(module)
      else held.delete(module)
      return { id: r.id, kind: 'licence', module, add, licences: encodeList([...held]) }
    }
    const others = new Set(decodeList(r.otherGroupIds))
    const groupId = groupIds.find((g) => g !== r.primaryGroupId && (r.id + g) % 7 === 0) ?? groupIds.find((g) => g !== r.primaryGroupId) ?? groupIds[0]
    const add = !others.has(String(groupId))
    if (add) others.add(String(groupId))
    else others.delete(String(groupId))
    return { id: r.id, kind: 'group', groupId, add, otherGroupIds: encodeList([...others]) }
  })
}

/** Stages edits the way 'changes:stage' stores them (one pending_change row each), untimed. */
function stageDirectly(raw: Database.Database, edits: readonly Edit[]): void {
  const insert = raw.prepare("INSERT INTO pending_change (screen, seq, change, staged_at) VALUES ('users', ?, ?, ?)")
  const start = Number(raw.prepare("SELECT coalesce(max(seq), 0) FROM pending_change WHERE screen = 'users'").pluck().get())
  const now = new Date().toISOString()
  raw.transaction(() => {
    edits.forEach((e, i) => {
      const values = e.kind === 'field' ? { firstName: e.firstName, phone: e.phone } : e.kind === 'licence' ? { licences: e.licences } : { otherGroupIds: e.otherGroupIds }
      insert.run(start + i + 1, JSON.stringify({ entity: 'associate', id: String(e.id), values }), now)
    })
  })()
}

/** The same rows written by hand in one transaction, with an audit row carrying the same-sized diff. */
function createRawSave(raw: Database.Database): (edits: readonly Edit[]) => void {
  const person = raw.prepare('UPDATE person SET first_name = ?, phone = ?, updated_at = ? WHERE person_id = ?')
  const touch = raw.prepare('UPDATE associate SET updated_at = ? WHERE associate_id = ?')
  const licenceId = raw.prepare("SELECT licence_id FROM licence WHERE kind = 'user' AND module_name = ?").pluck()
  const addLicence = raw.prepare('INSERT INTO licence_assignment (licence_id, associate_id, assigned_at) VALUES (?, ?, ?)')
  const dropLicence = raw.prepare('DELETE FROM licence_assignment WHERE licence_id = ? AND associate_id = ?')
  const addGroup = raw.prepare('INSERT INTO user_group_link (associate_id, user_group_id) VALUES (?, ?)')
  const dropGroup = raw.prepare('DELETE FROM user_group_link WHERE associate_id = ? AND user_group_id = ?')
  const lastHash = raw.prepare('SELECT row_hash FROM audit_entry ORDER BY audit_entry_id DESC LIMIT 1').pluck()
  const audit = raw.prepare('INSERT INTO audit_entry (occurred_at, actor, screen, action, summary, changes, prev_hash, row_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
  const clear = raw.prepare("DELETE FROM pending_change WHERE screen = 'users'")
  return raw.transaction((edits: readonly Edit[]) => {
    const now = new Date().toISOString()
    const ids = new Map<string, number>()
    const entries: unknown[] = []
    for (const e of edits) {
      if (e.kind === 'field') {
        person.run(e.firstName, e.phone, now, e.personId)
        entries.push({ entity: 'associate', id: String(e.id), fields: [{ field: 'firstName', new: e.firstName }, { field: 'phone', new: e.phone }] })
      } else if (e.kind === 'licence') {
        let id = ids.get(e.module)
        if (id === undefined) ids.set(e.module, (id = Number(licenceId.get(e.module))))
        if (e.add) addLicence.run(id, e.id, now)
        else dropLicence.run(id, e.id)
        entries.push({ entity: 'associate', id: String(e.id), fields: [{ field: `licences.${e.module}`, new: e.add ? 'assigned' : 'not assigned' }] })
      } else {
        if (e.add) addGroup.run(e.id, e.groupId)
        else dropGroup.run(e.id, e.groupId)
        entries.push({ entity: 'associate', id: String(e.id), fields: [{ field: `otherGroups.${e.groupId}`, new: e.add ? 'member' : 'not member' }] })
      }
      touch.run(now, e.id)
    }
    const changes = JSON.stringify(entries)
    const prev = String(lastHash.get() ?? '')
    audit.run(now, 'bench:raw', 'users', 'save', `${entries.length} rows saved`, changes, prev, createHash('sha256').update(prev).update(changes).digest('hex'))
    clear.run()
  })
}

function machine(): BenchResults['machine'] {
  const cpu = cpus()
  return { cpu: cpu[0]?.model.trim() ?? 'unknown', cores: cpu.length, node: process.version, platform: `${platform()} ${release()}`, date: new Date().toISOString(), loadAverage: loadavg().map((l) => Math.round(l * 100) / 100) }
}

/** Generates the site, then measures every figure of issue 8 side by side with raw better-sqlite3. */
export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const log = options.log ?? (() => {})
  const notes: string[] = []
  const figures: Figure[] = []
  const add = (f: Figure): void => {
    figures.push(f)
    log(`  ${f.group} · ${f.name}: ${f.core.median.toFixed(3)} ${f.unit} (p95 ${f.core.p95.toFixed(3)})${f.raw ? ` vs raw ${f.raw.median.toFixed(3)}` : ''}`)
  }
  const loadBefore = loadavg()
  const path = join(options.dir, 'bench.smsite')

  // (5a) The generator itself.
  log(`Generating a site with ${options.associates} associates…`)
  const site = await createBenchSite(path, options.associates, clock)
  add(figure('5 site', `create site (${options.associates} associates)`, { core: stats([site.ms]), raw: null }, 'report', () => null))

  // (5b) Opening: migration check, integrity check, licence re-verification, first list page.
  const firstPage = associateListQuerySchema.parse({})
  const opens: number[] = []
  const rawOpens: number[] = []
  for (let i = 0; i < options.reps.open; i++) {
    opens.push(
      await time(async () => {
        const c = await openBenchCore(site)
        await must(c, 'users:list', firstPage)
        await c.close()
      })
    )
    rawOpens.push(
      await time(() => {
        const db = new Database(site.path)
        createRawList(db)(firstPage)
        db.close()
      })
    )
  }
  add(figure('5 site', 'open site + first list page', { core: stats(opens), raw: stats(rawOpens) }, '≤ 1000 ms', (f) => f.core.median <= 1000))

  const core = await openBenchCore(site)
  const raw = new Database(site.path)
  raw.pragma('journal_mode = WAL')
  raw.pragma('busy_timeout = 5000')
  // The app's durability (open-site.ts): a commit is on disk when it returns. better-sqlite3's
  // default in WAL mode is NORMAL, which skips that fsync and would make raw's Save do less work.
  raw.pragma('synchronous = FULL')
  // A third connection moves the list's generation in (1b): both sides then read after another
  // connection's commit, as the app does after any write from elsewhere.
  const other = new Database(site.path)
  other.pragma('busy_timeout = 5000')
  try {
    // (1) List pages.
    const rawList = createRawList(raw)
    const company = String(site.companyIds[1])
    const cases: Array<[string, Partial<AssociateListQuery>]> = [
      ['all, by last name', { sort: 'lastName' }],
      ['search "han", by last name', { search: 'han', sort: 'lastName' }],
      ['company 2, by role', { companyId: company, sort: 'role' }],
      ['only can log in, by last name', { onlyCanLogIn: true, sort: 'lastName' }],
      ['licence "web", by user ID', { licence: 'web', sort: 'userId' }],
      ['by role desc, middle page', { sort: 'role', direction: 'desc', offset: Math.floor(options.associates / 2) }]
    ]
    for (const [name, query] of cases) {
      const q = associateListQuerySchema.parse({ ...query, limit: 100 })
      // Steady state: as many warm-up pages as measured ones, so V8 has optimised both sides' code
      // (5 were not enough for whichever case ran first: 1.7× then, 1.15× when run again at the
      // end). Cold pages are the open-site and 1b figures.
      const pair = await sideBySide(options.reps.list, () => must(core, 'users:list', q), () => rawList(q), options.reps.list)
      add(figure('1 list page', name, pair, '≤ 1.3× raw, p95 ≤ 16 ms', (f) => f.ratio !== null && f.ratio <= 1.3 && f.core.p95 <= 16))
    }

    // (1b) The same pages when the count is not cached yet: the first page after any change to the
    // list, or of a new filter (typing a search). Both sides keep counts until associate_list's
    // generation moves; it is moved (untimed, through a third connection) before every sample of
    // either side.
    const bump = other.prepare('UPDATE associate_list_state SET generation = generation + 1 WHERE associate_list_state_id = 1')
    const cold: Array<[string, Partial<AssociateListQuery>]> = [
      ['all, by last name', { sort: 'lastName' }],
      ['search "han", by last name', { search: 'han', sort: 'lastName' }]
    ]
    for (const [name, query] of cold) {
      const q = associateListQuerySchema.parse({ ...query, limit: 100 })
      const a: number[] = []
      const b: number[] = []
      for (let i = 0; i < options.reps.list + 2; i++) {
        bump.run()
        const tCore = await time(() => must(core, 'users:list', q))
        bump.run()
        const tRaw = await time(() => rawList(q))
        // The first two are warm-up, as in sideBySide.
        if (i >= 2) {
          a.push(tCore)
          b.push(tRaw)
        }
      }
      add(figure('1b list page, count not cached', name, { core: stats(a), raw: stats(b) }, '≤ 1.3× raw, p95 ≤ 16 ms', (f) => f.ratio !== null && f.ratio <= 1.3 && f.core.p95 <= 16))
    }

    // (3) Stage one change and read the merged page back.
    const someone = Number(raw.prepare("SELECT associate_id FROM associate WHERE user_type = 'employee' AND user_id <> 'ADMIN' ORDER BY associate_id LIMIT 1 OFFSET 10").pluck().get())
    const rawInsert = raw.prepare("INSERT INTO pending_change (screen, seq, change, staged_at) VALUES ('users', (SELECT coalesce(max(seq), 0) + 1 FROM pending_change WHERE screen = 'users'), ?, ?)")
    let k = 0
    const stagePair = await sideBySide(
      options.reps.stage,
      async () => {
        await must(core, 'changes:stage', { screen: 'users', change: { entity: 'associate', id: String(someone), values: { phone: `+47 ${90000000 + ++k}` } } })
        await must(core, 'users:list', firstPage)
      },
      () => {
        rawInsert.run(JSON.stringify({ entity: 'associate', id: String(someone), values: { phone: `+47 ${90000000 + ++k}` } }), new Date().toISOString())
        rawList(firstPage)
      }
    )
    await must(core, 'changes:cancel', { screen: 'users' })
    add(figure('3 stage', 'stage one change + read the page back', stagePair, 'report', () => null))

    // (4) dispatch overhead on a small call.
    const stateQuery = raw.prepare("SELECT undone, staged_at FROM pending_change WHERE screen = ? ORDER BY seq")
    const viaDispatch: number[] = []
    const direct: number[] = []
    const rawState: number[] = []
    for (let i = 0; i < options.reps.dispatch; i++) {
      viaDispatch.push(await time(() => core.dispatch('changes:state', { screen: 'users' })))
      direct.push(await time(() => core.engine.state('users')))
      rawState.push(await time(() => stateQuery.all('users')))
    }
    const us = (s: Stats): Stats => ({ median: s.median * 1000, p95: s.p95 * 1000, n: s.n })
    const d = us(stats(viaDispatch))
    const e = us(stats(direct))
    add(figure('4 dispatch', "'changes:state' through dispatch", { core: d, raw: us(stats(rawState)) }, 'report', () => null, 'µs'))
    add(figure('4 dispatch', "'changes:state' on the engine directly", { core: e, raw: us(stats(rawState)) }, 'report', () => null, 'µs'))
    const overhead = { median: d.median - e.median, p95: d.p95 - e.p95, n: d.n }
    add(figure('4 dispatch', 'dispatch overhead (parse + rights + Result)', { core: overhead, raw: null }, '≤ 50 µs', (f) => f.core.median <= 50, 'µs'))

    // (2) Save of a mixed change set, with validation and audit.
    const eligible = raw.prepare("SELECT associate_id FROM associate WHERE user_type = 'employee' AND retired = 0 AND user_id <> 'ADMIN' ORDER BY associate_id").pluck().all() as number[]
    const size = Math.min(options.stagedChanges, Math.floor(eligible.length / 2))
    const rawSave = createRawSave(raw)
    const saves: number[] = []
    const rawSaves: number[] = []
    let cursor = 0
    const slice = (): number[] => {
      const ids: number[] = []
      for (let i = 0; i < size; i++) ids.push(eligible[(cursor + i) % eligible.length])
      cursor += size
      return ids
    }
    // Round 0 is the first Save of this size in the process (code not yet optimised by V8, caches
    // cold): reported on its own line; the target is judged on the rounds after it, as the list
    // pages are judged after their warm-up.
    for (let i = 0; i <= options.reps.save; i++) {
      stageDirectly(raw, planEdits(readEditable(raw, slice()), site.groupIds))
      saves.push(
        await time(async () => {
          const outcome = await must<{ savedEntries: number }>(core, 'changes:save', { screen: 'users' })
          if (outcome.savedEntries !== size) notes.push(`save ${i}: ${outcome.savedEntries} of ${size} rows saved`)
        })
      )
      const edits = planEdits(readEditable(raw, slice()), site.groupIds)
      rawSaves.push(await time(() => rawSave(edits)))
    }
    const [firstSave, ...laterSaves] = saves
    const [firstRawSave, ...laterRawSaves] = rawSaves
    add(figure('2 save', `first save of ${size} staged changes (cold)`, { core: stats([firstSave]), raw: stats([firstRawSave]) }, 'report', () => null))
    add(figure('2 save', `save ${size} staged changes (validate, apply, audit)`, { core: stats(laterSaves), raw: stats(laterRawSaves) }, '≤ 1.5× raw', (f) => f.ratio !== null && f.ratio <= 1.5))

    // (6) The Users screen in chromium.
    if (options.browser) await options.browser(site, add, notes)
  } finally {
    other.close()
    raw.close()
    await core.close()
  }
  const loadAfter = loadavg()
  notes.push(`load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(2)).join(' ')} (${cpus().length} cores)`)
  return {
    machine: machine(),
    associates: site.associates,
    stagedChanges: options.stagedChanges,
    figures,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    notes
  }
}

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length))
const num = (v: number): string => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2))

/** The results as a Markdown table (stdout and docs/performance.md). */
export function formatTable(r: BenchResults): string {
  const head = ['Figure', 'median', 'p95', 'raw median', 'raw p95', 'ratio', 'target', 'met']
  const rows = r.figures.map((f) => [
    `${f.group}: ${f.name}`,
    `${num(f.core.median)} ${f.unit}`,
    `${num(f.core.p95)} ${f.unit}`,
    f.raw ? `${num(f.raw.median)} ${f.unit}` : '–',
    f.raw ? `${num(f.raw.p95)} ${f.unit}` : '–',
    f.ratio === null ? '–' : `${f.ratio.toFixed(2)}×`,
    f.target,
    f.met === null ? '' : f.met ? 'yes' : 'NO'
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)))
  const line = (cells: string[]): string => `| ${cells.map((c, i) => pad(c, widths[i])).join(' | ')} |`
  return [
    `${r.associates} associates, ${r.stagedChanges} staged changes · ${r.machine.cpu} × ${r.machine.cores} · Node ${r.machine.node} · ${r.machine.date.slice(0, 10)} · load ${r.machine.loadAverage.join(' ')}`,
    '',
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `Peak RSS of the bench process: ${r.peakRssMb} MB`,
    ...r.notes.map((n) => `Note: ${n}`)
  ].join('\n')
}
