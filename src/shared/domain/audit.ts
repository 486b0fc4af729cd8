import { z } from 'zod'
import { isoDateSchema } from './licence'

/** Licences → Status: the audit log's filters. Dates are whole days, both ends included. */
export const auditFilterSchema = z.strictObject({
  actor: z.string().max(200).nullable().default(null),
  screen: z.string().max(60).nullable().default(null),
  from: isoDateSchema.nullable().default(null),
  to: isoDateSchema.nullable().default(null)
})
export type AuditFilter = z.input<typeof auditFilterSchema>

export const auditRowSchema = z.object({
  id: z.number().int(),
  occurredAt: z.string(),
  actor: z.string(),
  screen: z.string(),
  action: z.string(),
  summary: z.string(),
  /** Field changes as "Label: old → new" lines (passwords only ever "changed"). */
  details: z.array(z.string())
})
export type AuditRow = z.infer<typeof auditRowSchema>

export const auditPageSchema = z.object({
  total: z.number().int(),
  rows: z.array(auditRowSchema),
  /** Choices for the filters: every actor and screen the log names. */
  actors: z.array(z.string()),
  screens: z.array(z.string())
})

export const auditVerifySchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  brokenAt: z.object({ auditEntryId: z.number().int(), reason: z.enum(['prev_hash', 'row_hash', 'missing_tail', 'head']) }).nullable(),
  message: z.string()
})

export const auditExportSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('cancelled') }),
  z.object({ status: z.literal('saved'), path: z.string(), rows: z.number().int() })
])
