import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema'
import type { Clock } from '../clock'
import type { PasswordHasher } from './password'
import { SIGNED_OUT, type Session } from '../session'
import { AppError } from '../../../shared/ipc/result'
import type { AuthStatus, SignInOutcome } from '../../../shared/domain/auth'
import { appendAuditEntry } from '../services/audit.service'
import { readSitePolicy } from '../repos/site-policy.repo'
import { findSiteFacts } from '../repos/site-facts.repo'
import {
  clearFailedAttempts,
  countAdministrators,
  findAdminAccount,
  recordFailedAttempt,
  stampLogin,
  type AdminAccount
} from '../repos/admin-account.repo'
import { failureDelayMs, type Sleep } from './sign-in-delay'

export interface SessionDeps {
  db: Kysely<DB>
  sitePath: string
  clock: Clock
  hasher: PasswordHasher
  /** Holds a refused sign-in back (failureDelayMs); tests record instead of waiting. */
  sleep: Sleep
  /** Told after every sign-in and sign-out (the app sets the window title). */
  onChange?: (status: AuthStatus) => void
  /**
   * CLI and unit tests: a fixed session instead of signing in (whoever runs the CLI can already
   * write the site file). The app and the e2e suite never set it.
   */
  fixed?: () => Session
}

/** The one message for a wrong User ID and a wrong password: it must not tell which. */
export const WRONG_CREDENTIALS = 'The User ID or the password is wrong.'

const AUDIT_SCREEN = 'sign-in'
/** Remembered failures of unknown User IDs, so they are held back like known ones; bounded. */
const MAX_UNKNOWN_TRACKED = 1000

/**
 * The signed-in administrator (SPEC D7), held in main. Signed out by default; sign-in checks
 * the password in constant time against the stored hash, or against a dummy hash when the User
 * ID is unknown, so both mistakes do the same work and get the same answer.
 */
export class SessionService {
  readonly #deps: SessionDeps
  #session: Session = SIGNED_OUT
  #admin: { userId: string; fullName: string } | null = null
  #dummyHash: Promise<string> | null = null
  readonly #unknownFailures = new Map<string, number>()

  constructor(deps: SessionDeps) {
    this.#deps = deps
  }

  /** What `dispatch` checks and the audit records; never includes a credential. */
  readonly current = (): Session => (this.#deps.fixed ? this.#deps.fixed() : this.#session)

  async status(): Promise<AuthStatus> {
    const { db, sitePath } = this.#deps
    const session = this.current()
    const signedIn = session.rights.length > 0
    return {
      needsSetup: (await countAdministrators(db)) === 0,
      signedIn,
      admin: signedIn ? { userId: this.#admin?.userId ?? session.actor, fullName: this.#admin?.fullName ?? session.actor, rights: [...session.rights] } : null,
      sitePath,
      isDemoSite: (await findSiteFacts(db)).isDemo
    }
  }

  async signIn(userId: string, password: string): Promise<SignInOutcome> {
    this.#refuseIfFixed()
    const { db, clock, hasher } = this.#deps
    const account = await findAdminAccount(db, userId)
    // The same scrypt work whether or not the User ID exists (and whether it has a password).
    const stored = account?.secretHash ?? (await this.#dummy())
    const passwordMatches = (await hasher.verify(password, stored)) && account?.secretHash != null
    const now = clock()

    if (account?.secretHash != null && account.lockedUntil !== null && account.lockedUntil > now.toISOString()) {
      return { status: 'locked', lockedUntil: account.lockedUntil, message: lockedMessage(account.lockedUntil) }
    }
    if (!account || !passwordMatches) return this.#refuse(userId, account, now)

    if (!account.canLogIn || account.retired) {
      await this.#audit('signInRefused', account.userId, `${account.userId} may not log in (retired or "Can log in" is off)`, now)
      return { status: 'cannotLogIn', message: `${account.userId} is not allowed to log in (retired, or "Can log in" is off). Ask an administrator.` }
    }
    if (account.rights.length === 0) {
      await this.#audit('signInRefused', account.userId, `${account.userId} has no administrator right`, now)
      return { status: 'notAdmin', message: `${account.userId} cannot open Settings and maintenance: their role has no administrator right (General, User, Role or List administrator).` }
    }
    await this.#start(account, now)
    return { status: 'signedIn', auth: await this.status() }
  }

  /** Signs in the administrator the first-run wizard just created (already inside its audit). */
  async startAfterSetup(userId: string): Promise<AuthStatus> {
    this.#refuseIfFixed()
    const account = await findAdminAccount(this.#deps.db, userId)
    if (!account) throw new AppError('internal', 'The new administrator was not found after set-up.')
    await this.#start(account, this.#deps.clock())
    return this.status()
  }

  async signOut(): Promise<AuthStatus> {
    this.#refuseIfFixed()
    const session = this.#session
    if (session.rights.length > 0 && session.associateId !== undefined) {
      const now = this.#deps.clock()
      const associateId = session.associateId
      await this.#deps.db.transaction().execute(async (trx) => {
        await stampLogin(trx, associateId, 'last_logout_at', now.toISOString())
        await appendAuditEntry(trx, { occurredAt: now.toISOString(), actor: session.actor, screen: AUDIT_SCREEN, action: 'signOut', summary: `${session.actor} signed out`, changes: {} })
      })
    }
    this.#session = SIGNED_OUT
    this.#admin = null
    const status = await this.status()
    this.#deps.onChange?.(status)
    return status
  }

  /** Lifts a lock-out (and the count of wrong passwords) before its time. */
  async unlock(associateId: number): Promise<boolean> {
    const { db, clock } = this.#deps
    const row = await db.selectFrom('credential as c').innerJoin('associate as a', 'a.associate_id', 'c.associate_id').select(['a.user_id', 'c.failed_attempts', 'c.locked_until']).where('c.associate_id', '=', associateId).executeTakeFirst()
    if (!row) throw new AppError('not_found', 'That user has no password, so there is no lock to lift.')
    if (row.failed_attempts === 0 && row.locked_until === null) return false
    const now = clock().toISOString()
    await db.transaction().execute(async (trx) => {
      await clearFailedAttempts(trx, associateId)
      await appendAuditEntry(trx, { occurredAt: now, actor: this.current().actor, screen: AUDIT_SCREEN, action: 'unlock', summary: `Lifted the sign-in lock of ${row.user_id}`, changes: { userId: row.user_id } })
    })
    return true
  }

  async #start(account: AdminAccount, now: Date): Promise<void> {
    await this.#deps.db.transaction().execute(async (trx) => {
      await clearFailedAttempts(trx, account.associateId)
      await stampLogin(trx, account.associateId, 'last_login_at', now.toISOString())
      await appendAuditEntry(trx, {
        occurredAt: now.toISOString(),
        actor: account.userId,
        screen: AUDIT_SCREEN,
        action: 'signIn',
        summary: `${account.userId} signed in (${account.rights.join(', ')})`,
        changes: { rights: account.rights }
      })
    })
    this.#session = { actor: account.userId, rights: [...account.rights], associateId: account.associateId }
    this.#admin = { userId: account.userId, fullName: account.fullName || account.userId }
    this.#unknownFailures.clear()
    this.#deps.onChange?.(await this.status())
  }

  /** A wrong User ID or password: count it, maybe lock, hold the answer back, say the same thing. */
  async #refuse(typedUserId: string, account: AdminAccount | null, now: Date): Promise<SignInOutcome> {
    const { db, clock } = this.#deps
    let failures: number
    if (account?.secretHash != null) {
      const { signIn } = await readSitePolicy(db)
      // A lock that has run out starts a fresh count.
      const previous = account.lockedUntil !== null ? 0 : account.failedAttempts
      failures = previous + 1
      const locks = signIn.lockoutAttempts > 0 && failures >= signIn.lockoutAttempts
      const lockedUntil = locks ? new Date(now.getTime() + signIn.lockoutMinutes * 60_000).toISOString() : null
      await db.transaction().execute(async (trx) => {
        await recordFailedAttempt(trx, account.associateId, failures, lockedUntil)
        await appendAuditEntry(trx, { occurredAt: now.toISOString(), actor: account.userId, screen: AUDIT_SCREEN, action: 'signInFailed', summary: `Wrong password for ${account.userId} (${failures} in a row)`, changes: { failures } })
        if (lockedUntil) {
          await appendAuditEntry(trx, { occurredAt: now.toISOString(), actor: account.userId, screen: AUDIT_SCREEN, action: 'lockout', summary: `${account.userId} locked out until ${lockedUntil} after ${failures} wrong passwords`, changes: { lockedUntil } })
        }
      })
      await this.#deps.sleep(failureDelayMs(failures))
      if (lockedUntil) return { status: 'locked', lockedUntil, message: lockedMessage(lockedUntil) }
    } else {
      // The typed text is not recorded: people type passwords into the User ID field.
      const key = typedUserId.trim().toLowerCase()
      failures = (this.#unknownFailures.get(key) ?? 0) + 1
      if (this.#unknownFailures.size >= MAX_UNKNOWN_TRACKED) this.#unknownFailures.clear()
      this.#unknownFailures.set(key, failures)
      await this.#audit('signInFailed', '(unknown)', 'Sign-in with an unknown User ID or a user without a password', clock())
      await this.#deps.sleep(failureDelayMs(failures))
    }
    return { status: 'wrong', message: WRONG_CREDENTIALS }
  }

  async #audit(action: string, actor: string, summary: string, now: Date): Promise<void> {
    // In a transaction: the entry and the chain head in site_meta are written together.
    await this.#deps.db.transaction().execute((trx) => appendAuditEntry(trx, { occurredAt: now.toISOString(), actor, screen: AUDIT_SCREEN, action, summary, changes: {} }))
  }

  /** A hash of a random password with the site's own parameters: verifying it costs what a real one does. */
  #dummy(): Promise<string> {
    this.#dummyHash ??= this.#deps.hasher.hash(randomBytes(18).toString('base64'))
    return this.#dummyHash
  }

  #refuseIfFixed(): void {
    if (this.#deps.fixed) throw new AppError('not_allowed', 'This session was started without signing in (command line or test); it cannot sign in or out.')
  }
}

function lockedMessage(until: string): string {
  return `Too many wrong passwords: this user is locked out until ${until.slice(0, 16).replace('T', ' ')} UTC. Another administrator can lift the lock on the Users screen.`
}
