import { readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative, resolve, sep } from 'node:path'

/**
 * The files electron-builder would pack, computed offline with electron-builder's OWN matchers
 * applied to a list of paths: getMainFileMatchers (our `files` globs plus its default exclusions)
 * for the app's files, getNodeModuleFileMatcher for the production dependencies' files.
 */
const require = createRequire(import.meta.url)
const { getMainFileMatchers } = require('app-builder-lib/out/fileMatcher') as {
  getMainFileMatchers: (
    appDir: string,
    destination: string,
    macroExpander: (pattern: string) => string,
    platformSpecificBuildOptions: Record<string, unknown>,
    platformPackager: unknown,
    outDir: string,
    isElectronCompile: boolean
  ) => Array<{ createFilter: () => Filter }> | null
}
const { getNodeModuleFileMatcher } = require('app-builder-lib/out/fileMatcher') as {
  getNodeModuleFileMatcher: (
    appDir: string,
    destination: string,
    macroExpander: (pattern: string) => string,
    platformSpecificBuildOptions: Record<string, unknown>,
    packager: unknown
  ) => { patterns: string[]; createFilter: () => Filter }
}
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }

type Filter = (file: string, stat: { isDirectory: () => boolean; moduleFullFilePath?: string }) => boolean

const SKIPPED_DIRS = new Set(['node_modules', '.git'])

/** Every file under `root` (relative to it, "/"-separated), except in node_modules and .git folders. */
export function listRepoFiles(root: string): string[] {
  const found: string[] = []
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIPPED_DIRS.has(entry.name)) continue
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.isFile()) found.push(relative(root, path).split(sep).join('/'))
    }
  }
  walk(root)
  return found
}

type PlatformKey = 'win' | 'mac' | 'linux'

/** The few fields of a PlatformPackager's `info` that the matchers read. */
function packagerInfo(config: Record<string, unknown>, appDir: string) {
  const directories = (config.directories ?? {}) as { buildResources?: string }
  return { isPrepackedAppAsar: false, config, projectDir: appDir, buildResourcesDir: directories.buildResources ?? 'build', debugLogger: new DebugLogger(false) }
}

/** The folders a file sits in, outermost first ("a/b/c.js" → ["a", "a/b"]). */
const ancestors = (file: string): string[] => file.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))

/** Which of `candidates` (repo-relative files) the config packs into the app for one platform. */
export function packedFiles(config: Record<string, unknown>, root: string, candidates: readonly string[], platformKey: PlatformKey): string[] {
  const appDir = resolve(root)
  const directories = (config.directories ?? {}) as { output?: string }
  const platformPackager = { info: packagerInfo(config, appDir) }
  const platformOptions = (config[platformKey] ?? {}) as Record<string, unknown>
  const outDir = resolve(appDir, directories.output ?? 'dist')
  const matchers = getMainFileMatchers(appDir, join(appDir, 'app'), (pattern) => pattern, platformOptions, platformPackager, outDir, false)
  if (!matchers || matchers.length !== 1) throw new Error('Expected the single default file matcher (files: a plain list of globs).')
  const keep = matchers[0].createFilter()
  const asFile = { isDirectory: () => false }
  const asDir = { isDirectory: () => true }
  // electron-builder walks folders and never enters one the filter refuses, so every ancestor must pass too.
  return candidates.filter((file) => keep(join(appDir, file), asFile) && ancestors(file).every((dir) => keep(join(appDir, dir), asDir))).sort()
}

/**
 * Which of a production dependency's files (paths inside the package) are packed: electron-builder
 * applies only the "!" patterns of `files` to node_modules, to "node_modules/<name>/<file>".
 */
export function packedModuleFiles(config: Record<string, unknown>, root: string, moduleName: string, files: readonly string[], platformKey: PlatformKey): string[] {
  const appDir = resolve(root)
  const platformOptions = (config[platformKey] ?? {}) as Record<string, unknown>
  const keep = getNodeModuleFileMatcher(appDir, join(appDir, 'app'), (pattern) => pattern, platformOptions, packagerInfo(config, appDir)).createFilter()
  const moduleDir = join(appDir, 'node_modules', moduleName)
  const passes = (path: string, isDirectory: boolean) =>
    keep(join(moduleDir, path), { isDirectory: () => isDirectory, moduleFullFilePath: `node_modules/${moduleName}/${path}` })
  return files.filter((file) => passes(file, false) && ancestors(file).every((dir) => passes(dir, true))).sort()
}
