import { expect, type Locator, type Page } from '@playwright/test'
import type { AppPage } from './app.page'

/** Import → Users from CSV: the file bar, the column mapping, the check's counts, the rows and Stage. */
export class ImportPage {
  readonly page: Page
  readonly chooseFile: Locator
  readonly mapping: Locator
  readonly rows: Locator
  readonly stageButton: Locator
  readonly rowFilter: Locator

  constructor(page: Page) {
    this.page = page
    this.chooseFile = page.getByRole('button', { name: /Choose (CSV|another) file/ })
    this.mapping = page.getByRole('group', { name: 'Column mapping' })
    this.rows = page.getByRole('table', { name: 'Rows of the file' })
    this.stageButton = page.getByRole('button', { name: /^Stage \d+ users?$/ })
    this.rowFilter = page.getByRole('group', { name: 'Show' })
  }

  static async open(ui: AppPage): Promise<ImportPage> {
    await ui.open('Import')
    await expect(ui.heading).toHaveText('Import')
    return new ImportPage(ui.page)
  }

  /** The file column feeding a field, e.g. field('E-mail'). */
  field(name: string): Locator {
    return this.mapping.getByRole('combobox', { name, exact: true })
  }

  /** The number shown under a count ("New users", "Rows with problems", …). */
  count(label: string): Locator {
    return this.page.locator('.counts .count').filter({ has: this.page.locator('dt', { hasText: label }) }).locator('dd')
  }

  /** A preview row by its spreadsheet row number. */
  row(number: number): Locator {
    return this.rows.locator(`tr[data-row="${number}"]`)
  }
}
