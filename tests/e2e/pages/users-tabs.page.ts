import { expect, type Locator, type Page } from '@playwright/test'
import type { AppPage } from './app.page'

/** Users → Other users, Our companies, User licences and User groups (SPEC §3.6–3.9). */
export class UsersTabsPage {
  readonly page: Page
  readonly tabs: Locator

  // Other users
  readonly otherUsersTable: Locator
  readonly addOtherUserButton: Locator
  readonly editOtherUserButton: Locator
  readonly removeLoginButton: Locator
  readonly deleteOtherUserButton: Locator
  readonly addOtherUserDialog: Locator
  readonly editOtherUserDialog: Locator

  // Our companies
  readonly companiesTable: Locator
  readonly addCompanyButton: Locator
  readonly deleteCompanyButton: Locator
  readonly restoreCompanyButton: Locator
  readonly findDialog: Locator
  readonly newCompanyDialog: Locator

  // User licences and User groups
  readonly licencesTable: Locator
  readonly holdersTable: Locator
  readonly groupsTable: Locator
  readonly membersTable: Locator

  constructor(page: Page) {
    this.page = page
    this.tabs = page.getByRole('tablist', { name: 'Users tabs' })

    this.otherUsersTable = page.getByRole('table', { name: 'Other users' })
    this.addOtherUserButton = page.getByRole('button', { name: 'Add other user' })
    this.editOtherUserButton = page.getByRole('button', { name: 'Edit other user' })
    this.removeLoginButton = page.getByRole('button', { name: 'Remove login' })
    this.deleteOtherUserButton = page.getByRole('button', { name: 'Delete other user' })
    this.addOtherUserDialog = page.getByRole('dialog', { name: 'Add other user' })
    this.editOtherUserDialog = page.getByRole('dialog', { name: 'Edit other user' })

    this.companiesTable = page.getByRole('table', { name: 'Our companies' })
    this.addCompanyButton = page.getByRole('button', { name: 'Add company' })
    this.deleteCompanyButton = page.getByRole('button', { name: 'Delete company' })
    this.restoreCompanyButton = page.getByRole('button', { name: 'Restore company' })
    this.findDialog = page.getByRole('dialog', { name: 'Find company' })
    this.newCompanyDialog = page.getByRole('dialog', { name: 'New company' })

    this.licencesTable = page.getByRole('table', { name: 'User licences' })
    this.holdersTable = page.getByRole('table', { name: /^Users with / })
    this.groupsTable = page.getByRole('table', { name: 'Available groups' })
    this.membersTable = page.getByRole('table', { name: /^Members of / })
  }

  /** Navigator → Users → the named tab. */
  static async open(ui: AppPage, tab: string): Promise<UsersTabsPage> {
    await ui.open('Users')
    await expect(ui.heading).toHaveText('Users')
    const users = new UsersTabsPage(ui.page)
    await users.openTab(tab)
    return users
  }

  async openTab(name: string): Promise<void> {
    const tab = this.tabs.getByRole('tab', { name, exact: true })
    await tab.click()
    await expect(tab).toHaveAttribute('aria-selected', 'true')
  }

  /** A table's row by the name on its row button (User ID, company, licence or group name). */
  row(table: Locator, name: string): Locator {
    return table.getByRole('row').filter({ has: this.page.getByRole('button', { name, exact: true }) })
  }

  async select(table: Locator, name: string): Promise<void> {
    await table.getByRole('button', { name, exact: true }).click()
  }

  /** Fills and submits the Add other user dialog. */
  async addOtherUser(user: { userId: string; password?: string; description: string; type: 'System user' | 'Anonymous'; active: boolean }): Promise<void> {
    await this.addOtherUserButton.click()
    const dialog = this.addOtherUserDialog
    await expect(dialog).toBeVisible()
    await dialog.getByLabel('User ID').fill(user.userId)
    if (user.password) await dialog.getByLabel('Password').fill(user.password)
    await dialog.getByLabel('Description').fill(user.description)
    await dialog.getByRole('radio', { name: user.type }).check()
    await dialog.getByRole('checkbox', { name: 'Active' }).setChecked(user.active)
    await dialog.getByRole('button', { name: 'OK' }).click()
    await expect(dialog).toBeHidden()
  }

  /** Add company → Find dialog → New company → Create. */
  async createCompany(company: { name: string; department: string; city: string }): Promise<void> {
    await this.addCompanyButton.click()
    await expect(this.findDialog).toBeVisible()
    await this.findDialog.getByRole('button', { name: 'New company…' }).click()
    const dialog = this.newCompanyDialog
    await expect(dialog).toBeVisible()
    await dialog.getByLabel('Company name').fill(company.name)
    await dialog.getByLabel('Department').fill(company.department)
    await dialog.getByLabel('City').fill(company.city)
    await dialog.getByRole('button', { name: 'Create' }).click()
    await expect(dialog).toBeHidden()
  }

  /** Runs a search in the open Find dialog. */
  async find(text: string, match: 'Starts with' | 'Contains' | 'Equals'): Promise<void> {
    await this.findDialog.getByRole('searchbox', { name: 'Company name' }).fill(text)
    await this.findDialog.getByRole('combobox', { name: 'Match' }).selectOption({ label: match })
    await this.findDialog.getByRole('button', { name: 'Find', exact: true }).click()
  }
}
