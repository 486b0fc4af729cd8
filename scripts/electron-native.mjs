// better-sqlite3 is a native module: `npm install` builds it for Node (what the tests and the CLI
// use); Electron needs a build for its own ABI. Instead of rebuilding node_modules in place (which
// would break the Node tests), this builds a second copy under .electron-native/ once per Electron
// version and hands its path to the app through SM_SQLITE_BINDING. Packaged builds do not need
// this: electron-builder rebuilds native modules for Electron when it packs.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)

export function electronVersion() {
  return JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version
}

/** True when an Electron binary is installed (it cannot be downloaded on every machine). */
export function electronBinaryAvailable() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return true
  const pathFile = join(root, 'node_modules/electron/path.txt')
  if (!existsSync(pathFile)) return false
  return existsSync(join(root, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim()))
}

/** Returns the path of a better-sqlite3 binding built for the installed Electron, building it if needed. */
export async function ensureElectronSqliteBinding() {
  const version = electronVersion()
  const workDir = join(root, '.electron-native', version)
  const binding = join(workDir, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')
  if (existsSync(binding)) return binding

  mkdirSync(join(workDir, 'node_modules'), { recursive: true })
  writeFileSync(join(workDir, 'package.json'), JSON.stringify({ name: 'electron-native', private: true, dependencies: { 'better-sqlite3': '*' } }))
  cpSync(join(root, 'node_modules/better-sqlite3'), join(workDir, 'node_modules/better-sqlite3'), {
    recursive: true,
    filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`)
  })
  const { rebuild } = require('@electron/rebuild')
  console.log(`Building better-sqlite3 for Electron ${version} (once; needs network access for Electron's headers)…`)
  await rebuild({ buildPath: workDir, electronVersion: version, onlyModules: ['better-sqlite3'], force: true })
  if (!existsSync(binding)) throw new Error(`The Electron build of better-sqlite3 did not produce ${binding}`)
  return binding
}
