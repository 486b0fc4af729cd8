import { expect, type Locator, type Page } from '@playwright/test'

/** Licences: owner tabs, the licence tables, the activation dialogs and the Status tab. */
export class LicencesPage {
  readonly page: Page
  readonly loadButton: Locator
  readonly purchaseButton: Locator
  readonly tabs: Locator
  readonly panel: Locator
  readonly ownerHeader: Locator
  readonly expiryBanner: Locator
  readonly previewDialog: Locator
  readonly activateButton: Locator
  readonly removalDialog: Locator
  readonly refusalDialog: Locator
  readonly outcomeNotice: Locator
  readonly forecastDate: Locator

  constructor(page: Page) {
    this.page = page
    this.loadButton = page.getByRole('button', { name: 'Load licence from file…' })
    this.purchaseButton = page.getByRole('button', { name: 'Purchase new licences' })
    this.tabs = page.getByRole('tablist', { name: 'Licence owners' })
    this.panel = page.getByRole('tabpanel')
    this.ownerHeader = page.getByRole('region', { name: 'Licence owner' })
    this.expiryBanner = this.panel.getByRole('status')
    this.previewDialog = page.getByRole('dialog', { name: 'Activate new licence' })
    this.activateButton = this.previewDialog.getByRole('button', { name: 'Activate', exact: true })
    this.removalDialog = page.getByRole('dialog', { name: 'Remove superfluous licences' })
    this.refusalDialog = page.getByRole('dialog', { name: 'Licence not activated' })
    this.outcomeNotice = page.getByRole('status').filter({ hasText: 'Activated the' })
    this.forecastDate = page.getByLabel('Who loses access on')
  }

  tab(name: string): Locator {
    return this.tabs.getByRole('tab', { name })
  }

  /** A group's table: "System licences", "Site licences" or "User licences". */
  table(group: string): Locator {
    return this.panel.getByRole('table', { name: group })
  }

  row(group: string, licence: string): Locator {
    return this.table(group).getByRole('row').filter({ has: this.page.getByRole('button', { name: licence, exact: true }) })
  }

  /** The cells after the licence name: total, in use, free (or "Unrestricted"). */
  async counts(group: string, licence: string): Promise<string[]> {
    // allInnerTexts does not wait: after a reload the app signs in and loads before the table shows.
    await this.row(group, licence).waitFor()
    return (await this.row(group, licence).getByRole('cell').allInnerTexts()).map((s) => s.trim())
  }

  previewRow(licence: string): Locator {
    return this.previewDialog.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: licence }) })
  }

  /** Load licence from file… (the fixture answers main's file dialog) and wait for the preview. */
  async loadFile(): Promise<void> {
    await this.loadButton.click()
    await expect(this.previewDialog).toBeVisible()
  }

  /** Activate in the preview; returns once the dialog is gone and the outcome is shown. */
  async activate(): Promise<void> {
    await this.activateButton.click()
    await expect(this.previewDialog).toBeHidden()
    await expect(this.outcomeNotice).toBeVisible()
  }

  /** In "Remove superfluous licences": tick the users who lose the licence, then OK. */
  async removeFrom(licence: string, names: readonly string[]): Promise<void> {
    await this.previewDialog.getByRole('button', { name: licence, exact: true }).click()
    await expect(this.removalDialog).toBeVisible()
    for (const name of names) await this.removalDialog.getByRole('checkbox', { name: `Remove ${licence} from ${name}` }).check()
    await this.removalDialog.getByRole('button', { name: 'OK' }).click()
    await expect(this.removalDialog).toBeHidden()
  }
}
