/**
 * Administrator functional rights that open parts of the app (SPEC D7). `admin-all` implies all.
 * A channel names the right it needs; `none` channels are open to any signed-in admin and
 * `public` ones (sign-in, first-run set-up, app info) also to nobody-signed-in-yet.
 */
export const ADMIN_RIGHTS = ['admin-all', 'admin-users', 'admin-role', 'admin-lists'] as const
export type AdminRight = (typeof ADMIN_RIGHTS)[number]
export type ChannelRight = AdminRight | 'none' | 'public'

/** Signed out = no admin rights: nobody without one may sign in, so an empty list means no session. */
export function hasRight(held: readonly AdminRight[], needed: ChannelRight): boolean {
  if (needed === 'public') return true
  if (held.length === 0) return false
  return needed === 'none' || held.includes('admin-all') || held.includes(needed)
}
