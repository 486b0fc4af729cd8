/**
 * Administrator functional rights that open parts of the app (SPEC D7). `admin-all` implies all.
 * A channel names the right it needs; `none` channels are open to any signed-in admin.
 */
export const ADMIN_RIGHTS = ['admin-all', 'admin-users', 'admin-role', 'admin-lists'] as const
export type AdminRight = (typeof ADMIN_RIGHTS)[number]
export type ChannelRight = AdminRight | 'none'

export function hasRight(held: readonly AdminRight[], needed: ChannelRight): boolean {
  return needed === 'none' || held.includes('admin-all') || held.includes(needed)
}
