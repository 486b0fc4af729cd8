import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { test, expect } from './fixtures'
import { AppPage } from './pages/app.page'

/** axe on the page as it is; serious and critical violations fail the test, with their targets. */
async function expectNoSeriousViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze()
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
  expect(serious).toEqual([])
}

test.describe('accessibility (axe)', () => {
  test.use({ demo: true })

  test('the Lists screen, with pending changes and a row selected', async ({ app }) => {
    const ui = new AppPage(app)
    const lists = await ui.openLists()
    await lists.rename('Sales', 'Sales Nordics')
    await expectNoSeriousViolations(app)
  })

  test('the Save confirmation dialog', async ({ app }) => {
    const ui = new AppPage(app)
    const lists = await ui.openLists()
    await lists.rename('Sales', 'Sales Nordics')
    await ui.saveButton.click()
    await expect(ui.saveDialog).toBeVisible()
    await expectNoSeriousViolations(app)
  })

  test('the leave-with-unsaved-changes dialog', async ({ app }) => {
    const ui = new AppPage(app)
    const lists = await ui.openLists()
    await lists.rename('Sales', 'Sales Nordics')
    await ui.open('Workflow')
    await expect(ui.leaveDialog).toBeVisible()
    await expectNoSeriousViolations(app)
  })

  test('every section page of the Navigator', async ({ app }) => {
    // One axe run per section (17 and growing) on shared CI cores needs more than the default 30 s.
    test.slow()
    const ui = new AppPage(app)
    const names = await ui.navigator.getByRole('button').evaluateAll((buttons) =>
      buttons.filter((b) => b.getAttribute('aria-disabled') !== 'true').map((b) => b.querySelector('.navigator-label')?.textContent?.trim() ?? '')
    )
    expect(names.length).toBeGreaterThan(10)
    for (const name of names.filter((n) => n !== 'App Store')) {
      await ui.open(name)
      await expect(ui.heading).toHaveText(name)
      await expectNoSeriousViolations(app)
    }
  })

  test('the Norwegian interface', async ({ app }) => {
    const ui = new AppPage(app)
    await ui.language.selectOption('nb')
    await expect(app.locator('html')).toHaveAttribute('lang', 'nb')
    await expectNoSeriousViolations(app)
  })
})
