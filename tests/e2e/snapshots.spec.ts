import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { test, expect } from './fixtures'
import { AppPage } from './pages/app.page'

/**
 * Issue 9, SPEC A3.10: the Snapshots dialog. The e2e bridge has no menu, so the dialog is opened
 * from Licences → Status → "Snapshots…" (File → Snapshots… sends the same 'snapshots' command).
 */
async function openSnapshots(page: Page): Promise<ReturnType<Page['getByRole']>> {
  const ui = new AppPage(page)
  await ui.open('Licences')
  await page.getByRole('tab', { name: 'Status' }).click()
  await page.getByRole('button', { name: 'Snapshots…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Snapshots' })
  await expect(dialog).toBeVisible()
  return dialog
}

test.describe('Snapshots', () => {
  test.use({ demo: true })

  test('take a snapshot → listed → rename a group and Save → compare with the live site names the change; axe clean', async ({ app, site }) => {
    let dialog = await openSnapshots(app)
    const table = dialog.getByRole('table', { name: 'Snapshots of this site' })
    const before = (await site.core.dispatch('snapshots:list', {})) as { ok: true; value: { snapshots: unknown[] } }
    const rowsBefore = before.value.snapshots.length

    await dialog.getByRole('button', { name: 'Take snapshot' }).click()
    await expect(dialog.getByRole('status')).toContainText('Snapshot taken:')
    await expect(table.getByRole('row')).toHaveCount(rowsBefore + 2) // + header row
    await expect(table.getByRole('row').nth(1)).toContainText('Taken by hand')
    await expect(table.getByRole('row').nth(1)).toContainText(/kB|MB/)

    // Keyboard: Esc closes the dialog.
    await app.keyboard.press('Escape')
    await expect(dialog).toBeHidden()

    const ui = new AppPage(app)
    const lists = await ui.openLists()
    await lists.rename('Sales', 'Field sales')
    await ui.saveAndConfirm()

    dialog = await openSnapshots(app)
    const compareLive = dialog.getByRole('button', { name: 'Compare with the live site' })
    await expect(compareLive).toBeDisabled()
    await dialog.getByRole('table', { name: 'Snapshots of this site' }).getByRole('row').nth(1).getByRole('checkbox').check()
    await compareLive.click()
    const report = dialog.getByRole('region', { name: /^Changes from .* to the live site$/ })
    await expect(report).toBeVisible()
    await expect(report.getByRole('heading', { name: 'User groups' })).toBeVisible()
    await expect(report).toContainText('name: Sales → Field sales')
    // The users in that group show it under its new name; nothing else changed, so no other section.
    await expect(report.getByRole('heading', { level: 4 })).toHaveText(['Users', 'User groups'])
    await expect(report).toContainText('primary group: Sales → Field sales')

    const { violations } = await new AxeBuilder({ page: app }).include('dialog').analyze()
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])

    await dialog.getByRole('button', { name: 'Close' }).click()
    await expect(dialog).toBeHidden()
  })

  test('two snapshots compared with each other; restore without a chosen file changes nothing', async ({ app, site }) => {
    const dialog = await openSnapshots(app)
    await dialog.getByRole('button', { name: 'Take snapshot' }).click()
    await expect(dialog.getByRole('status')).toContainText('Snapshot taken:')
    await dialog.getByRole('button', { name: 'Take snapshot' }).click()
    const rows = dialog.getByRole('table', { name: 'Snapshots of this site' }).getByRole('row')
    await expect(rows.nth(2)).toBeVisible()
    await rows.nth(1).getByRole('checkbox').check()
    await rows.nth(2).getByRole('checkbox').check()
    await dialog.getByRole('button', { name: 'Compare two selected' }).click()
    await expect(dialog.getByRole('region', { name: /^Changes from / })).toContainText('No differences in users, groups, roles, rights, licences or assignments.')

    // The e2e bridge offers no save dialog: restore is "cancelled" and nothing is written.
    await rows.nth(2).getByRole('checkbox').uncheck()
    await dialog.getByRole('button', { name: 'Restore to a new file…' }).click()
    await expect(dialog.getByRole('alert')).toHaveCount(0)
    expect(site.results.filter((r) => r.channel === 'snapshots:restore').map((r) => r.result)).toEqual([{ ok: true, value: { status: 'cancelled' } }])
  })
})
