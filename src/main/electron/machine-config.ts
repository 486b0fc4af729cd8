import { posix, win32 } from 'node:path'
import { z } from 'zod'
import { LANGUAGES } from '../../shared/domain/languages'

/**
 * The machine-wide configuration file (docs/deployment.md): IT presets, for every user of a
 * machine, the site the app opens and the interface language. A missing file is the normal case;
 * a file that is there but unreadable or invalid stops start-up with a message naming the file
 * and the problem, so a typo never half-applies a rollout.
 *
 * Pure: platform, environment and file reading come in as parameters, so tests need no Electron.
 */

/** Names another file instead of the per-OS location (tests, or IT staging a config). */
export const MACHINE_CONFIG_ENV = 'SM_MACHINE_CONFIG'

const FOLDER_NAME = 'Settings and maintenance'

export class MachineConfigError extends Error {}

// Strict: an unknown key is far more likely a typo ("langauge") than a setting from a newer version.
const machineConfigSchema = z.strictObject({
  defaultSitePath: z.string().min(1).optional(),
  language: z.enum(LANGUAGES).optional()
})
export type MachineConfig = z.infer<typeof machineConfigSchema>

export interface MachineConfigEnvironment {
  platform: NodeJS.Platform
  env: Readonly<Record<string, string | undefined>>
}

export interface LoadedMachineConfig {
  /** The file that was looked for (shown in errors and logged at start-up). */
  path: string
  /** False when there is no file: every setting then keeps its per-user default. */
  found: boolean
  config: MachineConfig
}

const pathModule = (platform: NodeJS.Platform) => (platform === 'win32' ? win32 : posix)

/** Where the file is looked for: SM_MACHINE_CONFIG if set (and not empty), else the OS's machine-wide folder. */
export function machineConfigPath({ platform, env }: MachineConfigEnvironment): { path: string; fromEnv: boolean } {
  const override = env[MACHINE_CONFIG_ENV]
  if (override) return { path: override, fromEnv: true }
  switch (platform) {
    case 'win32':
      // Node's process.env is case-insensitive on Windows; a plain object (tests) may use either spelling.
      return { path: win32.join(env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData', FOLDER_NAME, 'config.json'), fromEnv: false }
    case 'darwin':
      return { path: posix.join('/Library/Application Support', FOLDER_NAME, 'config.json'), fromEnv: false }
    default:
      return { path: '/etc/settings-and-maintenance/config.json', fromEnv: false }
  }
}

const errorCode = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | null)?.code
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/**
 * Reads and validates the machine-wide file. Returns `found: false` with an empty config when the
 * file does not exist at its usual place; throws MachineConfigError for everything else that is
 * wrong, including a file named by SM_MACHINE_CONFIG that does not exist (someone meant it to).
 */
export function loadMachineConfig(options: MachineConfigEnvironment & { readFile: (path: string) => string }): LoadedMachineConfig {
  const { path, fromEnv } = machineConfigPath(options)
  let text: string
  try {
    text = options.readFile(path)
  } catch (error) {
    if (errorCode(error) === 'ENOENT' && !fromEnv) return { path, found: false, config: {} }
    if (errorCode(error) === 'ENOENT') throw new MachineConfigError(`${MACHINE_CONFIG_ENV} names the machine-wide configuration file ${path}, but there is no file there.`)
    throw new MachineConfigError(`The machine-wide configuration file ${path} could not be read: ${messageOf(error)}`)
  }
  return { path, found: true, config: parseMachineConfig(text, path, options.platform) }
}

/** Parses the file's text (a UTF-8 BOM, as Windows editors write it, is allowed). */
export function parseMachineConfig(text: string, path: string, platform: NodeJS.Platform): MachineConfig {
  let json: unknown
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new MachineConfigError(`The machine-wide configuration file ${path} is not valid JSON: ${messageOf(error)}`)
  }
  const parsed = machineConfigSchema.safeParse(json)
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'the file'}: ${issue.message}`)
  // A relative path would depend on the folder the app happens to start in: refuse it.
  if (parsed.success && parsed.data.defaultSitePath !== undefined && !pathModule(platform).isAbsolute(parsed.data.defaultSitePath)) {
    problems.push(`defaultSitePath: must be an absolute path, not "${parsed.data.defaultSitePath}"`)
  }
  if (problems.length > 0 || !parsed.success) {
    throw new MachineConfigError(
      [
        `The machine-wide configuration file ${path} is not valid:`,
        ...problems.map((problem) => `- ${problem}`),
        `Allowed settings: "defaultSitePath" (an absolute path to a site file) and "language" (${LANGUAGES.map((l) => `"${l}"`).join(' or ')}).`
      ].join('\n')
    )
  }
  return parsed.data
}
