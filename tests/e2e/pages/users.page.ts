import { expect, type Locator, type Page } from '@playwright/test'
import type { AppPage } from './app.page'

/** Users → Associates: filters, the virtualised list, the user card with its Task menu, and its dialogs. */
export class UsersPage {
  readonly page: Page
  readonly tabs: Locator
  readonly grid: Locator
  readonly count: Locator
  readonly search: Locator
  readonly company: Locator
  readonly licenceFilter: Locator
  readonly formerFilter: Locator
  readonly onlyCanLogIn: Locator
  readonly card: Locator
  readonly taskButton: Locator
  readonly taskMenu: Locator
  readonly removeDialog: Locator
  readonly cloneDialog: Locator
  readonly moveDialog: Locator

  constructor(page: Page) {
    this.page = page
    this.tabs = page.getByRole('tablist', { name: 'Users tabs' })
    this.grid = page.getByRole('grid', { name: 'Associates' })
    this.count = page.locator('.list-footer .count')
    this.search = page.getByRole('searchbox', { name: 'Search' })
    this.company = page.getByRole('combobox', { name: 'Company', exact: true })
    this.licenceFilter = page.getByRole('combobox', { name: 'Licence', exact: true })
    this.formerFilter = page.getByRole('combobox', { name: 'Former employees' })
    this.onlyCanLogIn = page.getByRole('checkbox', { name: 'Show only users that can log in' })
    this.card = page.locator('section.user-card')
    this.taskButton = this.card.getByRole('button', { name: 'Task', exact: true })
    this.taskMenu = page.getByRole('menu', { name: 'Task menu' })
    this.removeDialog = page.getByRole('dialog', { name: 'Remove user' })
    this.cloneDialog = page.getByRole('dialog', { name: 'Clone user' })
    this.moveDialog = page.getByRole('dialog', { name: 'Move user' })
  }

  static async open(ui: AppPage): Promise<UsersPage> {
    await ui.open('Users')
    await expect(ui.heading).toHaveText('Users')
    const users = new UsersPage(ui.page)
    await expect(users.grid).toHaveAttribute('aria-busy', 'false')
    return users
  }

  /** The row of a loaded user, by exact user ID. */
  row(userId: string): Locator {
    return this.grid.locator('[role=row][data-associate-id]').filter({ has: this.page.locator('.user-id .cell-text').getByText(userId, { exact: true }) })
  }

  /** Finds a user through the search box and opens the card. */
  async select(userId: string): Promise<void> {
    await this.search.fill(userId)
    const row = this.row(userId)
    await expect(row).toBeVisible()
    await row.click()
    await expect(this.card.locator('.subtitle')).toContainText(userId)
  }

  field(name: string): Locator {
    return this.card.getByLabel(name, { exact: true })
  }

  /** Types into a text field and leaves it with Enter (which stages the edit). */
  async type(name: string, value: string): Promise<void> {
    const field = this.field(name)
    await field.fill(value)
    await field.press('Enter')
  }

  licence(name: string): Locator {
    return this.card.getByRole('checkbox', { name, exact: true })
  }

  otherGroup(name: string): Locator {
    return this.card.getByRole('group', { name: 'Other groups' }).getByRole('checkbox', { name, exact: true })
  }

  async task(name: string): Promise<void> {
    await this.taskButton.click()
    await expect(this.taskMenu).toBeVisible()
    await this.taskMenu.getByRole('menuitem', { name }).click()
  }
}
