import type { Scalar, Screen } from '../../../shared/domain/change-set'
import type { ApplyReport } from '../../core/provisioning/apply-provisioning'

const SCREEN_TITLES: Record<Screen, string> = { preferences: 'Preferences', lists: 'Lists', roles: 'Roles', users: 'Users' }
/** Per screen, rows listed in full before the rest are summed up (a 100,000-user file stays readable). */
const ROWS_SHOWN = 200

const show = (v: Scalar): string => (v === null || v === '' ? '–' : typeof v === 'string' ? v : String(v))

/**
 * `smadmin apply`'s human-readable outcome: per screen the same diff Save's dialog shows (row,
 * then each field old → new), its consequences (seats, logins), licences activated, and where
 * generated passwords went. A run that changes nothing says so in one line.
 */
export function formatApplyReport(report: ApplyReport, where: { filePath: string; sitePath: string; passwordsFile: string | null; snapshot: string | null }): string[] {
  if (!report.changed) return [`Nothing to do: ${where.sitePath} already matches ${where.filePath}.`]
  const lines: string[] = [
    report.dryRun ? `Dry run: applying ${where.filePath} to ${where.sitePath} would make these changes. Nothing was written.` : `Applied ${where.filePath} to ${where.sitePath}:`
  ]
  for (const { screen, entries, consequences } of report.screens) {
    lines.push('', `${SCREEN_TITLES[screen]} (${entries.length} ${entries.length === 1 ? 'row' : 'rows'})`)
    for (const entry of entries.slice(0, ROWS_SHOWN)) {
      lines.push(`  ${entry.action === 'create' ? 'new' : 'change'} ${entry.entity} ${entry.label}${entry.affectedUsers ? ` (${entry.affectedUsers} users)` : ''}`)
      for (const f of entry.fields) lines.push(`      ${f.label ?? f.field}: ${show(f.old)} → ${show(f.new)}`)
    }
    if (entries.length > ROWS_SHOWN) lines.push(`  … and ${entries.length - ROWS_SHOWN} more rows (use --json for all of them)`)
    for (const c of consequences) lines.push(`  ! ${c.message}`)
  }
  if (report.licences.length > 0) {
    lines.push('', 'Licences')
    for (const l of report.licences) lines.push(`  activate the licence of ${l.ownerName} (${l.changedLicences} ${l.changedLicences === 1 ? 'licence' : 'licences'} changed)`)
  }
  if (report.ownerCompany) lines.push('', `Owner company: ${report.ownerCompany.from ?? '–'} → ${report.ownerCompany.to}`)
  if (report.passwordHashesSet.length > 0) lines.push('', `Password hashes copied for ${report.passwordHashesSet.length} ${report.passwordHashesSet.length === 1 ? 'user' : 'users'}.`)
  const generated = report.generatedPasswords.length
  if (generated > 0) {
    lines.push(
      '',
      report.dryRun
        ? `${generated} ${generated === 1 ? 'password' : 'passwords'} would be generated.`
        : `${generated} generated ${generated === 1 ? 'password was' : 'passwords were'} written to ${where.passwordsFile} (readable by you only). Hand them out, then delete the file.`
    )
  }
  if (where.snapshot) lines.push('', `A snapshot was taken first: ${where.snapshot} (smadmin snapshot restore puts it back into a new file).`)
  return lines
}
