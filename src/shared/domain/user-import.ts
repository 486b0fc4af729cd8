import { z } from 'zod'
import { associateListQuerySchema } from './user'

/**
 * Import → Users from CSV and the Users screen's Export (issue 10): the columns a users file can
 * hold, how header names suggest a mapping, and what main reports back. Export writes the same
 * columns, so an exported file imports again without changes.
 */

export const IMPORT_TARGETS = ['firstName', 'lastName', 'email', 'phone', 'userId', 'company', 'role', 'primaryGroup', 'otherGroups', 'licences'] as const
export const importTargetSchema = z.enum(IMPORT_TARGETS)
export type ImportTarget = z.infer<typeof importTargetSchema>

/** Separators a file may use; Norwegian Excel writes semicolons, English Excel commas. */
export const CSV_SEPARATORS = [',', ';', '\t'] as const
export const csvSeparatorSchema = z.enum(CSV_SEPARATORS)
export type CsvSeparator = z.infer<typeof csvSeparatorSchema>

/** More columns than any users file needs; a wider file is almost certainly not one. */
export const MAX_IMPORT_COLUMNS = 200

/** Which file column (0-based) feeds each target; an absent target is not imported. */
export const importMappingSchema = z.partialRecord(importTargetSchema, z.number().int().min(0).max(MAX_IMPORT_COLUMNS - 1))
export type ImportMapping = z.infer<typeof importMappingSchema>

/** The headers Export writes, per interface language (and the first names suggestion knows). */
export const EXPORT_HEADERS: Record<'en' | 'nb', Record<ImportTarget, string>> = {
  en: {
    firstName: 'First name',
    lastName: 'Last name',
    email: 'E-mail',
    phone: 'Phone',
    userId: 'User ID',
    company: 'Company',
    role: 'Role',
    primaryGroup: 'Primary group',
    otherGroups: 'Other groups',
    licences: 'Licences'
  },
  nb: {
    firstName: 'Fornavn',
    lastName: 'Etternavn',
    email: 'E-post',
    phone: 'Telefon',
    userId: 'Bruker-ID',
    company: 'Firma',
    role: 'Rolle',
    primaryGroup: 'Primærgruppe',
    otherGroups: 'Andre grupper',
    licences: 'Lisenser'
  }
}

/** Header names people use for each target, English and Norwegian, compared after `headerKey`. */
const HEADER_NAMES: Record<ImportTarget, readonly string[]> = {
  firstName: ['first name', 'firstname', 'given name', 'forename', 'fornavn'],
  lastName: ['last name', 'lastname', 'surname', 'family name', 'etternavn'],
  email: ['e-mail', 'email', 'e-mail address', 'email address', 'mail', 'e-post', 'epost', 'e-postadresse'],
  phone: ['phone', 'telephone', 'phone number', 'mobile', 'mobile phone', 'telefon', 'telefonnummer', 'tlf', 'mobil', 'mobiltelefon'],
  userId: ['user id', 'userid', 'user', 'login', 'login name', 'username', 'user name', 'bruker-id', 'brukerid', 'bruker', 'brukernavn', 'pålogging', 'påloggingsnavn'],
  company: ['company', 'company name', 'our company', 'organisation', 'organization', 'firma', 'firmanavn', 'selskap', 'bedrift'],
  role: ['role', 'user role', 'rolle', 'brukerrolle'],
  primaryGroup: ['primary group', 'group', 'user group', 'main group', 'primærgruppe', 'gruppe', 'brukergruppe', 'hovedgruppe'],
  otherGroups: ['other groups', 'groups', 'additional groups', 'secondary groups', 'andre grupper', 'grupper', 'øvrige grupper', 'tilleggsgrupper'],
  licences: ['licences', 'licenses', 'licence', 'license', 'user licences', 'user licenses', 'lisenser', 'lisens', 'brukerlisenser']
}

/** "E-mail address " and "e_mail-address" compare equal: case, spaces, dashes and underscores ignored. */
export function headerKey(header: string): string {
  return header.normalize('NFC').toLocaleLowerCase('nb').replace(/[\s_\-.:]+/g, '')
}

/**
 * A mapping suggested from the header row: each target takes the first column whose header is
 * one of its known names, and no column feeds two targets.
 */
export function suggestMapping(headers: readonly string[]): ImportMapping {
  const mapping: ImportMapping = {}
  const used = new Set<number>()
  for (const target of IMPORT_TARGETS) {
    const names = new Set(HEADER_NAMES[target].map(headerKey))
    const index = headers.findIndex((h, i) => !used.has(i) && names.has(headerKey(h)))
    if (index >= 0) {
      mapping[target] = index
      used.add(index)
    }
  }
  return mapping
}

/** Other groups and licences in one cell: "Sales, Marketing" (semicolons work too). */
export function splitListCell(cell: string): string[] {
  return cell
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
}

// ---- what main reports ------------------------------------------------------------------------

export const importColumnSchema = z.object({
  index: z.number().int(),
  header: z.string(),
  /** The first few non-empty values, so the admin recognises the column. */
  samples: z.array(z.string())
})
export type ImportColumn = z.infer<typeof importColumnSchema>

export const importTokenSchema = z.uuid()

export const importFileOutputSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('cancelled') }),
  z.object({
    status: z.literal('loaded'),
    /** Main keeps the parsed file; the renderer pages through it with this token. */
    token: importTokenSchema,
    fileName: z.string(),
    separator: csvSeparatorSchema,
    /** Data rows (the header row not counted). */
    rows: z.number().int(),
    columns: z.array(importColumnSchema),
    suggested: importMappingSchema
  })
])

export const IMPORT_ROW_STATUSES = ['create', 'update', 'unchanged', 'error'] as const
export const importRowStatusSchema = z.enum(IMPORT_ROW_STATUSES)
export type ImportRowStatus = z.infer<typeof importRowStatusSchema>

export const importSummarySchema = z.object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int(), error: z.number().int() })
export type ImportSummary = z.infer<typeof importSummarySchema>

export const importCheckOutputSchema = z.object({
  checked: z.number().int(),
  total: z.number().int(),
  done: z.boolean(),
  /** Set once every row is checked. */
  summary: importSummarySchema.nullable(),
  /** Whole-file findings that are not one row's fault (seats), in English; Save refuses them. */
  notices: z.array(z.string())
})
export type ImportCheck = z.infer<typeof importCheckOutputSchema>

export const importProblemSchema = z.object({
  /** The column at fault; null for the row as a whole (extra cells, a broken quote). */
  target: importTargetSchema.nullable(),
  message: z.string()
})
export type ImportProblem = z.infer<typeof importProblemSchema>

export const importPreviewRowSchema = z.object({
  /** The row's number as a spreadsheet shows it (the header is row 1). */
  row: z.number().int(),
  status: importRowStatusSchema,
  /** The mapped cells as read (trimmed). */
  values: z.partialRecord(importTargetSchema, z.string()),
  /** For an existing user: the mapped columns whose value differs from the user's. */
  changed: z.array(importTargetSchema),
  problems: z.array(importProblemSchema)
})
export type ImportPreviewRow = z.infer<typeof importPreviewRowSchema>

export const IMPORT_PREVIEW_FILTERS = ['all', ...IMPORT_ROW_STATUSES] as const
export const importPreviewFilterSchema = z.enum(IMPORT_PREVIEW_FILTERS)
export type ImportPreviewFilter = z.infer<typeof importPreviewFilterSchema>

export const importPreviewOutputSchema = z.object({ total: z.number().int(), offset: z.number().int(), rows: z.array(importPreviewRowSchema) })

/** Export: the Associates tab's current filter and sort, without paging (every matching user). */
export const usersExportInputSchema = z.strictObject({
  filter: associateListQuerySchema.omit({ offset: true, limit: true }),
  separator: z.enum([',', ';']),
  /** The header row's language: the interface language, so the admin recognises the columns. */
  language: z.enum(['en', 'nb']).default('en')
})
