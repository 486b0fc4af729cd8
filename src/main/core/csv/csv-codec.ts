import Papa from 'papaparse'
import type { CsvSeparator } from '../../../shared/domain/user-import'

/**
 * The one CSV codec (issue 10): papaparse does the quoting rules; this file adds what spreadsheets
 * need around it. Reading: the encoding (UTF-8 with or without a BOM, UTF-16 from Excel's
 * "Unicode text", else Windows-1252, which Excel's plain "CSV" writes in Norway), the separator
 * and blank lines. Writing: CRLF lines, a UTF-8 BOM so Excel opens the file as UTF-8, and a
 * leading apostrophe on cells a spreadsheet would run as a formula.
 */

/** Cells a spreadsheet would evaluate (OWASP "CSV injection"): =, +, -, @, tab, carriage return. */
const FORMULA_START = /^[=+\-@\t\r]/
const GUARDED_FORMULA = /^'[=+\-@\t\r]/
const UTF8_BOM = Uint8Array.of(0xef, 0xbb, 0xbf)

export interface ParsedCsv {
  separator: CsvSeparator
  /** Every record that is not blank, with its 1-based record number (the spreadsheet's row). */
  records: Array<{ row: number; cells: string[] }>
  /** Why a record could not be read cleanly (an unclosed quote), by row number. */
  problems: Map<number, string>
}

/** File bytes as text: BOMs honoured and dropped, invalid UTF-8 read as Windows-1252. */
export function decodeCsvBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2))
  try {
    // fatal: a byte sequence that is not UTF-8 throws instead of becoming U+FFFD.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('windows-1252').decode(bytes)
  }
}

/**
 * The separator of the first record (the header): whichever of ; , and tab occurs most outside
 * quotes. A one-column file has none and reads as comma-separated.
 */
export function detectSeparator(text: string): CsvSeparator {
  const counts: Record<CsvSeparator, number> = { ';': 0, ',': 0, '\t': 0 }
  let quoted = false
  for (const ch of text) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && (ch === '\n' || ch === '\r')) break
    else if (!quoted && (ch === ';' || ch === ',' || ch === '\t')) counts[ch]++
  }
  const best = (Object.keys(counts) as CsvSeparator[]).reduce((a, b) => (counts[b] > counts[a] ? b : a))
  return counts[best] > 0 ? best : ','
}

/** Parses CSV text (separator detected unless given); blank records are dropped, not counted as rows. */
export function parseCsv(text: string, separator: CsvSeparator = detectSeparator(text)): ParsedCsv {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const result = Papa.parse<string[]>(body, { delimiter: separator, skipEmptyLines: false, header: false, dynamicTyping: false })
  const problems = new Map<number, string>()
  for (const error of result.errors) {
    if (error.type === 'Quotes' && typeof error.row === 'number') problems.set(error.row + 1, 'A quoted value is not closed: a " is missing, so the rest of the file may be read as this one value.')
  }
  const records: ParsedCsv['records'] = []
  result.data.forEach((cells, index) => {
    if (cells.some((cell) => cell.trim() !== '')) records.push({ row: index + 1, cells })
  })
  return { separator, records, problems }
}

/** A cell as typed: the apostrophe our export (or another careful tool) put before a formula character is removed. */
export function unguardCell(cell: string): string {
  return GUARDED_FORMULA.test(cell) ? cell.slice(1) : cell
}

/** One record as CSV text (no line break): quoted where needed, formulas guarded. */
export function formatCsvRow(cells: readonly string[], separator: CsvSeparator): string {
  return Papa.unparse([cells as string[]], { delimiter: separator, newline: '\r\n', escapeFormulae: FORMULA_START, quotes: false })
}

/** Records as CSV text with CRLF line ends (what Excel writes), ending in a line break. */
export function formatCsv(rows: ReadonlyArray<readonly string[]>, separator: CsvSeparator): string {
  return rows.map((cells) => `${formatCsvRow(cells, separator)}\r\n`).join('')
}

/** CSV text as the bytes of a file Excel opens as UTF-8 (a byte order mark first). */
export function csvFileBytes(text: string): Uint8Array {
  const body = new TextEncoder().encode(text)
  const bytes = new Uint8Array(UTF8_BOM.length + body.length)
  bytes.set(UTF8_BOM)
  bytes.set(body, UTF8_BOM.length)
  return bytes
}
