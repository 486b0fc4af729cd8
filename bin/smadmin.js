#!/usr/bin/env node
// The `smadmin` command: runs the CLI bundle that `npm run build` writes to out/main.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const bundle = fileURLToPath(new URL('../out/main/smadmin.js', import.meta.url))
if (!existsSync(bundle)) {
  console.error('smadmin is not built yet: run `npm run build` first.')
  process.exit(2)
}
await import(bundle)
