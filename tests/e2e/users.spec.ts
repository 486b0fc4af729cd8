import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import Database from 'better-sqlite3'
import { test, expect, type SiteUnderTest } from './fixtures'
import { AppPage } from './pages/app.page'
import { UsersPage } from './pages/users.page'

type Sqlite = Pick<SiteUnderTest, 'query'>

/** Everything the Associates tab can change, as SQLite holds it: equal dumps mean nothing was written. */
const usersDump = (site: Sqlite) => ({
  associates: site.query('SELECT associate_id, user_id, person_id, primary_group_id, can_log_in, retired, updated_at FROM associate ORDER BY associate_id'),
  persons: site.query('SELECT person_id, company_id, first_name, middle_name, last_name, email, phone, retired FROM person ORDER BY person_id'),
  roles: site.query('SELECT associate_id, role_id FROM user_role ORDER BY associate_id'),
  groups: site.query('SELECT * FROM user_group_link ORDER BY 1, 2'),
  licences: site.query('SELECT licence_id, associate_id FROM licence_assignment ORDER BY 1, 2'),
  credentials: site.query('SELECT associate_id, secret_hash FROM credential ORDER BY 1')
})

const seatsInUse = (site: Sqlite, moduleName: string) =>
  site.query<{ n: number }>('SELECT COUNT(*) AS n FROM licence_assignment a JOIN licence l USING (licence_id) WHERE l.module_name = ?', moduleName)[0]!.n

/** A saved user who holds exactly these licences (and is not the administrator), by user ID. */
function holderOf(site: Sqlite, modules: readonly string[]): string {
  const rows = site.query<{ user_id: string; modules: string }>(
    `SELECT a.user_id, GROUP_CONCAT(l.module_name) AS modules FROM associate a
       JOIN licence_assignment la ON la.associate_id = a.associate_id JOIN licence l ON l.licence_id = la.licence_id
      WHERE a.user_type = 'employee' AND a.user_id <> 'ADMIN' GROUP BY a.associate_id ORDER BY a.user_id`
  )
  const wanted = [...modules].sort().join(',')
  const found = rows.find((r) => r.modules.split(',').sort().join(',') === wanted)
  if (!found) throw new Error(`no demo user holds exactly ${wanted}`)
  return found.user_id
}

async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze()
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([])
}

test.describe('Users → Associates', () => {
  test.use({ demo: true })

  test('create a user with role, groups, company and licences → Save shows the diff and consequences → rows in SQLite', async ({ app, site }) => {
    const ui = new AppPage(app)
    const users = await UsersPage.open(ui)
    await expect(users.count).toHaveText('41 users')

    // Every Login right is in use: retire a seller first to free one.
    const seller = holderOf(site, ['user', 'web', 'sales', 'quote-cal'])
    await users.select(seller)
    await users.task('Retire (former employee)')
    await expect(users.card.getByText('Former employee: no licences and no login')).toBeVisible()

    await users.search.fill('')
    await users.task('New user')
    await expect(users.card.getByRole('heading', { name: '(no name)' })).toBeVisible()
    await users.type('First name', 'Kari')
    await users.type('Last name', 'Testmann')
    await expect(users.field('User ID')).toHaveValue('KTES')
    await users.type('E-mail', 'kari@example.com')
    await users.field('Owning company').selectOption({ label: 'Nordlys Consulting AB' })
    await users.field('Role').selectOption({ label: 'User level 2' })
    await users.field('Primary group').selectOption({ label: 'Sales' })
    await users.otherGroup('Marketing').check()
    await users.otherGroup('IT').check()
    await expect(users.otherGroup('IT')).toBeChecked()

    // The child is disabled until its parent is ticked.
    await expect(users.licence('Windows App')).toBeDisabled()
    await users.licence('Login rights to SuperOffice CRM').check()
    await expect(users.licence('Windows App')).toBeEnabled()
    await expect(users.card.getByText('0 of 10 free')).toBeVisible()
    await users.licence('Windows App').check()
    await expect(users.card.getByText('0 of 7 free')).toBeVisible()
    await users.field('Password').fill('Secret-pass-42')
    await users.field('Password').press('Enter')
    await expect(users.card.getByText('A new password is staged')).toBeVisible()
    await expect(users.field('Password')).toHaveValue('')
    await expect(users.card.locator('.login-status')).toContainText('Can log in')
    await expect(users.card.locator('.subtitle')).toContainText('KTES New')

    await ui.saveButton.click()
    const dialog = ui.saveDialog
    await expect(dialog).toContainText('User: Kari Testmann')
    await expect(dialog).toContainText('User ID: KTES')
    await expect(dialog).toContainText('Role: User level 2')
    await expect(dialog).toContainText('Owning company: Nordlys Consulting AB')
    await expect(dialog).toContainText('Other group: IT: member')
    await expect(dialog).toContainText('Licence: Windows App: assigned')
    await expect(dialog).toContainText('Password: changed')
    await expect(dialog).not.toContainText('Secret-pass-42')
    const consequences = dialog.getByRole('region', { name: 'Consequences' })
    await expect(consequences).toContainText('Windows App: 6 → 7 in use; 1 used')
    await expect(consequences).toContainText('Standard CRM (web): 5 → 4 in use; 1 freed')
    await expect(consequences).toContainText('Kari Testmann (KTES) gains the right to log in')
    await expect(consequences).toContainText('loses the right to log in')
    await dialog.getByRole('button', { name: 'Confirm' }).click()
    await expect(ui.saveBar).toContainText('No pending changes')

    const [created] = site.query<{ associate_id: number; person_id: number; primary_group_id: number; can_log_in: number }>(
      "SELECT associate_id, person_id, primary_group_id, can_log_in FROM associate WHERE user_id = 'KTES'"
    )
    expect(created).toBeDefined()
    const id = created!.associate_id
    expect(site.query('SELECT first_name, last_name, email, c.name AS company FROM person JOIN company c USING (company_id) WHERE person_id = ?', created!.person_id)).toEqual([
      { first_name: 'Kari', last_name: 'Testmann', email: 'kari@example.com', company: 'Nordlys Consulting AB' }
    ])
    expect(site.query("SELECT r.name FROM user_role JOIN role r USING (role_id) WHERE associate_id = ?", id)).toEqual([{ name: 'User level 2' }])
    expect(site.query('SELECT name FROM user_group WHERE user_group_id = ?', created!.primary_group_id)).toEqual([{ name: 'Sales' }])
    expect(site.query('SELECT g.name FROM user_group_link k JOIN user_group g ON g.user_group_id = k.user_group_id WHERE k.associate_id = ? ORDER BY 1', id)).toEqual([
      { name: 'IT' },
      { name: 'Marketing' }
    ])
    expect(site.query('SELECT l.module_name FROM licence_assignment a JOIN licence l USING (licence_id) WHERE a.associate_id = ? ORDER BY 1', id)).toEqual([
      { module_name: 'user' },
      { module_name: 'windows' }
    ])
    const [credential] = site.query<{ secret_hash: string }>('SELECT secret_hash FROM credential WHERE associate_id = ?', id)
    expect(credential!.secret_hash).toMatch(/^scrypt\$/)
    expect(credential!.secret_hash).not.toContain('Secret-pass-42')
    expect(site.query("SELECT retired, can_log_in FROM associate WHERE user_id = ?", seller)).toEqual([{ retired: 1, can_log_in: 0 }])
  })

  test('over-assign a licence by cloning → Save refused naming the licence → nothing written', async ({ app, site }) => {
    const ui = new AppPage(app)
    const users = await UsersPage.open(ui)
    const before = usersDump(site)
    const source = holderOf(site, ['user', 'complete-crm'])
    await users.select(source)
    await users.task('Clone user…')
    const dialog = users.cloneDialog
    await expect(dialog).toBeVisible()
    await dialog.getByLabel('First name').fill('Ola')
    await dialog.getByLabel('Last name').fill('Klone')
    await expect(dialog.getByLabel('User ID')).toHaveValue('OKLO')
    await expect(dialog).toContainText('Complete CRM User')
    const seats = dialog.getByRole('table', { name: 'Seats the copy takes' })
    await expect(seats.getByRole('row', { name: /Login rights to SuperOffice CRM/ })).toContainText('Not enough: Save will be refused')
    await dialog.getByRole('button', { name: 'Clone', exact: true }).click()
    await expect(dialog).toBeHidden()
    await expect(users.card.locator('.subtitle')).toContainText('OKLO')

    await ui.saveButton.click()
    await expect(ui.saveDialog).toContainText('User: Ola Klone')
    await ui.saveDialog.getByRole('button', { name: 'Confirm' }).click()
    const refusal = ui.saveDialog.getByRole('alert')
    await expect(refusal).toContainText('The changes were not saved')
    await expect(refusal).toContainText('Login rights to SuperOffice CRM (user): 11 would be in use but only 10 licensed')
    await expect(refusal).toContainText('Ola Klone')
    await ui.saveDialog.getByRole('button', { name: 'Back' }).click()
    expect(usersDump(site)).toEqual(before)
    await expect(ui.saveBar).toContainText('1 pending change')
  })

  test('edit three users → Cancel → SQLite unchanged and the screen restored', async ({ app, site }) => {
    const ui = new AppPage(app)
    const users = await UsersPage.open(ui)
    const before = usersDump(site)
    const [a, b, c] = site.query<{ user_id: string; first_name: string }>(
      "SELECT a.user_id, p.first_name FROM associate a JOIN person p USING (person_id) WHERE a.user_type = 'employee' AND a.user_id <> 'ADMIN' ORDER BY a.user_id LIMIT 3"
    )
    await users.select(a!.user_id)
    await users.type('First name', 'Changed')
    await expect(users.grid.locator('[data-associate-id]').filter({ hasText: 'Changed' }).first()).toBeVisible()
    await users.select(b!.user_id)
    await users.field('Primary group').selectOption({ label: 'Finance' })
    await users.select(c!.user_id)
    await users.field('Can log in').uncheck()
    await expect(users.card.locator('.login-status')).toContainText('"Can log in" is off')
    await expect(ui.saveBar).toContainText('3 pending changes')

    await ui.cancelAndDiscard()
    await expect(ui.saveBar).toContainText('No pending changes')
    expect(usersDump(site)).toEqual(before)
    await users.select(a!.user_id)
    await expect(users.field('First name')).toHaveValue(a!.first_name)
    await expect(users.row(a!.user_id)).not.toContainText('Changed')
  })

  test('a user locked out by wrong passwords is unlocked from the card, and the unlock is audited', async ({ app, site }) => {
    const [user] = site.query<{ associate_id: number; user_id: string }>(
      "SELECT associate_id, user_id FROM associate WHERE user_type = 'employee' AND user_id <> 'ADMIN' ORDER BY user_id LIMIT 1"
    )
    const locked = new Date(Date.now() + 10 * 60_000).toISOString()
    const writer = new Database(site.path)
    writer
      .prepare("INSERT INTO credential (associate_id, secret_hash, failed_attempts, locked_until, updated_at) VALUES (?, 'test-hash', 5, ?, ?) ON CONFLICT (associate_id) DO UPDATE SET failed_attempts = 5, locked_until = excluded.locked_until")
      .run(user!.associate_id, locked, locked)
    writer.close()

    const users = await UsersPage.open(new AppPage(app))
    await users.select(user!.user_id)
    await expect(users.card.getByRole('status').filter({ hasText: 'Sign-in is locked until' })).toBeVisible()
    await users.card.getByRole('button', { name: 'Unlock sign-in' }).click()
    await expect(users.card.getByRole('button', { name: 'Unlock sign-in' })).toHaveCount(0)
    expect(site.query('SELECT failed_attempts, locked_until FROM credential WHERE associate_id = ?', user!.associate_id)).toEqual([{ failed_attempts: 0, locked_until: null }])
    expect(site.query("SELECT action FROM audit_entry WHERE action = 'unlock'")).toEqual([{ action: 'unlock' }])
  })

  test('retire a user → Save → a seat is freed', async ({ app, site }) => {
    const ui = new AppPage(app)
    const users = await UsersPage.open(ui)
    const holder = holderOf(site, ['user', 'web', 'windows', 'visible-for'])
    const before = { user: seatsInUse(site, 'user'), web: seatsInUse(site, 'web') }
    await users.select(holder)
    await expect(users.licence('Login rights to SuperOffice CRM')).toBeChecked()
    await users.task('Retire (former employee)')
    await expect(users.licence('Login rights to SuperOffice CRM')).not.toBeChecked()
    await expect(users.card.getByText('1 of 10 free')).toBeVisible()
    await expect(users.card.locator('.login-status')).toContainText('former employee')
    await ui.saveAndConfirm()
    expect(seatsInUse(site, 'user')).toBe(before.user - 1)
    expect(seatsInUse(site, 'web')).toBe(before.web - 1)
    expect(site.query('SELECT retired, can_log_in FROM associate WHERE user_id = ?', holder)).toEqual([{ retired: 1, can_log_in: 0 }])
    // Re-activate gives the login back (licences are chosen again by the admin).
    await users.task('Re-activate')
    await expect(users.field('Former employee')).not.toBeChecked()
  })

  test('the list filters, searches and sorts in main', async ({ app, site }) => {
    const ui = new AppPage(app)
    const users = await UsersPage.open(ui)
    await users.licenceFilter.selectOption({ label: 'No licence' })
    const noLicence = await users.count.textContent()
    expect(noLicence).toMatch(/^\d+ users?$/)
    await users.licenceFilter.selectOption({ label: 'Complete CRM User' })
    await expect(users.count).toHaveText(`${seatsInUse(site, 'complete-crm')} users`.replace(/^1 users$/, '1 user'))
    await users.licenceFilter.selectOption({ label: 'Any or no licence' })
    await users.onlyCanLogIn.check()
    await expect(users.count).not.toHaveText('41 users')
    await users.onlyCanLogIn.uncheck()
    await users.company.selectOption({ label: 'Nordlys Consulting AB' })
    await expect(users.count).not.toHaveText('41 users')
    await users.company.selectOption({ label: 'All of our companies' })
    await expect(users.count).toHaveText('41 users')
    const header = users.grid.getByRole('columnheader', { name: 'User ID' })
    await expect(users.grid.getByRole('columnheader', { name: 'Last name' })).toHaveAttribute('aria-sort', 'ascending')
    await header.getByRole('button').click()
    await expect(header).toHaveAttribute('aria-sort', 'ascending')
    await expect(users.grid.locator('[data-associate-id]').first()).toContainText('ADMIN')
    await header.getByRole('button').click()
    await expect(header).toHaveAttribute('aria-sort', 'descending')
    await expect(users.grid.locator('[data-associate-id]').first()).not.toContainText('ADMIN')
    // Search is a contains-match over user ID, names, role and group: "administrator" finds roles too.
    const holder = holderOf(site, ['user', 'complete-crm'])
    await users.search.fill(holder)
    await expect(users.row(holder)).toBeVisible()
    await users.search.fill('no such user at all')
    await expect(users.count).toHaveText('No users')
    await expect(app.getByText('No users match these filters.')).toBeVisible()
  })

  test('Remove User lists every blocker at once and the four options ranked by impact', async ({ app, site }) => {
    const ui = new AppPage(app)
    const users = await UsersPage.open(ui)
    await users.select('ADMIN')
    await users.task('Delete…')
    const dialog = users.removeDialog
    // The fixture signs in as ADMIN, which blocks every option.
    await expect(dialog.getByRole('alert')).toContainText('Demo Administrator (ADMIN) is signed in: you cannot remove yourself.')
    const options = dialog.getByRole('radio')
    await expect(options).toHaveCount(4)
    await expect(dialog.getByRole('radio', { name: /^1\. Remove user licences/ })).toBeDisabled()
    await expect(dialog.getByRole('radio', { name: /^2\. Mark associate as former employee/ })).toBeDisabled()
    await expect(dialog.getByRole('radio', { name: /^3\. Delete associate ADMIN$/ })).toBeDisabled()
    await expect(dialog.getByRole('radio', { name: /^4\. Delete associate ADMIN and contact/ })).toBeDisabled()
    await expect(dialog.getByRole('radio', { name: /^2\./ })).toHaveAccessibleDescription(/Not possible: .*is signed in: you cannot remove yourself/)
    await expectNoSeriousAxeViolations(app)
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(dialog).toBeHidden()

    // Another user: every option is open; deleting the associate keeps the person.
    const other = holderOf(site, ['user', 'complete-crm'])
    const [person] = site.query<{ person_id: number }>('SELECT person_id FROM associate WHERE user_id = ?', other)
    await users.select(other)
    await users.task('Delete…')
    await expect(dialog).toContainText('Nothing stops any of the options.')
    await dialog.getByRole('radio', { name: new RegExp(`^3\\. Delete associate ${other}$`) }).check()
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click()
    await expect(dialog).toBeHidden()
    await expect(users.row(other)).toContainText('To be deleted')
    await ui.saveAndConfirm()
    expect(site.query('SELECT COUNT(*) AS n FROM associate WHERE user_id = ?', other)).toEqual([{ n: 0 }])
    expect(site.query('SELECT COUNT(*) AS n FROM person WHERE person_id = ?', person!.person_id)).toEqual([{ n: 1 }])
  })

  test('keyboard only: Navigator → Users → a user → edit → Save', async ({ app, site }) => {
    const ui = new AppPage(app)
    await ui.section('Licences').focus()
    await app.keyboard.press('ArrowDown')
    await expect(ui.section('Users')).toBeFocused()
    await app.keyboard.press('Enter')
    await expect(ui.heading).toHaveText('Users')
    const users = new UsersPage(app)
    await expect(users.grid).toHaveAttribute('aria-busy', 'false')
    await users.grid.focus()
    await expect(users.grid).toBeFocused()
    await app.keyboard.press('Home')
    const first = users.grid.locator('[data-associate-id]').first()
    await expect(first).toHaveAttribute('aria-selected', 'true')
    const userId = (await first.locator('.user-id .cell-text').textContent())!.trim()
    await expect(users.card.locator('.subtitle')).toContainText(userId)
    // Tab order after the rows: the eight sort buttons, Export…, New user, then the card's Task button.
    for (let i = 0; i < 11; i++) await app.keyboard.press('Tab')
    await expect(users.taskButton).toBeFocused()
    await app.keyboard.press('ArrowDown')
    await expect(users.taskMenu.getByRole('menuitem').first()).toBeFocused()
    await app.keyboard.press('Escape')
    await expect(users.taskButton).toBeFocused()
    await app.keyboard.press('Tab')
    await app.keyboard.press('Tab')
    await expect(users.field('First name')).toBeFocused()
    await app.keyboard.press('Control+a')
    await app.keyboard.type('Keyboard')
    await app.keyboard.press('Enter')
    await expect(ui.saveBar).toContainText('1 pending change')
    await app.keyboard.press('Control+s')
    await expect(ui.saveDialog).toBeVisible()
    // Confirm is disabled while the preview loads, so focus starts on Back; Tab moves on to Confirm.
    const confirm = ui.saveDialog.getByRole('button', { name: 'Confirm' })
    await expect(confirm).toBeEnabled()
    if (!(await confirm.evaluate((el) => el === el.ownerDocument.activeElement))) await app.keyboard.press('Tab')
    await expect(confirm).toBeFocused()
    await app.keyboard.press('Enter')
    await expect(ui.saveBar).toContainText('No pending changes')
    expect(site.query('SELECT p.first_name FROM associate a JOIN person p USING (person_id) WHERE a.user_id = ?', userId)).toEqual([{ first_name: 'Keyboard' }])
  })

  test('Norwegian labels', async ({ app }) => {
    const ui = new AppPage(app)
    await ui.language.selectOption('nb')
    await ui.navigator.getByRole('button', { name: 'Brukere', exact: true }).click()
    await expect(ui.heading).toHaveText('Brukere')
    await expect(app.getByRole('tablist', { name: 'Brukerfaner' }).getByRole('tab', { name: 'Medarbeidere' })).toHaveAttribute('aria-selected', 'true')
    const grid = app.getByRole('grid', { name: 'Medarbeidere' })
    await expect(grid.getByRole('columnheader', { name: 'Bruker-ID' })).toBeVisible()
    await expect(grid.getByRole('columnheader', { name: 'Innloggingsstatus' })).toBeVisible()
    await expect(app.getByRole('checkbox', { name: 'Vis bare brukere som kan logge inn' })).toBeVisible()
    await expect(app.locator('.list-footer .count')).toHaveText('41 brukere')
    await app.getByRole('searchbox', { name: 'Søk' }).fill('ADMIN')
    await grid.locator('[data-associate-id]').first().click()
    await expect(app.getByRole('button', { name: 'Oppgave', exact: true })).toBeVisible()
    await expect(app.getByLabel('Fornavn', { exact: true })).toBeVisible()
    await expect(app.getByRole('group', { name: 'Lisenser fra SUPEROFFICE' })).toBeVisible()
    await expect(app.getByText('Passordregler')).toBeVisible()
  })

  test('axe: the Associates tab, the user card and its Access tab', async ({ app, site }) => {
    const ui = new AppPage(app)
    const users = await UsersPage.open(ui)
    await users.select(holderOf(site, ['user', 'web', 'windows', 'visible-for']))
    await users.type('Phone', '+47 22 00 00 00')
    await expect(ui.saveBar).toContainText('1 pending change')
    await expectNoSeriousAxeViolations(app)
    await users.card.getByRole('tab', { name: 'Access' }).click()
    await expect(users.card.getByRole('table', { name: /^Access of/ })).toBeVisible()
    await expectNoSeriousAxeViolations(app)
    await users.taskButton.click()
    await expect(users.taskMenu).toBeVisible()
    await expectNoSeriousAxeViolations(app)
  })
})
