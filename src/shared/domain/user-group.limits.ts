/**
 * Limits of a user group's fields, kept free of zod so the renderer can show them without
 * bundling the schema library; user-group.ts builds the schemas from the same numbers.
 */
export const USER_GROUP_NAME_MAX = 60
export const USER_GROUP_TOOLTIP_MAX = 200
export const RANK_MAX = 1_000_000
