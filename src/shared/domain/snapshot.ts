import { z } from 'zod'

/** Why a snapshot was taken (SPEC A3.10): on demand, or automatically before a risky step. */
export const SNAPSHOT_REASONS = ['manual', 'before-migration', 'before-licence-activation', 'before-provisioning'] as const
export type SnapshotReason = (typeof SNAPSHOT_REASONS)[number]

/**
 * A snapshot's file name: "<ISO time with - for : and .>--<reason>[-N].smsite", e.g.
 * "2026-11-23T10-00-00-000Z--manual.smsite". The name is the only handle the renderer and the
 * CLI pass back, so it is checked against this pattern before it touches a path.
 */
export const SNAPSHOT_NAME_PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)--(manual|before-migration|before-licence-activation|before-provisioning)(?:-(\d{1,4}))?\.smsite$/

export const snapshotNameSchema = z.string().max(120).regex(SNAPSHOT_NAME_PATTERN, 'Not a snapshot name.')

export const snapshotInfoSchema = z.object({
  name: z.string(),
  takenAt: z.string(),
  reason: z.enum(SNAPSHOT_REASONS),
  sizeBytes: z.number().int()
})
export type SnapshotInfo = z.infer<typeof snapshotInfoSchema>

const scalar = z.union([z.string(), z.number(), z.null()])

export const snapshotRowRefSchema = z.object({ key: z.string(), label: z.string() })

export const snapshotRowChangeSchema = snapshotRowRefSchema.extend({
  fields: z.array(z.object({ field: z.string(), old: scalar, new: scalar }))
})

/** One kind of thing compared (users, groups, roles, …), keyed by its natural key. */
export const snapshotSectionDiffSchema = z.object({
  section: z.string(),
  title: z.string(),
  added: z.array(snapshotRowRefSchema),
  removed: z.array(snapshotRowRefSchema),
  changed: z.array(snapshotRowChangeSchema),
  /** Set when one side lacks what this section reads (an older schema); then the lists are empty. */
  unavailable: z.string().optional()
})
export type SnapshotSectionDiff = z.infer<typeof snapshotSectionDiffSchema>

/** "Compare": what changed from `a` (older) to `b` (newer, or "live"). */
export const snapshotComparisonSchema = z.object({
  a: z.string(),
  b: z.string(),
  sections: z.array(snapshotSectionDiffSchema)
})
export type SnapshotComparison = z.infer<typeof snapshotComparisonSchema>

export const snapshotRestoreOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('restored'), path: z.string() }),
  z.object({ status: z.literal('cancelled') })
])

/** The comparison as plain text (the CLI prints it; readers without the UI get the same report). */
export function formatSnapshotComparison(report: SnapshotComparison): string {
  const lines = [`Changes from ${report.a} to ${report.b}:`]
  let any = false
  for (const s of report.sections) {
    if (s.unavailable) {
      lines.push(`${s.title}: not compared (${s.unavailable})`)
      continue
    }
    if (s.added.length + s.removed.length + s.changed.length === 0) continue
    any = true
    lines.push(`${s.title}:`)
    for (const row of s.added) lines.push(`  + ${row.label}`)
    for (const row of s.removed) lines.push(`  - ${row.label}`)
    for (const row of s.changed) {
      lines.push(`  ~ ${row.label}`)
      for (const f of row.fields) lines.push(`      ${f.field}: ${show(f.old)} → ${show(f.new)}`)
    }
  }
  if (!any) lines.push('  no differences in users, groups, roles, rights, licences or assignments')
  return lines.join('\n')
}

function show(value: string | number | null): string {
  return value === null ? '(none)' : typeof value === 'string' ? JSON.stringify(value) : String(value)
}
