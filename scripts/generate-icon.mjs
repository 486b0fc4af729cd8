// Draws the app icon, build/icon.png (1024 × 1024 RGBA), from which electron-builder makes the
// Windows .ico, the macOS .icns and the Linux icons. Deterministic and dependency-free (node:zlib
// only), so the icon is reviewed as code and regenerated with `node scripts/generate-icon.mjs`.
// The emblem: three settings sliders on a blue rounded square.
// Usage: node scripts/generate-icon.mjs [output.png]
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { crc32, deflateSync } from 'node:zlib'

const SIZE = 1024
const SUPERSAMPLES = 4 // per axis, only for pixels on a shape's edge

const TOP = [47, 116, 192] // the square's gradient, top…
const BOTTOM = [28, 79, 143] // …to bottom
const TRACK = [220, 233, 247]
const KNOB = [255, 255, 255]
const ACCENT = [245, 166, 35]

// Signed distances (negative inside), in pixels.
function roundedSquare(x, y) {
  const half = 412
  const radius = 185
  const qx = Math.abs(x - 512) - (half - radius)
  const qy = Math.abs(y - 512) - (half - radius)
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius
}
function track(x, y, cy) {
  const nearestX = Math.min(Math.max(x, 270), 754)
  return Math.hypot(x - nearestX, y - cy) - 22
}
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r

const SLIDERS = [
  { y: 352, knobX: 430 },
  { y: 512, knobX: 620 },
  { y: 672, knobX: 370 }
]

/** The distances of every shape at (x, y), painted back to front. */
function layersAt(x, y) {
  const t = Math.min(Math.max((y - 100) / 824, 0), 1)
  const layers = [{ d: roundedSquare(x, y), color: TOP.map((c, i) => Math.round(c + (BOTTOM[i] - c) * t)) }]
  for (const slider of SLIDERS) layers.push({ d: track(x, y, slider.y), color: TRACK })
  for (const slider of SLIDERS) {
    layers.push({ d: circle(x, y, slider.knobX, slider.y, 70), color: KNOB })
    layers.push({ d: circle(x, y, slider.knobX, slider.y, 40), color: ACCENT })
  }
  return layers
}

/** The colour at one sample point, or null outside the square (transparent). */
function sample(x, y) {
  const layers = layersAt(x, y)
  if (layers[0].d > 0) return null
  let color = layers[0].color
  for (const layer of layers.slice(1)) if (layer.d <= 0) color = layer.color
  return color
}

function pixel(px, py) {
  const cx = px + 0.5
  const cy = py + 0.5
  const onEdge = layersAt(cx, cy).some((layer) => Math.abs(layer.d) < 1)
  const n = onEdge ? SUPERSAMPLES : 1
  let r = 0
  let g = 0
  let b = 0
  let covered = 0
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const color = sample(px + (i + 0.5) / n, py + (j + 0.5) / n)
      if (!color) continue
      r += color[0]
      g += color[1]
      b += color[2]
      covered++
    }
  }
  if (covered === 0) return [0, 0, 0, 0]
  return [Math.round(r / covered), Math.round(g / covered), Math.round(b / covered), Math.round((255 * covered) / (n * n))]
}

/** PNG scanlines: each row is filter byte 0 (none) followed by RGBA pixels. */
function renderIconPixels() {
  const rowBytes = 1 + SIZE * 4
  const raw = Buffer.alloc(rowBytes * SIZE)
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) raw.set(pixel(x, y), y * rowBytes + 1 + x * 4)
  }
  return raw
}

function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(typeAndData))
  return Buffer.concat([length, typeAndData, crc])
}

function encodePng(raw) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(SIZE, 0)
  header.writeUInt32BE(SIZE, 4)
  header[8] = 8 // bits per channel
  header[9] = 6 // colour type: RGBA
  // compression, filter and interlace methods: all 0 (the only standard ones, no interlacing)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0))
  ])
}

const output = process.argv[2] ?? fileURLToPath(new URL('../build/icon.png', import.meta.url))
mkdirSync(dirname(output), { recursive: true })
writeFileSync(output, encodePng(renderIconPixels()))
console.log(`wrote ${output}`)
