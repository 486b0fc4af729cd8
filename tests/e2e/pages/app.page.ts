import { expect, type Locator, type Page } from '@playwright/test'
import { ListsPage } from './lists.page'
import { RolesPage } from './roles.page'

/** The window: Navigator, header, save bar and the dialogs every editable screen shares. */
export class AppPage {
  readonly page: Page
  readonly navigator: Locator
  readonly language: Locator
  readonly heading: Locator
  readonly saveBar: Locator
  readonly saveButton: Locator
  readonly cancelButton: Locator
  readonly undoButton: Locator
  readonly redoButton: Locator
  readonly saveDialog: Locator
  readonly discardDialog: Locator
  readonly leaveDialog: Locator
  readonly restoredNotice: Locator
  readonly alerts: Locator

  constructor(page: Page) {
    this.page = page
    this.navigator = page.getByRole('navigation', { name: 'Navigator' })
    this.language = page.getByRole('combobox', { name: 'Language' })
    this.heading = page.getByRole('heading', { level: 1 })
    this.saveBar = page.getByRole('region', { name: 'Pending changes' })
    this.saveButton = this.saveBar.getByRole('button', { name: 'Save', exact: true })
    this.cancelButton = this.saveBar.getByRole('button', { name: 'Cancel', exact: true })
    this.undoButton = this.saveBar.getByRole('button', { name: 'Undo', exact: true })
    this.redoButton = this.saveBar.getByRole('button', { name: 'Redo', exact: true })
    this.saveDialog = page.getByRole('dialog', { name: 'Save changes' })
    this.discardDialog = page.getByRole('dialog', { name: 'Discard changes' })
    this.leaveDialog = page.getByRole('dialog', { name: 'Unsaved changes' })
    this.restoredNotice = page.getByRole('status').filter({ hasText: 'Unsaved changes from an earlier session were restored.' })
    this.alerts = page.getByRole('region', { name: 'Messages' }).getByRole('alert')
  }

  section(name: string): Locator {
    return this.navigator.getByRole('button', { name, exact: true })
  }

  async open(name: string): Promise<void> {
    await this.section(name).click()
  }

  async openLists(): Promise<ListsPage> {
    await this.open('Lists')
    await expect(this.heading).toHaveText('Lists')
    return new ListsPage(this.page)
  }

  async openRoles(): Promise<RolesPage> {
    await this.open('Roles')
    await expect(this.heading).toHaveText('Roles')
    return new RolesPage(this.page)
  }

  /** Opens the Save dialog and confirms it; returns once the bar says nothing is pending. */
  async saveAndConfirm(): Promise<void> {
    await this.saveButton.click()
    await expect(this.saveDialog).toBeVisible()
    await this.saveDialog.getByRole('button', { name: 'Confirm' }).click()
    await expect(this.saveDialog).toBeHidden()
    await expect(this.saveBar).toContainText('No pending changes')
  }

  async cancelAndDiscard(): Promise<void> {
    await this.cancelButton.click()
    await expect(this.discardDialog).toBeVisible()
    await this.discardDialog.getByRole('button', { name: 'Discard' }).click()
    await expect(this.discardDialog).toBeHidden()
  }
}
