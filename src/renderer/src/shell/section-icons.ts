import {
  mdiAccountMultiple,
  mdiApps,
  mdiChartLine,
  mdiChatOutline,
  mdiCogOutline,
  mdiDatabaseImport,
  mdiFaceAgent,
  mdiFormTextbox,
  mdiFormatListBulleted,
  mdiLicense,
  mdiMonitorDashboard,
  mdiPaletteOutline,
  mdiRobotOutline,
  mdiScriptTextOutline,
  mdiShieldAccount,
  mdiShieldLockOutline,
  mdiSitemap,
  mdiStorefrontOutline,
  mdiSync,
  mdiTune
} from '@mdi/js'
import type { SectionId } from '../../../shared/domain/sections'

/** One icon per Navigator section (a Record, so a new section without an icon is a type error). */
export const SECTION_ICONS: Record<SectionId, string> = {
  licences: mdiLicense,
  users: mdiAccountMultiple,
  roles: mdiShieldAccount,
  privacy: mdiShieldLockOutline,
  saint: mdiChartLine,
  aiServices: mdiRobotOutline,
  lists: mdiFormatListBulleted,
  quoteSync: mdiSync,
  workflow: mdiSitemap,
  screenDesigner: mdiMonitorDashboard,
  preferences: mdiTune,
  chat: mdiChatOutline,
  options: mdiCogOutline,
  import: mdiDatabaseImport,
  fields: mdiFormTextbox,
  crmScript: mdiScriptTextOutline,
  requests: mdiFaceAgent,
  customerCentre: mdiStorefrontOutline,
  systemDesign: mdiPaletteOutline,
  appStore: mdiApps
}
