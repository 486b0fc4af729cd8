import type { AdminRight } from '../../shared/ipc/rights'

/** Who is acting: the name audit entries record and the admin rights `dispatch` checks. */
export interface Session {
  actor: string
  rights: AdminRight[]
}

/**
 * Until sign-in exists (issue 7) whoever opens the site file on their own machine acts as a
 * general administrator under their operating-system user name. The sign-in issue replaces this.
 */
export function localSession(osUserName: string): Session {
  return { actor: `local:${osUserName}`, rights: ['admin-all'] }
}
