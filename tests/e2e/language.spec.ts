import { test, expect } from './fixtures'
import { AppPage } from './pages/app.page'

test.describe('language', () => {
  test('switching to Norwegian translates the Navigator, the screen and the save bar, and is remembered', async ({ app }) => {
    const ui = new AppPage(app)
    await ui.language.selectOption('nb')
    const nav = app.getByRole('navigation', { name: 'Navigator' })
    await expect(nav.getByRole('button', { name: 'Lisenser', exact: true })).toBeVisible()
    await expect(nav.getByRole('button', { name: 'Brukere', exact: true })).toBeVisible()
    await expect(nav.getByRole('button', { name: 'Lister', exact: true })).toBeVisible()
    await nav.getByRole('button', { name: 'Lister', exact: true }).click()
    await expect(app.getByRole('heading', { level: 1 })).toHaveText('Lister')
    await expect(app.getByRole('button', { name: 'Legg til brukergruppe' })).toBeVisible()
    await expect(app.getByRole('region', { name: 'Ventende endringer' })).toContainText('Ingen ventende endringer')

    await app.reload()
    await expect(app.getByRole('navigation', { name: 'Navigator' }).getByRole('button', { name: 'Lisenser', exact: true })).toBeVisible()
    await expect(app.locator('html')).toHaveAttribute('lang', 'nb')
  })

  test.describe('on a Norwegian operating system', () => {
    test.use({ locale: 'nb-NO' })
    test('the app starts in Norwegian', async ({ app }) => {
      await expect(app.getByRole('navigation', { name: 'Navigator' }).getByRole('button', { name: 'Lister', exact: true })).toBeVisible()
      await expect(app.getByRole('combobox', { name: 'Språk' })).toHaveValue('nb')
    })
  })
})
