import type { EntityKind } from './entity-kind'
import { userGroupKind } from './user-group.kind'
import { roleKind } from './role.kind'
import { passwordPolicyKind } from './password-policy.kind'
import { createUserKinds } from './user-kinds'
import type { UserDeps } from './user-context'

/** Every entity kind the change-set engine knows; a new screen registers its kinds here. */
export const ENTITY_KINDS: readonly EntityKind[] = [userGroupKind, roleKind, passwordPolicyKind]

/** The static kinds plus the Users screen's, which need the site's services (licence trust, hashing). */
export function allEntityKinds(userDeps: UserDeps): EntityKind[] {
  return [...ENTITY_KINDS, ...createUserKinds(userDeps)]
}
