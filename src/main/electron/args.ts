import { extname, join, resolve } from 'node:path'

/** Where the site to open came from; the app asks before creating a missing file unless it is the per-user default. */
export type SiteSource = 'command-line' | 'machine-config' | 'user-default'

/** Command-line flags of the app (docs/deployment.md): `--site PATH` opens another site file. */
export interface AppArgs {
  sitePath: string
  /** True unless the site is the per-user default (which is created silently on first start). */
  siteGiven: boolean
  siteSource: SiteSource
}

export class ArgsError extends Error {}

/** The extension the installers associate with the app (electron-builder.yml fileAssociations). */
export const SITE_FILE_EXTENSION = '.smsite'

/**
 * The site to open, by precedence: `--site PATH` (the last one wins) > a site file passed as a
 * plain argument (how Windows and Linux hand over a double-clicked .smsite file) > the machine-wide
 * configuration's defaultSitePath > `<userData>/sites/default.smsite`.
 */
export function parseAppArgs(argv: readonly string[], userDataDir: string, machineDefaultSitePath?: string): AppArgs {
  let sitePath: string | undefined
  let openedFile: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--site') {
      const value = argv[i + 1]
      if (!value || value.startsWith('--')) throw new ArgsError('--site needs a file path, for example --site "C:\\Sites\\crm.smsite".')
      sitePath = value
      i++
    } else if (arg.startsWith('--site=')) {
      sitePath = arg.slice('--site='.length)
      if (!sitePath) throw new ArgsError('--site needs a file path, for example --site=/srv/crm.smsite.')
    } else if (!arg.startsWith('-') && extname(arg).toLowerCase() === SITE_FILE_EXTENSION) {
      // Only .smsite arguments: Electron and Chromium put other plain arguments on the command line too.
      openedFile = arg
    }
  }
  const given = sitePath ?? openedFile
  if (given) return { sitePath: resolve(given), siteGiven: true, siteSource: 'command-line' }
  if (machineDefaultSitePath) return { sitePath: machineDefaultSitePath, siteGiven: true, siteSource: 'machine-config' }
  return { sitePath: join(userDataDir, 'sites', 'default.smsite'), siteGiven: false, siteSource: 'user-default' }
}
