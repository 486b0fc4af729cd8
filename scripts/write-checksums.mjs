// electron-builder's afterAllArtifactBuild hook (electron-builder.yml): writes
// SHA256SUMS-<os>.txt into the output folder, one "<sha256>  <file name>" line per artifact, the
// format `sha256sum -c` and `shasum -a 256 -c` read (docs/deployment.md, "Verify an installer").
// One file per OS so the outputs of the Windows, macOS and Linux builds can sit in one folder.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'

async function sha256(file) {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk)
  return hash.digest('hex')
}

/** "win", "mac", "linux" (electron-builder's own names), joined when one run builds several. */
function osNames(buildResult) {
  const names = [...(buildResult.platformToTargets?.keys() ?? [])].map((platform) => platform.buildConfigurationKey).filter(Boolean)
  return names.length > 0 ? names.sort().join('-') : 'all'
}

export default async function writeChecksums(buildResult) {
  const artifacts = [...new Set(buildResult.artifactPaths)].sort((a, b) => basename(a).localeCompare(basename(b)))
  if (artifacts.length === 0) return []
  const lines = []
  for (const file of artifacts) lines.push(`${await sha256(file)}  ${basename(file)}\n`)
  const target = join(buildResult.outDir, `SHA256SUMS-${osNames(buildResult)}.txt`)
  await writeFile(target, lines.join(''))
  // Returned files are published with the artifacts when a publish provider is configured.
  return [target]
}
