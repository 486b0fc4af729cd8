import { expect, type Locator, type Page } from '@playwright/test'

/** Roles: role-type tabs, the role list with its dialogs, the data-rights matrix and the functional rights. */
export class RolesPage {
  readonly page: Page
  readonly typeTabs: Locator
  readonly table: Locator
  readonly addButton: Locator
  readonly editButton: Locator
  readonly deleteButton: Locator
  readonly roleDialog: Locator
  readonly editDialog: Locator
  readonly deleteDialog: Locator
  readonly dataRightsTab: Locator
  readonly functionalRightsTab: Locator
  readonly cannotList: Locator
  readonly canList: Locator
  readonly grantButton: Locator
  readonly revokeButton: Locator
  readonly searchBox: Locator

  constructor(page: Page) {
    this.page = page
    this.typeTabs = page.getByRole('tablist', { name: 'Role types' })
    this.table = page.getByRole('table', { name: 'Roles' })
    this.addButton = page.getByRole('button', { name: 'Add role' })
    this.editButton = page.getByRole('button', { name: 'Edit role' })
    this.deleteButton = page.getByRole('button', { name: 'Delete role' })
    this.roleDialog = page.getByRole('dialog', { name: 'Create new role' })
    this.editDialog = page.getByRole('dialog', { name: 'Edit role' })
    this.deleteDialog = page.getByRole('dialog', { name: 'Delete role' })
    this.dataRightsTab = page.getByRole('tab', { name: 'Data rights' })
    this.functionalRightsTab = page.getByRole('tab', { name: 'Functional rights' })
    this.cannotList = page.getByRole('listbox', { name: /This role cannot/ })
    this.canList = page.getByRole('listbox', { name: /^This role can \(/ })
    this.grantButton = page.getByRole('button', { name: 'Move to "This role can"' })
    this.revokeButton = page.getByRole('button', { name: 'Move to "This role cannot"' })
    this.searchBox = page.getByRole('searchbox', { name: 'Search rights' })
  }

  tab(name: 'Associates' | 'External' | 'Anonymous'): Locator {
    return this.typeTabs.getByRole('tab', { name, exact: true })
  }

  async openTab(name: 'Associates' | 'External' | 'Anonymous'): Promise<void> {
    await this.tab(name).click()
    await expect(this.tab(name)).toHaveAttribute('aria-selected', 'true')
  }

  row(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('button', { name, exact: true }) })
  }

  async select(name: string): Promise<void> {
    await this.table.getByRole('button', { name, exact: true }).click()
    await expect(this.page.getByRole('heading', { level: 2, name })).toBeVisible()
  }

  /** The matrix of the selected role. */
  matrix(role: string): Locator {
    return this.page.getByRole('table', { name: `Data rights of ${role}` })
  }

  /** One drop-down of the matrix, named "object, column". */
  cell(role: string, object: string, column: string): Locator {
    return this.matrix(role).getByRole('combobox', { name: `${object}, ${column}`, exact: true })
  }

  /** Add → name, description, copy from (or blank) → OK; the new role is selected. */
  async addRole(name: string, description: string, copyFrom: string | null): Promise<void> {
    await this.addButton.click()
    await expect(this.roleDialog).toBeVisible()
    await this.roleDialog.getByRole('textbox', { name: 'Role name' }).fill(name)
    await this.roleDialog.getByRole('textbox', { name: 'Description' }).fill(description)
    if (copyFrom === null) await this.roleDialog.getByRole('radio', { name: 'Start with blank rights' }).check()
    else {
      await this.roleDialog.getByRole('radio', { name: 'Copy rights from' }).check()
      await this.roleDialog.getByRole('combobox', { name: 'Role to copy from' }).selectOption({ label: copyFrom })
    }
    await this.roleDialog.getByRole('button', { name: 'OK' }).click()
    await expect(this.roleDialog).toBeHidden()
    await expect(this.row(name)).toContainText('New')
    await expect(this.page.getByRole('heading', { level: 2, name })).toBeVisible()
  }

  /** Functional right option by its display name, in either list. */
  right(list: Locator, name: string): Locator {
    return list.getByRole('option', { name, exact: true })
  }
}
