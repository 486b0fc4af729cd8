import { test, expect } from './fixtures'
import { AppPage } from './pages/app.page'
import { APP_STORE_URL } from '../../src/shared/domain/sections'

const SECTION_NAMES = [
  'Licences', 'Users', 'Roles', 'Privacy', 'Status monitoring', 'AI services', 'Lists', 'Quote/Sync', 'Workflow',
  'Screen designer', 'Preferences', 'Chat', 'Options', 'Import', 'Fields', 'CRMScript', 'Requests', 'Customer centre',
  'System design', 'App Store'
]

test.describe('Navigator', () => {
  test('shows the 20 sections of the reference in its order, each with an icon', async ({ app }) => {
    const ui = new AppPage(app)
    const buttons = ui.navigator.getByRole('button')
    await expect(buttons).toHaveCount(SECTION_NAMES.length)
    for (const [index, name] of SECTION_NAMES.entries()) await expect(buttons.nth(index)).toHaveAccessibleName(name)
    for (let index = 0; index < SECTION_NAMES.length; index++) await expect(buttons.nth(index).locator('svg').first()).toBeVisible()
  })

  test('works by keyboard: arrows move, Enter opens, Home and End jump', async ({ app }) => {
    const ui = new AppPage(app)
    await ui.section('Licences').focus()
    await app.keyboard.press('ArrowDown')
    await expect(ui.section('Users')).toBeFocused()
    await app.keyboard.press('ArrowDown')
    await app.keyboard.press('Enter')
    await expect(ui.heading).toHaveText('Roles')
    await expect(ui.section('Roles')).toHaveAttribute('aria-current', 'page')
    await app.keyboard.press('End')
    await expect(ui.section('App Store')).toBeFocused()
    await app.keyboard.press('Home')
    await expect(ui.section('Licences')).toBeFocused()
    await app.keyboard.press('ArrowUp')
    await expect(ui.section('App Store')).toBeFocused()
  })

  test('sections needing a system licence the site lacks are disabled with a tooltip naming it', async ({ app }) => {
    const ui = new AppPage(app)
    const saint = ui.section('Status monitoring')
    await expect(saint).toHaveAttribute('aria-disabled', 'true')
    await expect(saint).toHaveAttribute('title', 'Needs the Sales Intelligence licence')
    await expect(saint).toHaveAccessibleDescription('Needs the Sales Intelligence licence')
    await expect(ui.section('Quote/Sync')).toHaveAttribute('title', 'Needs the Sales Quote Management licence')
    await expect(ui.section('Customer centre')).toHaveAttribute('title', 'Needs the Customer Centre licence')
    await saint.focus()
    await app.keyboard.press('Enter')
    await expect(ui.heading).not.toHaveText('Status monitoring')
  })

  test.describe('with the Sales Intelligence licence', () => {
    test.use({ heldSystemLicences: ['sales-intelligence'] })
    test('Status monitoring opens', async ({ app }) => {
      const ui = new AppPage(app)
      await expect(ui.section('Status monitoring')).not.toHaveAttribute('aria-disabled', 'true')
      await ui.open('Status monitoring')
      await expect(ui.heading).toHaveText('Status monitoring')
      await expect(ui.section('Quote/Sync')).toHaveAttribute('aria-disabled', 'true')
    })
  })

  test('sections not built yet say what they administer and that they are not available', async ({ app }) => {
    const ui = new AppPage(app)
    await ui.open('Workflow')
    await expect(ui.heading).toHaveText('Workflow')
    await expect(app.getByRole('main')).toContainText('Workflow administers sales guides and project guides.')
    await expect(app.getByRole('main')).toContainText('This section is not available in this version.')
  })

  test('App Store opens the store in the system browser and stays on the current screen', async ({ app, site }) => {
    const ui = new AppPage(app)
    await ui.openLists()
    await ui.open('App Store')
    await expect.poll(() => site.openedExternally).toEqual([APP_STORE_URL])
    await expect(ui.heading).toHaveText('Lists')
  })
})
