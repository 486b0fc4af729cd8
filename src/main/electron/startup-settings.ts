import { ArgsError, parseAppArgs, type AppArgs } from './args'
import { loadMachineConfig, MachineConfigError, type LoadedMachineConfig, type MachineConfigEnvironment } from './machine-config'

/** What start-up decides before anything is opened: the site to open and the machine-wide settings. */
export interface StartupSettings {
  args: AppArgs
  machineConfig: LoadedMachineConfig
}

export interface StartupInput extends MachineConfigEnvironment {
  argv: readonly string[]
  userDataDir: string
  readFile: (path: string) => string
}

/**
 * Reads the machine-wide configuration file and the command line together, so either one being
 * wrong stops start-up before anything is applied. Throws ArgsError or MachineConfigError, whose
 * messages are meant for the person starting the app (see isStartupSettingsError).
 */
export function loadStartupSettings(input: StartupInput): StartupSettings {
  const machineConfig = loadMachineConfig(input)
  const args = parseAppArgs(input.argv, input.userDataDir, machineConfig.config.defaultSitePath)
  return { args, machineConfig }
}

/** True for the errors whose message explains a bad flag or a bad machine-wide file. */
export function isStartupSettingsError(error: unknown): error is ArgsError | MachineConfigError {
  return error instanceof ArgsError || error instanceof MachineConfigError
}
