import type { EntityKind } from './entity-kind'
import { createAssociateKind } from './associate.kind'
import { createOtherUserKind } from './other-user.kind'
import { createOurCompanyKind } from './our-company.kind'
import type { CreatedIds, UserDeps } from './user-context'

/**
 * The Users screen's kinds, in apply order: companies first (new associates may belong to a
 * company created in the same Save), then associates, then other users. They share one map of
 * ids created during a Save.
 */
export function createUserKinds(deps: UserDeps): EntityKind[] {
  const created: CreatedIds = new Map()
  return [createOurCompanyKind(deps, created), createAssociateKind(deps, created), createOtherUserKind(deps)]
}
