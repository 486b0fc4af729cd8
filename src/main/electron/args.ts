import { join, resolve } from 'node:path'

/** Command-line flags of the app (docs/deployment.md): `--site PATH` opens another site file. */
export interface AppArgs {
  sitePath: string
  siteGiven: boolean
}

export class ArgsError extends Error {}

export function parseAppArgs(argv: readonly string[], userDataDir: string): AppArgs {
  let sitePath: string | undefined
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
    }
  }
  return sitePath
    ? { sitePath: resolve(sitePath), siteGiven: true }
    : { sitePath: join(userDataDir, 'sites', 'default.smsite'), siteGiven: false }
}
