import { describe, expect, it } from 'vitest'
import { csvFileBytes, decodeCsvBytes, detectSeparator, formatCsv, parseCsv, unguardCell } from '../../../src/main/core/csv/csv-codec'

const cellsOf = (text: string) => parseCsv(text).records.map((r) => r.cells)

describe('CSV codec: reading', () => {
  it('detects comma, semicolon (Norwegian Excel) and tab from the header, ignoring separators inside quotes', () => {
    expect(detectSeparator('a,b,c\r\n1;2,3')).toBe(',')
    expect(detectSeparator('Fornavn;Etternavn;E-post\r\nKari;Nordmann;k@x.no')).toBe(';')
    expect(detectSeparator('a\tb\tc')).toBe('\t')
    expect(detectSeparator('"Name, full";Role\r\n')).toBe(';')
    expect(detectSeparator('OnlyOneColumn\r\nx')).toBe(',')
  })

  it('reads quotes, doubled quotes, separators and newlines inside quoted fields', () => {
    const text = 'Name;Note\r\n"Nordmann; Kari";"She said ""hei"""\r\n"Two\r\nlines";"a\nb"\r\n'
    expect(cellsOf(text)).toEqual([
      ['Name', 'Note'],
      ['Nordmann; Kari', 'She said "hei"'],
      ['Two\r\nlines', 'a\nb']
    ])
    // Row numbers are the spreadsheet's records, not text lines.
    expect(parseCsv(text).records.map((r) => r.row)).toEqual([1, 2, 3])
  })

  it('drops a UTF-8 BOM and blank lines (trailing or between rows) but keeps row numbers', () => {
    const bytes = csvFileBytes('a;b\r\n1;2\r\n\r\n;\r\n3;4\r\n\r\n\r\n')
    const parsed = parseCsv(decodeCsvBytes(bytes))
    expect(parsed.records).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['1', '2'] },
      { row: 5, cells: ['3', '4'] }
    ])
    expect(parseCsv('\uFEFFa,b').records[0]!.cells).toEqual(['a', 'b'])
  })

  it('reads UTF-8 without a BOM, UTF-16 with one, and falls back to Windows-1252 for Excel’s ANSI CSV', () => {
    expect(decodeCsvBytes(new TextEncoder().encode('Bjørn;Ærlig'))).toBe('Bjørn;Ærlig')
    const utf16 = Uint8Array.from([0xff, 0xfe, ...Array.from(Buffer.from('Åse\tØ', 'utf16le'))])
    expect(decodeCsvBytes(utf16)).toBe('Åse\tØ')
    expect(decodeCsvBytes(Uint8Array.from([0x42, 0x6a, 0xf8, 0x72, 0x6e]))).toBe('Bjørn') // ø in Windows-1252
  })

  it('an empty file and a header-only file', () => {
    expect(parseCsv('').records).toEqual([])
    expect(parseCsv('\r\n\r\n').records).toEqual([])
    expect(cellsOf('User ID;Last name\r\n')).toEqual([['User ID', 'Last name']])
  })

  it('keeps ragged rows as they are (the importer judges them) and reports an unclosed quote', () => {
    expect(cellsOf('a;b;c\r\n1\r\n1;2;3;4')).toEqual([['a', 'b', 'c'], ['1'], ['1', '2', '3', '4']])
    const broken = parseCsv('a;b\r\n1;"open\r\n2;3\r\n')
    expect([...broken.problems.keys()]).toEqual([2])
  })
})

describe('CSV codec: writing', () => {
  it('quotes what needs quoting, ends lines with CRLF and guards formulas', () => {
    expect(formatCsv([['a', 'b;c', 'say "hi"', 'two\nlines', ' padded'], ['=SUM(A1)', '+47 22 33 44 55', '@x', '-1', 'plain']], ';')).toBe(
      'a;"b;c";"say ""hi""";"two\nlines";" padded"\r\n"\'=SUM(A1)";"\'+47 22 33 44 55";"\'@x";"\'-1";plain\r\n'
    )
    expect(formatCsv([['a,b', 'c;d']], ',')).toBe('"a,b",c;d\r\n')
  })

  it('writes a UTF-8 BOM so Excel opens the file as UTF-8', () => {
    const bytes = csvFileBytes('Ø')
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder().decode(bytes.slice(3))).toBe('Ø')
  })

  it('reading undoes the formula guard, so what was written reads back as it was', () => {
    const rows = [['=1+1', '+47 22', '@home', "'quoted", 'Kari; "K" \n Nordmann', '']]
    const back = parseCsv(decodeCsvBytes(csvFileBytes(formatCsv([['h1', 'h2', 'h3', 'h4', 'h5', 'h6'], ...rows], ';')))).records
    expect(back[1]!.cells.map(unguardCell)).toEqual(rows[0])
  })
})
