import type { AdminRight } from '../../shared/ipc/rights'

/**
 * Who is acting: the name audit entries record and the admin rights `dispatch` checks. No rights
 * means nobody is signed in (an associate without an admin right can never sign in).
 */
export interface Session {
  actor: string
  rights: AdminRight[]
  /** The signed-in associate: the self-protection rules ("not yourself") key on it. */
  associateId?: number
}

/** Nobody signed in: only the `public` channels (sign-in, set-up, app info) answer. */
export const SIGNED_OUT: Session = Object.freeze({ actor: '(signed out)', rights: [] as AdminRight[] }) as Session

/**
 * A general administrator under the operating-system user's name, without signing in. Only for
 * the CLI (whoever runs it can already write the site file) and tests; the app always signs in.
 */
export function localSession(osUserName: string): Session {
  return { actor: `local:${osUserName}`, rights: ['admin-all'] }
}
