/** English messages of the Import section (issue 10) and the Users screen's Export; en.ts mounts them under `import`. */
export const importEn = {
  usersHeading: 'Users from CSV',
  usersIntro:
    'Create and update associates from a CSV file, such as one saved from Excel. Rows are matched to existing users by User ID; a new User ID creates a user who can log in. Nothing changes until you stage the rows and save them on the Users screen.',
  chooseFile: 'Choose CSV file…',
  chooseOther: 'Choose another file…',
  reading: 'Reading the file…',
  fileLabel: 'File',
  fileFacts: 'no rows under the header | 1 row | {n} rows',
  separators: { comma: 'comma-separated', semicolon: 'semicolon-separated', tab: 'tab-separated' },
  headerOnly: 'The file has a header row but no rows under it.',
  mapping: {
    heading: 'Columns',
    intro: 'Choose which column of the file fills each field. Fields set to “Not imported” stay as they are for existing users.',
    tableLabel: 'Column mapping',
    field: 'Field',
    column: 'Column in the file',
    examples: 'Examples from the file',
    notImported: 'Not imported',
    columnOption: 'Column {n}: {header}',
    unnamedColumn: 'Column {n}',
    required: 'required',
    needsUserId: 'Choose the column that holds the User ID: rows are matched to users by it.'
  },
  targets: {
    firstName: 'First name',
    lastName: 'Last name',
    email: 'E-mail',
    phone: 'Phone',
    userId: 'User ID',
    company: 'Company',
    role: 'Role',
    primaryGroup: 'Primary group',
    otherGroups: 'Other groups',
    licences: 'Licences'
  },
  check: {
    heading: 'Check',
    progressLabel: 'Checking the rows',
    progress: 'Checked {checked} of {total} rows…',
    done: 'Checked all {total} rows.',
    counts: { create: 'New users', update: 'Changed users', unchanged: 'Unchanged', error: 'Rows with problems' },
    noticesHeading: 'Save will refuse this unless you change it:'
  },
  preview: {
    heading: 'Rows',
    filterLabel: 'Show',
    filters: { all: 'All', error: 'With problems', create: 'New', update: 'Changed', unchanged: 'Unchanged' },
    tableLabel: 'Rows of the file',
    row: 'Row',
    status: 'Status',
    problems: 'Problems',
    statuses: { create: 'New', update: 'Changed', unchanged: 'Unchanged', error: 'Problem' },
    changedCell: 'changed',
    empty: 'No rows to show.',
    range: 'Rows {from}–{to} of {total}',
    previous: 'Previous',
    next: 'Next',
    pagesLabel: 'Pages of rows'
  },
  stage: {
    button: 'Stage {n} users | Stage 1 user | Stage {n} users',
    staging: 'Staging…',
    blocked: 'Correct the rows with problems first (in the file, then choose it again, or in the column mapping). Nothing is staged while any row has a problem.',
    nothing: 'Every user in the file already has these values; there is nothing to stage.',
    hint: 'The rows become one pending change on the Users screen, where you review them in the Save dialog and save — or undo the whole import in one step.'
  },
  export: {
    button: 'Export…',
    title: 'Export users to CSV',
    intro: 'Exports the {n} users the list shows now (every page, in the current order), with the columns Import reads. | Exports the user the list shows now, with the columns Import reads. | Exports the {n} users the list shows now (every page, in the current order), with the columns Import reads.',
    separatorLegend: 'Separator',
    semicolon: 'Semicolon (;) — Excel with Norwegian settings',
    comma: 'Comma (,) — Excel with English settings',
    confirm: 'Export…',
    cancel: 'Cancel',
    working: 'Exporting…',
    done: 'Exported 1 user to {path}. | Exported 1 user to {path}. | Exported {n} users to {path}.',
    dismiss: 'Dismiss'
  }
}
