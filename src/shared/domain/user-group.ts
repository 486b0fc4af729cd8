import { z } from 'zod'

import { RANK_MAX, USER_GROUP_NAME_MAX, USER_GROUP_TOOLTIP_MAX } from './user-group.limits'

// Main enforces the limits the Lists screen's fields show; the UI only helps.
export { RANK_MAX, USER_GROUP_NAME_MAX, USER_GROUP_TOOLTIP_MAX }

/** Fields an admin can stage on a user group. Every field optional: a change sets only what it names. */
export const userGroupValuesSchema = z.strictObject({
  name: z.string().max(USER_GROUP_NAME_MAX, `A user group name can be at most ${USER_GROUP_NAME_MAX} characters.`),
  tooltip: z.string().max(USER_GROUP_TOOLTIP_MAX, `A tooltip can be at most ${USER_GROUP_TOOLTIP_MAX} characters.`),
  rank: z.number().int('Rank must be a whole number.').min(0, 'Rank cannot be negative.').max(RANK_MAX),
  deleted: z.boolean()
}).partial()
export type UserGroupValues = z.infer<typeof userGroupValuesSchema>

export const userGroupRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  tooltip: z.string(),
  rank: z.number(),
  deleted: z.boolean(),
  /** saved = as in the database; new / changed = affected by the pending change set. */
  status: z.enum(['saved', 'new', 'changed']),
  changedFields: z.array(z.string())
})
export type UserGroupRow = z.infer<typeof userGroupRowSchema>
