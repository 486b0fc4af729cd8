import { z } from 'zod'

// Kept apart from change-set.ts so entity schemas (role.ts) can use it without an import cycle.

/** A saved row's id ("12") or a row created in the pending set ("new:3"). */
export const entityIdSchema = z.string().regex(/^(?:[1-9]\d{0,14}|new:[1-9]\d{0,8})$/, 'Not a valid row id.')
export const isNewId = (id: string): boolean => id.startsWith('new:')
