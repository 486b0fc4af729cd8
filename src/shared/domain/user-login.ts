import { explainLogin, type HeldLicence } from './licence-rules'
import type { LoginBlock, LoginStatus } from './user'

/** What decides whether one user can log in to the CRM (SPEC §2.3, §3.4). */
export interface LoginFacts {
  userType: string
  canLogIn: boolean
  retired: boolean
  /** The user holds a live employee role. */
  hasEmployeeRole: boolean
  /** Licences held, each saying whether its owner still grants it today. */
  held: readonly HeldLicence[]
}

const MESSAGES: Record<LoginBlock, string> = {
  'not-employee': 'only employees log in to the CRM client',
  retired: 'a former employee',
  'login-off': '"Can log in" is off',
  'no-role': 'no role',
  'no-login-licence': 'no login right (the "user" licence)',
  'login-licence-ended': 'the owner of the login licence has expired',
  'no-client-licence': 'no client licence such as Standard CRM',
  'client-licences-ended': 'the owner of the client licence has expired'
}

/**
 * Login status with every reason at once, in the order an admin would fix them: the flags on the
 * card first, then the licences by the shared rule in licence-rules.ts (owner expiry included).
 */
export function loginStatusOf(facts: LoginFacts): LoginStatus {
  const reasons: LoginBlock[] = []
  if (facts.userType !== 'employee') reasons.push('not-employee')
  if (facts.retired) reasons.push('retired')
  if (!facts.canLogIn) reasons.push('login-off')
  if (!facts.hasEmployeeRole) reasons.push('no-role')
  for (const reason of explainLogin(facts.held).reasons) reasons.push(reason.code)
  return {
    canLogIn: reasons.length === 0,
    reasons,
    message: reasons.length === 0 ? 'Can log in.' : `Cannot log in: ${reasons.map((r) => MESSAGES[r]).join('; ')}.`
  }
}
