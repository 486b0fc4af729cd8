import type { Locator, Page } from '@playwright/test'

/** Sign in and the first-run set-up wizard (issue 7). */
export class AuthPage {
  readonly page: Page
  readonly signInForm: Locator
  readonly userId: Locator
  readonly password: Locator
  readonly signInButton: Locator
  readonly signInError: Locator
  readonly wizard: Locator

  constructor(page: Page) {
    this.page = page
    this.signInForm = page.getByRole('form', { name: 'Sign in' })
    this.userId = this.signInForm.getByLabel('User ID')
    this.password = this.signInForm.getByLabel('Password')
    this.signInButton = this.signInForm.getByRole('button', { name: 'Sign in' })
    this.signInError = this.signInForm.getByRole('alert')
    this.wizard = page.getByRole('form', { name: 'Set up this site' })
  }

  async signIn(userId: string, password: string): Promise<void> {
    await this.userId.fill(userId)
    await this.password.fill(password)
    await this.signInButton.click()
  }

  field(label: string): Locator {
    return this.wizard.getByLabel(label, { exact: true })
  }

  button(name: string): Locator {
    return this.wizard.getByRole('button', { name, exact: true })
  }
}
