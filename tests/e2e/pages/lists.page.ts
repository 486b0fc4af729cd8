import { expect, type Locator, type Page } from '@playwright/test'

/** Lists → User groups: the table and the edit form. */
export class ListsPage {
  readonly page: Page
  readonly addButton: Locator
  readonly table: Locator
  readonly nameField: Locator
  readonly tooltipField: Locator
  readonly rankField: Locator
  readonly deletedBox: Locator

  constructor(page: Page) {
    this.page = page
    this.addButton = page.getByRole('button', { name: 'Add user group' })
    this.table = page.getByRole('table', { name: 'User groups' })
    this.nameField = page.getByRole('textbox', { name: 'Name' })
    this.tooltipField = page.getByRole('textbox', { name: 'Tooltip' })
    this.rankField = page.getByRole('textbox', { name: 'Rank' })
    this.deletedBox = page.getByRole('checkbox', { name: 'Deleted' })
  }

  row(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('button', { name, exact: true }) })
  }

  async select(name: string): Promise<void> {
    await this.table.getByRole('button', { name, exact: true }).click()
  }

  /** Adds a group and names it; each field is one staged step. */
  async addGroup(name: string, tooltip?: string): Promise<void> {
    await this.addButton.click()
    await expect(this.nameField).toBeFocused()
    await this.nameField.fill(name)
    await this.nameField.press('Enter')
    await expect(this.table.getByRole('button', { name, exact: true })).toBeVisible()
    if (tooltip !== undefined) {
      await this.tooltipField.fill(tooltip)
      await this.tooltipField.press('Enter')
    }
  }

  async rename(from: string, to: string): Promise<void> {
    await this.select(from)
    await this.nameField.fill(to)
    await this.nameField.press('Enter')
    await expect(this.table.getByRole('button', { name: to, exact: true })).toBeVisible()
  }

  /** Group names in the order the table shows them. */
  async names(): Promise<string[]> {
    return this.table.locator('tbody tr').getByRole('button').allInnerTexts()
  }
}
