import { test, expect } from './fixtures'
import { AppPage } from './pages/app.page'

// Writes docs/screenshot.png for the README: the demo site's Lists → User groups screen with a
// few pending changes and the Save confirmation dialog open, as an admin sees it before saving.
test.use({ demo: true, viewport: { width: 1280, height: 760 } })

test('README screenshot: reviewing pending changes before Save', async ({ app }) => {
  const ui = new AppPage(app)
  const lists = await ui.openLists()
  await lists.rename('Sales', 'Sales Nordics')
  await lists.addGroup('Partners', 'Resellers and integrators')
  await lists.select('Stockholm office')
  await lists.deletedBox.check()
  await ui.saveButton.click()
  await expect(ui.saveDialog).toContainText('Partners')
  await app.screenshot({ path: 'docs/screenshot.png' })
})
