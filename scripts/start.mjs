// `npm start`: runs the built app in Electron with a better-sqlite3 build for Electron's ABI.
// Extra arguments go to the app, e.g. `npm start -- --site C:\Sites\crm.smsite`.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureElectronSqliteBinding } from './electron-native.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const electronBinary = createRequire(import.meta.url)('electron')
const binding = await ensureElectronSqliteBinding()
const child = spawn(electronBinary, [root, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, SM_SQLITE_BINDING: binding }
})
child.on('exit', (code) => process.exit(code ?? 1))
