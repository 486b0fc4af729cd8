import type { Handlers, CoreDeps } from './handlers'
import { findCompaniesToAdd, getAssociateCard, groupOverview, licenceOverview, listAssociates, listOtherUsers, listOurCompanies } from './services/users.service'
import { groupMembers, licenceHolders } from './services/user-members.service'
import { clonePreview, cloneUser, explainUser, removalPreflight } from './services/user-tasks.service'

type UsersChannel = Extract<keyof Handlers, `users:${string}`>

/** The Users screen's channels (issue 6). Thin: rules live in the user kinds and services. */
export function createUsersHandlers(deps: CoreDeps): Pick<Handlers, UsersChannel> {
  const db = deps.site.db
  const users = deps.users
  return {
    'users:list': (query) => listAssociates(db, users, query),
    'users:get': ({ id }) => getAssociateCard(db, users, id),
    'users:otherUsers': () => listOtherUsers(db, users),
    'users:ourCompanies': async () => ({ rows: await listOurCompanies(db, users) }),
    'users:findCompanies': async ({ text, match, limit }) => ({ rows: await findCompaniesToAdd(db, text, match, limit) }),
    'users:licences': async () => ({ rows: await licenceOverview(db, users) }),
    'users:licenceHolders': ({ moduleName, offset, limit }) => licenceHolders(db, users, moduleName, offset, limit),
    'users:groups': async () => ({ rows: await groupOverview(db, users) }),
    'users:groupMembers': ({ groupId, offset, limit }) => groupMembers(db, users, groupId, offset, limit),
    'users:removalPreflight': ({ id }) => removalPreflight(db, users, id),
    'users:clonePreview': ({ sourceId, firstName, lastName }) => clonePreview(db, users, sourceId, firstName, lastName),
    'users:clone': (input) => cloneUser(db, users, input),
    'users:explain': ({ id }) => explainUser(db, users, id)
  }
}
