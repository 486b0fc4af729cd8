import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, posix, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { inflateSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { parseAppArgs, SITE_FILE_EXTENSION } from '../../../src/main/electron/args'
import { listRepoFiles, packedFiles, packedModuleFiles } from './packed-files'

// electron-builder's own checks, offline (TOOLCHAIN.md fact 4): a typo in a key, a missing
// maintainer or a stray source file fails here, not on the packaging machine.
const require = createRequire(import.meta.url)
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration: (config: unknown, logger: unknown) => Promise<void>
}
const { checkMetadata } = require('app-builder-lib/out/util/packageMetadata') as {
  checkMetadata: (metadata: unknown, devMetadata: unknown, appPackageFile: string, devAppPackageFile: string) => void
}
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }
const yaml = require('js-yaml') as { load: (text: string) => Record<string, unknown> }

type Section = Record<string, unknown>
const config = yaml.load(readFileSync('electron-builder.yml', 'utf8'))
const section = (key: string): Section => (config[key] ?? {}) as Section
const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as {
  name: string
  productName: string
  main: string
  scripts: Record<string, string>
  dependencies: Record<string, string>
}
const targetsOf = (platform: string) => (section(platform).target as Array<string | { target: string; arch?: string[] }>).map((t) => (typeof t === 'string' ? { target: t } : t))

const temp = mkdtempSync(join(tmpdir(), 'sm-packaging-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

describe('electron-builder.yml: electron-builder’s own validation', () => {
  it('passes the configuration schema', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('rejects a misspelt key (the check can fail)', async () => {
    await expect(validateConfiguration({ ...config, nsiss: {} }, new DebugLogger(false))).rejects.toThrow(/nsiss/)
  })

  it('passes the package.json metadata check (name, version, description, author; electron only in devDependencies)', () => {
    expect(() => checkMetadata(packageJson, packageJson, 'package.json', 'package.json')).not.toThrow()
  })
})

describe('electron-builder.yml: what IT departments expect', () => {
  it('names the app', () => {
    expect(config.appId).toMatch(/^[a-z][a-z0-9]*(\.[a-z][a-z0-9-]*)+$/)
    expect(config.productName).toBe(packageJson.productName)
  })

  it('Windows: NSIS for all users, silent-capable, folder can be changed, and MSI, both x64', () => {
    expect(targetsOf('win')).toEqual([
      { target: 'nsis', arch: ['x64'] },
      { target: 'msi', arch: ['x64'] }
    ])
    // oneClick: false is what makes the folder choice (and /D=) available with a per-machine install.
    expect(section('nsis')).toMatchObject({ oneClick: false, perMachine: true, allowElevation: true, allowToChangeInstallationDirectory: true })
    // Uninstalling must never take the admins' site files with it.
    expect(section('nsis').deleteAppDataOnUninstall).toBe(false)
    expect(section('msi')).toMatchObject({ perMachine: true, runAfterFinish: false })
    expect(section('msi').upgradeCode).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
  })

  it('macOS: dmg and zip for Intel and Apple silicon, hardened runtime ready for signing', () => {
    expect(targetsOf('mac')).toEqual([
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] }
    ])
    const mac = section('mac')
    expect(mac).toMatchObject({ hardenedRuntime: true, gatekeeperAssess: false })
    expect(mac.entitlements).toBe('build/entitlements.mac.plist')
    expect(mac.entitlementsInherit).toBe('build/entitlements.mac.plist')
  })

  it('the entitlements grant only what Electron needs (JIT)', () => {
    const plist = readFileSync('build/entitlements.mac.plist', 'utf8').replace(/<!--[\s\S]*?-->/g, '')
    expect(plist).toMatch(/^<\?xml[^>]*\?>\s*<!DOCTYPE plist[^>]*>\s*<plist version="1.0">\s*<dict>/)
    expect([...plist.matchAll(/<key>([^<]+)<\/key>\s*<(true|false)\/>/g)].map((m) => [m[1], m[2]])).toEqual([['com.apple.security.cs.allow-jit', 'true']])
    expect([...plist.matchAll(/<key>/g)]).toHaveLength(1)
  })

  it('Linux: AppImage and a deb with maintainer (with e-mail), description and category', () => {
    expect(targetsOf('linux').map((t) => t.target)).toEqual(['AppImage', 'deb'])
    const linux = section('linux')
    expect(linux.maintainer).toMatch(/^[^<>]+ <[^@\s<>]+@[^@\s<>]+>$/)
    expect(linux.description).toEqual(expect.any(String))
    expect(linux.synopsis).toEqual(expect.any(String))
    expect(linux.category).toBe('Office')
    expect(linux.executableName).toBe(packageJson.name)
    expect(section('deb').packageCategory).toEqual(expect.any(String))
  })

  it('artifact names carry the version and the architecture, without spaces', () => {
    expect(config.artifactName).toBe('${name}-${version}-${os}-${arch}.${ext}')
    for (const platform of ['win', 'mac', 'linux', 'nsis', 'msi', 'dmg', 'deb', 'appImage']) expect(section(platform).artifactName).toBeUndefined()
    expect(packageJson.name).toMatch(/^[a-z0-9-]+$/)
  })

  it('site files open the app: the association, and the app reading a .smsite argument', () => {
    const associations = config.fileAssociations as Array<Record<string, unknown>>
    expect(associations).toHaveLength(1)
    expect(associations[0]).toMatchObject({ ext: 'smsite', role: 'Editor' })
    // Linux registers an association only through a MIME type.
    expect(associations[0].mimeType).toMatch(/^application\/[a-z0-9.+-]+$/)
    expect(`.${associations[0].ext as string}`).toBe(SITE_FILE_EXTENSION)
    expect(parseAppArgs(['/srv/crm.smsite'], '/home/u')).toMatchObject({ sitePath: '/srv/crm.smsite', siteSource: 'command-line' })
  })

  it('asar on, native modules unpacked and rebuilt for Electron at packaging time', () => {
    expect(config.asar).toBe(true)
    expect(config.asarUnpack).toEqual(['**/*.node'])
    expect(config.npmRebuild).toBe(true)
    // The rebuild needs the network and replaces the Node build the tests use: never on install.
    expect(packageJson.scripts.postinstall ?? '').not.toMatch(/install-app-deps|electron-rebuild|@electron\/rebuild/)
    expect(packageJson.scripts.dist).toMatch(/electron-builder$/)
  })

  it('flips the Electron fuses (the full set is asserted in tests/unit/electron/security-checklist.test.ts)', () => {
    expect(section('electronFuses')).toMatchObject({ runAsNode: false, onlyLoadAppFromAsar: true, enableEmbeddedAsarIntegrityValidation: true })
  })
})

describe('the app icon (build/icon.png, drawn by scripts/generate-icon.mjs)', () => {
  /** Width, height, bit depth, colour type and the decompressed scanlines of a PNG. */
  function readPng(bytes: Buffer) {
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    const idat: Buffer[] = []
    let header: Buffer | undefined
    for (let at = 8; at < bytes.length; ) {
      const length = bytes.readUInt32BE(at)
      const type = bytes.toString('ascii', at + 4, at + 8)
      const data = bytes.subarray(at + 8, at + 8 + length)
      if (type === 'IHDR') header = data
      if (type === 'IDAT') idat.push(data)
      at += 12 + length
    }
    if (!header) throw new Error('no IHDR chunk')
    return { width: header.readUInt32BE(0), height: header.readUInt32BE(4), bitDepth: header[8], colourType: header[9], pixels: inflateSync(Buffer.concat(idat)) }
  }

  it('is what the config names: a 1024 × 1024 RGBA PNG', () => {
    expect(config.icon).toBe('build/icon.png')
    const png = readPng(readFileSync('build/icon.png'))
    expect(png).toMatchObject({ width: 1024, height: 1024, bitDepth: 8, colourType: 6 })
    expect(png.pixels).toHaveLength(1024 * (1 + 1024 * 4))
  })

  it('is exactly what the script draws (pixels compared, so a zlib version change does not matter)', () => {
    const regenerated = join(temp, 'icon.png')
    execFileSync(process.execPath, ['scripts/generate-icon.mjs', regenerated])
    expect(readPng(readFileSync(regenerated)).pixels.equals(readPng(readFileSync('build/icon.png')).pixels)).toBe(true)
  })
})

describe('the packed app: only what it runs', () => {
  // The repo's real files, plus a typical build output so the check does not depend on `npm run build` having run.
  const builtOutput = [
    'out/main/index.js',
    'out/main/index.js.map',
    'out/main/chunks/open-core-abc123.js',
    'out/main/smadmin.js',
    'out/main/core.js',
    'out/main/bench.js',
    'out/preload/preload.cjs',
    'out/renderer/index.html',
    'out/renderer/assets/index-abc123.js',
    'out/renderer/assets/index-abc123.js.map',
    'out/renderer/assets/index-abc123.css',
    'out/stray/notes.txt'
  ]
  const candidates = [...new Set([...listRepoFiles('.'), ...builtOutput])]
  const NOT_THE_APP = ['src/', 'tests/', 'docs/', 'bench/', 'build/', 'scripts/', 'bin/', 'migrations/', 'dist/', '.ci/']

  it('the repo has sources, tests, docs and bench to leave out (so the check means something)', () => {
    for (const folder of ['src/', 'tests/', 'docs/', 'bench/']) expect(candidates.some((f) => f.startsWith(folder))).toBe(true)
  })

  it.each(['win', 'mac', 'linux'] as const)('%s: the bundles and package.json, nothing else', (platform) => {
    const packed = packedFiles(config, '.', candidates, platform)
    expect(packed).toEqual(expect.arrayContaining(['package.json', 'out/main/index.js', 'out/main/chunks/open-core-abc123.js', 'out/preload/preload.cjs', 'out/renderer/index.html', 'out/renderer/assets/index-abc123.js', 'out/renderer/assets/index-abc123.css']))
    for (const folder of NOT_THE_APP) expect(packed.filter((f) => f.startsWith(folder))).toEqual([])
    expect(packed.filter((f) => f.endsWith('.map'))).toEqual([])
    expect(packed.filter((f) => /\.(ts|vue|sql|md|yml)$/.test(f))).toEqual([])
    // The CLI, the e2e core library and the bench are not the app.
    expect(packed).not.toEqual(expect.arrayContaining(['out/main/smadmin.js']))
    expect(packed.filter((f) => /^out\/main\/(smadmin|core|bench)\.js$/.test(f))).toEqual([])
    expect(packed.every((f) => f === 'package.json' || /^out\/(main|preload|renderer)\//.test(f))).toBe(true)
    expect(packed).toContain(packageJson.main)
  })

  it.each(['win', 'mac', 'linux'] as const)('%s: better-sqlite3 without its C/C++ sources and build leftovers; no TypeScript sources', (platform) => {
    const leftovers = ['src/addon.cpp', 'deps/sqlite3/sqlite3.c', 'build/Release/obj/gen/sqlite3/sqlite3.c', 'build/Release/obj.target/better_sqlite3.o', 'build/Release/.deps/x.d', 'build/Release/test_extension.node', 'build/deps/sqlite3.Makefile', 'build/better_sqlite3.vcxproj']
    const needed = ['package.json', 'lib/index.js', 'lib/database.js', 'lib/methods/transaction.js', 'build/Release/better_sqlite3.node']
    const files = [...new Set([...listRepoFiles('node_modules/better-sqlite3'), ...leftovers, ...needed])]
    const packed = packedModuleFiles(config, '.', 'better-sqlite3', files, platform)
    expect(packed).toEqual(expect.arrayContaining(needed))
    // (electron-builder itself also drops binding.gyp, Makefiles, .gypi and .a files from node_modules.)
    const sourcesOrLeftovers = /^(src|deps)\/|^build\/(deps|Release\/(obj|obj\.target|\.deps))\/|test_extension\.node$|\.vcxproj$/
    expect(files.filter((f) => sourcesOrLeftovers.test(f)).length).toBeGreaterThan(leftovers.length)
    expect(packed.filter((f) => sourcesOrLeftovers.test(f))).toEqual([])
    expect(packedModuleFiles(config, '.', 'zod', ['index.js', 'v4/core/core.js', 'src/index.ts', 'v4/classic/schemas.d.cts', 'v4/x.mts'], platform)).toEqual(['index.js', 'v4/core/core.js'])
  })

  // Only with a real build: every module the packed main process loads is packed, and every package
  // it imports is a production dependency (devDependencies are not packed).
  it.skipIf(!existsSync('out/main/index.js'))('the main bundle’s imports are all packed or production dependencies', () => {
    const packed = new Set(packedFiles(config, '.', listRepoFiles('.'), process.platform === 'win32' ? 'win' : process.platform === 'darwin' ? 'mac' : 'linux'))
    const packages = new Set<string>()
    const seen = new Set<string>()
    const visit = (file: string): void => {
      if (seen.has(file)) return
      seen.add(file)
      expect(packed, `${file} is loaded by the app but not packed`).toContain(file)
      const source = readFileSync(file, 'utf8')
      // Static imports and re-exports at the start of a line (as Rollup writes them), dynamic import() and require().
      const imports = /^\s*(?:import|export)\b[^;'"]*?\bfrom\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']|\b(?:import|require)\(\s*["']([^"']+)["']\s*\)/gm
      for (const match of source.matchAll(imports)) {
        const specifier = match[1] ?? match[2] ?? match[3]
        if (specifier.startsWith('.')) visit(posix.join(posix.dirname(file), specifier))
        else if (!specifier.startsWith('node:') && specifier !== 'electron') packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0])
      }
    }
    visit(packageJson.main)
    expect(seen.size).toBeGreaterThan(1)
    for (const name of packages) expect(Object.keys(packageJson.dependencies), `the app imports ${name}`).toContain(name)
  })
})

describe('checksums beside the installers (afterAllArtifactBuild → scripts/write-checksums.mjs)', () => {
  it('writes SHA256SUMS-<os>.txt in the format sha256sum -c reads', async () => {
    expect(config.afterAllArtifactBuild).toBe('./scripts/write-checksums.mjs')
    const hook = (await import(pathToFileURL(resolve('scripts/write-checksums.mjs')).href)) as {
      default: (result: { outDir: string; artifactPaths: string[]; platformToTargets: Map<unknown, unknown> }) => Promise<string[]>
    }
    const outDir = join(temp, 'dist')
    const artifacts = ['settings-and-maintenance-0.1.0-linux-amd64.deb', 'settings-and-maintenance-0.1.0-linux-x86_64.AppImage'].map((name) => join(outDir, name))
    mkdirSync(outDir, { recursive: true })
    artifacts.forEach((file, i) => writeFileSync(file, `installer ${i}`))
    const written = await hook.default({ outDir, artifactPaths: artifacts, platformToTargets: new Map([[{ buildConfigurationKey: 'linux' }, new Map()]]) })
    expect(written).toEqual([join(outDir, 'SHA256SUMS-linux.txt')])
    const sha = (text: string) => createHash('sha256').update(text).digest('hex')
    expect(readFileSync(written[0], 'utf8')).toBe(
      `${sha('installer 0')}  settings-and-maintenance-0.1.0-linux-amd64.deb\n${sha('installer 1')}  settings-and-maintenance-0.1.0-linux-x86_64.AppImage\n`
    )
    expect(dirname(written[0])).toBe(outDir)
  })
})
