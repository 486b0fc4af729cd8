import type { EntityKind } from './entity-kind'
import { userGroupKind } from './user-group.kind'
import { roleKind } from './role.kind'

/** Every entity kind the change-set engine knows; a new screen registers its kinds here. */
export const ENTITY_KINDS: readonly EntityKind[] = [userGroupKind, roleKind]
