import { basename } from 'node:path'
import { AppError } from '../../../shared/ipc/result'
import { MAX_IMPORT_COLUMNS, type CsvSeparator, type ImportColumn } from '../../../shared/domain/user-import'
import { decodeCsvBytes, parseCsv, unguardCell } from '../csv/csv-codec'

/** A file the admin chose in main's open dialog: its path and its bytes (the encoding is found here). */
export interface ChosenBytes {
  path: string
  bytes: Uint8Array
}

/** A users file as main keeps it between the renderer's calls: the header and every data record. */
export interface ImportFile {
  fileName: string
  separator: CsvSeparator
  headers: string[]
  /** Data records (blank lines dropped) with the spreadsheet row number each came from. */
  records: Array<{ row: number; cells: string[] }>
  /** Records the parser could not read cleanly, by row number. */
  readProblems: Map<number, string>
}

const SAMPLES = 3

/** Decodes and parses a chosen file; refuses one with nothing to import or no sensible header. */
export function readImportFile(file: ChosenBytes): ImportFile {
  const fileName = basename(file.path)
  const parsed = parseCsv(decodeCsvBytes(file.bytes))
  const [header, ...records] = parsed.records
  if (!header) throw new AppError('invalid_input', `${fileName} is empty. A users file needs a header row naming its columns and then one row per user.`)
  if (header.cells.length > MAX_IMPORT_COLUMNS) {
    throw new AppError('invalid_input', `${fileName} has ${header.cells.length} columns in its first row; a users file has at most ${MAX_IMPORT_COLUMNS}. Is it a CSV file with a header row?`)
  }
  return { fileName, separator: parsed.separator, headers: header.cells.map((h) => h.trim()), records, readProblems: parsed.problems }
}

/** The columns as the mapping step shows them: header and a few example values. */
export function describeColumns(file: ImportFile): ImportColumn[] {
  return file.headers.map((header, index) => {
    const samples: string[] = []
    for (const record of file.records) {
      const cell = unguardCell(record.cells[index] ?? '').trim()
      if (cell !== '' && !samples.includes(cell)) samples.push(cell.length > 40 ? `${cell.slice(0, 39)}…` : cell)
      if (samples.length === SAMPLES) break
    }
    return { index, header, samples }
  })
}
