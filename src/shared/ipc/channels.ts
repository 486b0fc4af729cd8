/**
 * Every IPC channel name, and nothing else: the sandboxed preload imports this file, so it must
 * stay free of dependencies. contract.ts pairs each name with its schemas and a type check keeps
 * the two lists identical.
 */
export const CHANNELS = [
  'app:info',
  'app:openExternal',
  'site:summary',
  'licences:owners',
  'licences:holders',
  'licences:status',
  'licences:loadFile',
  'licences:preview',
  'licences:activate',
  'licences:whoLosesAccess',
  'licences:openShop',
  'changes:state',
  'changes:stage',
  'changes:undo',
  'changes:redo',
  'changes:preview',
  'changes:save',
  'changes:cancel',
  'userGroups:list',
  'roles:list',
  'roles:get',
  'roles:functionalRights',
  'snapshots:list',
  'snapshots:take',
  'snapshots:compare',
  'snapshots:restore',
  'users:list',
  'users:get',
  'users:otherUsers',
  'users:ourCompanies',
  'users:findCompanies',
  'users:licences',
  'users:licenceHolders',
  'users:groups',
  'users:groupMembers',
  'users:removalPreflight',
  'users:clonePreview',
  'users:clone',
  'users:explain',
  'auth:status',
  'auth:signIn',
  'auth:signOut',
  'auth:unlock',
  'setup:loadLicenceFile',
  'setup:complete',
  'preferences:passwordPolicy',
  'preferences:get',
  'audit:list',
  'audit:verify',
  'audit:export',
  'import:chooseUsersFile',
  'import:checkUsers',
  'import:previewUsers',
  'import:stageUsers',
  'import:closeUsersFile',
  'export:users'
] as const
export type Channel = (typeof CHANNELS)[number]

/** Main → renderer notifications (menu commands). Listed here for the same reason. */
export const MENU_COMMAND_EVENT = 'menu:command'
export const MENU_COMMANDS = ['save', 'cancel', 'undo', 'redo', 'snapshots', 'signOut'] as const
export type MenuCommand = (typeof MENU_COMMANDS)[number]
