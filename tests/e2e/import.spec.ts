import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { test, expect } from './fixtures'
import { AppPage } from './pages/app.page'
import { ImportPage } from './pages/import.page'
import { UsersPage } from './pages/users.page'

/**
 * A users file as Norwegian Excel saves it ("CSV UTF-8": BOM, semicolons, CRLF). Its "E-mail"
 * column holds private addresses, two of them not addresses at all; the work addresses are in
 * "Work e-mail", which the suggested mapping does not pick.
 */
const FILE = [
  'User ID;First name;Last name;E-mail;Work e-mail;Company;Role;Primary group',
  'ÅSE;Åse;Berntsen;ase@privat.no;ase.berntsen@nordlys.no;Nordlys Consulting AS;User level 2;Sales',
  'PETTER;Petter;Lund;unknown;petter.lund@nordlys.no;nordlys consulting as;User level 3;Marketing',
  'SIRI;Siri;Dahl;-;siri.dahl@nordlys.no;Nordlys Consulting AB;User level 2;Stockholm office',
  ''
].join('\r\n')

const importedUsers = (site: { query: <T>(sql: string) => T[] }) =>
  site.query<{ user_id: string; email: string; company: string }>(
    `SELECT a.user_id, p.email, c.name AS company FROM associate a JOIN person p USING (person_id) JOIN company c ON c.company_id = p.company_id
      WHERE a.user_id IN ('ÅSE', 'PETTER', 'SIRI') ORDER BY a.user_id`
  )

/** The whole Import screen (its content scrolls inside the window, so a tall window shows it all). */
async function snapshot(app: Page, name: string): Promise<void> {
  await app.setViewportSize({ width: 1280, height: 1500 })
  await app.screenshot({ path: test.info().outputPath(name) })
  await app.setViewportSize({ width: 1280, height: 800 })
}

test.describe('Import → Users from CSV', () => {
  test.use({ demo: true })

  test('two bad rows are shown, a corrected mapping clears them, Stage puts the rows on Users, Save writes them', async ({ app, site }) => {
    site.offerImportFile('nye-brukere.csv', `\uFEFF${FILE}`)
    const ui = new AppPage(app)
    const page = await ImportPage.open(ui)
    await page.chooseFile.click()

    await expect(page.page.getByText('nye-brukere.csv')).toBeVisible()
    await expect(page.field('E-mail')).toHaveValue('3') // the suggestion: the column headed "E-mail"
    await expect(page.count('Rows with problems')).toHaveText('2')
    await expect(page.count('New users')).toHaveText('1')
    // The preview opens on the rows with problems, each cell at fault marked and explained.
    await expect(page.rowFilter.getByRole('radio', { name: /With problems/ })).toBeChecked()
    await expect(page.rows.locator('tbody tr')).toHaveCount(2)
    await expect(page.row(3)).toContainText('("unknown") is not valid')
    await expect(page.row(4)).toContainText('("-") is not valid')
    await expect(page.row(3).locator('td.has-problem')).toHaveText('unknown')
    await expect(page.stageButton).toBeDisabled()
    await expect(page.page.getByText('Correct the rows with problems first')).toBeVisible()
    await snapshot(app, 'import-with-problems.png')

    // The fix: the E-mail field should come from "Work e-mail".
    await page.field('E-mail').selectOption({ label: 'Column 5: Work e-mail' })
    await expect(page.count('Rows with problems')).toHaveText('0')
    await expect(page.count('New users')).toHaveText('3')
    await expect(page.rowFilter.getByRole('radio', { name: /All/ })).toBeChecked()
    await expect(page.rows.locator('tbody tr')).toHaveCount(3)
    await snapshot(app, 'import-ready.png')
    expect(importedUsers(site)).toEqual([])

    await page.stageButton.click()
    await expect(ui.heading).toHaveText('Users')
    await expect(ui.saveBar).toContainText('1 pending change')
    const users = new UsersPage(app)
    await users.search.fill('Lund')
    await expect(users.row('PETTER')).toBeVisible()
    expect(importedUsers(site)).toEqual([])

    await ui.saveButton.click()
    await expect(ui.saveDialog).toContainText('Åse Berntsen (ÅSE)')
    await expect(ui.saveDialog).toContainText('siri.dahl@nordlys.no')
    await ui.saveDialog.getByRole('button', { name: 'Confirm' }).click()
    await expect(ui.saveBar).toContainText('No pending changes')
    expect(importedUsers(site)).toEqual([
      { user_id: 'PETTER', email: 'petter.lund@nordlys.no', company: 'Nordlys Consulting AS' },
      { user_id: 'SIRI', email: 'siri.dahl@nordlys.no', company: 'Nordlys Consulting AB' },
      { user_id: 'ÅSE', email: 'ase.berntsen@nordlys.no', company: 'Nordlys Consulting AS' }
    ])
  })

  test('the Import screen and the export dialog pass axe with problems shown', async ({ app, site }) => {
    site.offerImportFile('nye-brukere.csv', FILE)
    const ui = new AppPage(app)
    const page = await ImportPage.open(ui)
    await page.chooseFile.click()
    await expect(page.count('Rows with problems')).toHaveText('2')
    const serious = async () =>
      (await new AxeBuilder({ page: app }).analyze()).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
    expect(await serious()).toEqual([])

    await ui.language.selectOption('nb')
    await expect(page.page.getByRole('group', { name: 'Kolonnekobling' })).toBeVisible()
    expect(await serious()).toEqual([])
    await app.getByRole('combobox', { name: 'Språk' }).selectOption('en')

    await UsersPage.open(ui)
    await app.getByRole('button', { name: 'Export…' }).click()
    await expect(app.getByRole('dialog', { name: 'Export users to CSV' })).toBeVisible()
    expect(await serious()).toEqual([])
  })

  test('Users → Export… writes the filtered list; importing that file changes nothing', async ({ app, site }) => {
    const ui = new AppPage(app)
    const users = await UsersPage.open(ui)
    await users.search.fill('a')
    await expect(users.count).not.toHaveText('')
    const shown = Number((await users.count.textContent())!.match(/\d+/)![0])
    await app.getByRole('button', { name: 'Export…' }).click()
    const dialog = app.getByRole('dialog', { name: 'Export users to CSV' })
    await dialog.getByRole('radio', { name: /Semicolon/ }).check()
    await snapshot(app, 'export-dialog.png')
    await dialog.getByRole('button', { name: 'Export…' }).click()
    await expect(dialog).toBeHidden()
    const notice = app.getByRole('status').filter({ hasText: /^Exported \d+ users? to / })
    await expect(notice).toContainText(`Exported ${shown} user`)
    const path = (await notice.textContent())!.match(/ to (.*\.csv)\./)![1]!

    const bytes = readFileSync(path)
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(bytes.toString('utf8')).toContain('First name;Last name;E-mail;Phone;User ID;Company;Role;Primary group;Other groups;Licences\r\n')

    site.offerImportFile('export.csv', bytes)
    const page = await ImportPage.open(ui)
    await page.chooseFile.click()
    await expect(page.count('Unchanged')).toHaveText(String(shown))
    await expect(page.count('Rows with problems')).toHaveText('0')
    await expect(page.stageButton).toBeDisabled()
    await expect(app.getByText('there is nothing to stage')).toBeVisible()
  })
})
