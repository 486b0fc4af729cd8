import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { test, expect, type SiteUnderTest } from './fixtures'
import { AppPage } from './pages/app.page'
import { UsersTabsPage } from './pages/users-tabs.page'

type Sqlite = Pick<SiteUnderTest, 'query'>

/** axe on the page as it is now; serious and critical findings fail the test. */
async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze()
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([])
}

const ourCompanies = (site: Sqlite) =>
  site.query<{ company_id: number; name: string; department: string; city: string }>(
    'SELECT c.company_id, c.name, c.department, c.city FROM our_company o JOIN company c USING (company_id) ORDER BY c.company_id'
  )
const associatesAt = (site: Sqlite, name: string) =>
  site.query<{ n: number }>('SELECT count(*) AS n FROM associate a JOIN person p USING (person_id) JOIN company c ON c.company_id = p.company_id WHERE c.name = ?', name)[0]?.n ?? 0
const pendingUsers = (site: Sqlite) => site.query<{ change: string }>("SELECT change FROM pending_change WHERE screen = 'users'")

test.describe('Users → Our companies', () => {
  test.use({ demo: true })

  test('a company that has users cannot be deleted: Delete is refused with the reason, nothing is written', async ({ app, site }) => {
    const ui = new AppPage(app)
    const users = await UsersTabsPage.open(ui, 'Our companies')
    const before = ourCompanies(site)
    expect(before).toHaveLength(2)

    const sweden = 'Nordlys Consulting AB'
    const count = associatesAt(site, sweden)
    expect(count).toBeGreaterThan(0)
    await expect(users.row(users.companiesTable, sweden).getByRole('cell').nth(3)).toHaveText(String(count))

    await users.select(users.companiesTable, sweden)
    await expect(users.deleteCompanyButton).toBeDisabled()
    await expect(users.deleteCompanyButton).toHaveAccessibleDescription(`${count} associates belong to the company: move or remove them first.`)

    // The database owner is refused for its own reason.
    await users.select(users.companiesTable, 'Nordlys Consulting AS')
    await expect(users.row(users.companiesTable, 'Nordlys Consulting AS')).toContainText('Database owner')
    await expect(users.deleteCompanyButton).toBeDisabled()
    await expect(users.deleteCompanyButton).toHaveAccessibleDescription('The company that owns the database cannot be deleted from Our companies.')

    await expect(ui.saveBar).toContainText('No pending changes')
    expect(pendingUsers(site)).toEqual([])
    expect(ourCompanies(site)).toEqual(before)
  })

  test('add a new company through Find → New company → Save → company and our_company rows; then delete it and add it back through Find', async ({ app, site }) => {
    const ui = new AppPage(app)
    const users = await UsersTabsPage.open(ui, 'Our companies')

    await users.addCompanyButton.click()
    await expect(users.findDialog).toBeVisible()
    // Both demo companies are ours already: listed, but not selectable.
    await users.find('consulting', 'Contains')
    const results = users.findDialog.getByRole('group', { name: 'Companies found' })
    await expect(results.getByRole('radio')).toHaveCount(2)
    await expect(results.getByRole('radio', { name: /Nordlys Consulting AB, Sales, Stockholm/ })).toBeDisabled()
    await users.find('Fjord', 'Starts with')
    await expect(users.findDialog.getByRole('status')).toContainText('No company matches')
    await users.findDialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(users.findDialog).toBeHidden()
    await expect(users.addCompanyButton).toBeFocused()

    await users.createCompany({ name: 'Fjordkraft Consulting AS', department: 'R&D', city: 'Bergen' })
    const row = users.row(users.companiesTable, 'Fjordkraft Consulting AS')
    await expect(row).toContainText('New')
    await expect(row).toContainText('Bergen')
    await expect(ui.saveBar).toContainText('1 pending change')

    await ui.saveButton.click()
    await expect(ui.saveDialog).toContainText('Our company: Fjordkraft Consulting AS, R&D')
    await ui.saveDialog.getByRole('button', { name: 'Confirm' }).click()
    await expect(ui.saveBar).toContainText('No pending changes')
    const created = ourCompanies(site).find((c) => c.name === 'Fjordkraft Consulting AS')
    expect(created).toMatchObject({ department: 'R&D', city: 'Bergen' })
    await expect(row).not.toContainText('New')

    // No associates and not the owner: Delete removes it from Our companies; the CRM company stays.
    await users.select(users.companiesTable, 'Fjordkraft Consulting AS')
    await expect(users.deleteCompanyButton).toBeEnabled()
    await users.deleteCompanyButton.click()
    await expect(row).toContainText('To be removed')
    await expect(users.restoreCompanyButton).toBeVisible()
    await ui.saveAndConfirm()
    await expect(row).toHaveCount(0)
    expect(ourCompanies(site).map((c) => c.name)).not.toContain('Fjordkraft Consulting AS')
    expect(site.query('SELECT name FROM company WHERE company_id = ?', created?.company_id)).toEqual([{ name: 'Fjordkraft Consulting AS' }])

    // Add finds it again as a CRM company that is not one of ours.
    await users.addCompanyButton.click()
    await users.find('Fjordkraft Consulting AS', 'Equals')
    await users.findDialog.getByRole('radio', { name: /Fjordkraft Consulting AS, R&D, Bergen/ }).check()
    await users.findDialog.getByRole('button', { name: 'Add', exact: true }).click()
    await expect(users.findDialog).toBeHidden()
    await expect(row).toContainText('Changed')
    await ui.saveAndConfirm()
    expect(ourCompanies(site).map((c) => c.company_id)).toContain(created?.company_id)
  })
})

test.describe('Users → Other users', () => {
  test.use({ demo: true })

  test('add a system user with a password → Save → an associate of type system, the password only as a hash', async ({ app, site }) => {
    const ui = new AppPage(app)
    const users = await UsersTabsPage.open(ui, 'Other users')
    await expect(users.row(users.otherUsersTable, 'SYS-ERP')).toContainText('System user')
    await expect(users.row(users.otherUsersTable, 'WEBFORM')).toContainText('Anonymous')

    const password = 'Backup-2026-night'
    await users.addOtherUser({ userId: 'SYS-BACKUP', password, description: 'Nightly backup job', type: 'System user', active: true })
    const row = users.row(users.otherUsersTable, 'SYS-BACKUP')
    await expect(row).toContainText('New')
    await expect(row).toContainText('Active')
    // Main hashed the password when it was staged: the plain text is not in the pending set.
    expect(pendingUsers(site).some((c) => c.change.includes(password))).toBe(false)

    await ui.saveButton.click()
    await expect(ui.saveDialog).toContainText('Other user: SYS-BACKUP')
    await expect(ui.saveDialog).not.toContainText(password)
    await ui.saveDialog.getByRole('button', { name: 'Confirm' }).click()
    await expect(ui.saveBar).toContainText('No pending changes')

    const [saved] = site.query<{ associate_id: number; user_type: string; description: string; can_log_in: number; person_id: number | null }>(
      "SELECT associate_id, user_type, description, can_log_in, person_id FROM associate WHERE user_id = 'SYS-BACKUP'"
    )
    expect(saved).toMatchObject({ user_type: 'system', description: 'Nightly backup job', can_log_in: 1, person_id: null })
    const credentials = site.query<{ secret_hash: string }>('SELECT secret_hash FROM credential WHERE associate_id = ?', saved?.associate_id)
    expect(credentials).toHaveLength(1)
    expect(credentials[0]?.secret_hash).toMatch(/^scrypt\$/)
    expect(credentials[0]?.secret_hash).not.toContain(password)
    expect(JSON.stringify(site.query('SELECT * FROM associate WHERE associate_id = ?', saved?.associate_id))).not.toContain(password)
  })

  test('Remove login, re-activate by double-click → Edit, and Delete → Save', async ({ app, site }) => {
    const ui = new AppPage(app)
    const users = await UsersTabsPage.open(ui, 'Other users')
    const loginOf = (userId: string) => site.query<{ can_log_in: number }>('SELECT can_log_in FROM associate WHERE user_id = ?', userId)[0]?.can_log_in

    await users.select(users.otherUsersTable, 'SYS-ERP')
    await users.removeLoginButton.click()
    await expect(users.row(users.otherUsersTable, 'SYS-ERP')).toContainText('Inactive')
    await expect(users.removeLoginButton).toBeDisabled()

    await users.row(users.otherUsersTable, 'SYS-DIARY').dblclick()
    await expect(users.editOtherUserDialog).toBeVisible()
    await expect(users.editOtherUserDialog.getByRole('radio', { name: 'System user' })).toBeDisabled()
    await users.editOtherUserDialog.getByRole('checkbox', { name: 'Active' }).check()
    await users.editOtherUserDialog.getByRole('button', { name: 'OK' }).click()
    await expect(users.editOtherUserDialog).toBeHidden()
    await expect(users.row(users.otherUsersTable, 'SYS-DIARY')).toContainText('Changed')

    await users.select(users.otherUsersTable, 'WEBFORM')
    await users.deleteOtherUserButton.click()
    await expect(users.row(users.otherUsersTable, 'WEBFORM')).toContainText('To be deleted')
    await expect(ui.saveBar).toContainText('3 pending changes')

    await ui.saveAndConfirm()
    expect(loginOf('SYS-ERP')).toBe(0)
    expect(loginOf('SYS-DIARY')).toBe(1)
    expect(site.query("SELECT 1 FROM associate WHERE user_id = 'WEBFORM'")).toEqual([])
  })

  test('axe: the Other users tab and its Add dialog', async ({ app }) => {
    const ui = new AppPage(app)
    const users = await UsersTabsPage.open(ui, 'Other users')
    await users.select(users.otherUsersTable, 'SYS-ERP')
    await expectNoSeriousAxeViolations(app)
    await users.addOtherUserButton.click()
    await expect(users.addOtherUserDialog).toBeVisible()
    await expectNoSeriousAxeViolations(app)
  })
})

test.describe('Users → Other users without Expander Services', () => {
  test('a fresh site without the licence: the tab says why and offers nothing', async ({ app }) => {
    const ui = new AppPage(app)
    const users = await UsersTabsPage.open(ui, 'Other users')
    await expect(app.getByRole('status').filter({ hasText: 'Other users need the SuperOffice Expander Services system licence' })).toBeVisible()
    await expect(users.otherUsersTable).toHaveCount(0)
    await expect(users.addOtherUserButton).toHaveCount(0)
    await expect(users.removeLoginButton).toHaveCount(0)
    await expectNoSeriousAxeViolations(app)
  })
})

test.describe('Users → User licences and User groups', () => {
  test.use({ demo: true })

  test('User licences: in use / total per licence, including a pending change, and who holds it', async ({ app, site }) => {
    const licences = site.query<{ module_name: string; display_name: string; total: number; n: number }>(
      `SELECT l.module_name, l.display_name, l.total, count(a.associate_id) AS n
         FROM licence l LEFT JOIN licence_assignment a USING (licence_id)
        WHERE l.kind = 'user' AND l.unrestricted = 0 AND l.hidden = 0
        GROUP BY l.licence_id HAVING n > 1 ORDER BY n DESC`
    )
    const licence = licences[0]
    expect(licence).toBeDefined()
    if (!licence) return
    const holders = site.query<{ associate_id: number; user_id: string }>(
      'SELECT s.associate_id, s.user_id FROM licence_assignment a JOIN licence l USING (licence_id) JOIN associate s USING (associate_id) WHERE l.module_name = ? ORDER BY s.user_id',
      licence.module_name
    )
    expect(holders).toHaveLength(licence.n)

    // A pending change from the Associates tab: one holder loses the licence (and whatever needs it).
    const loser = holders[0]
    if (!loser) return
    const held = site.query<{ module_name: string; prerequisite_module: string | null }>(
      'SELECT l.module_name, l.prerequisite_module FROM licence_assignment a JOIN licence l USING (licence_id) WHERE a.associate_id = ?',
      loser.associate_id
    )
    const keep = held.filter((l) => l.module_name !== licence.module_name && l.prerequisite_module !== licence.module_name).map((l) => l.module_name)
    const staged = await site.core.dispatch('changes:stage', { screen: 'users', change: { entity: 'associate', id: String(loser.associate_id), values: { licences: keep.join(',') } } })
    expect(staged.ok).toBe(true)

    const ui = new AppPage(app)
    const users = await UsersTabsPage.open(ui, 'User licences')
    const row = users.licencesTable.getByRole('row').filter({ has: app.getByRole('button', { name: licence.display_name, exact: true }) })
    await expect(row).toContainText(`${licence.n - 1} / ${licence.total}`)
    await expect(row).toContainText(`saved: ${licence.n}`)

    await users.select(users.licencesTable, licence.display_name)
    await expect(users.holdersTable).toHaveAccessibleName(`Users with ${licence.display_name}`)
    await expect(users.holdersTable.getByRole('row')).toHaveCount(licence.n - 1 + 1)
    await expect(users.holdersTable).not.toContainText(loser.user_id)
    await expect(users.holdersTable).toContainText(holders[1]?.user_id ?? '')
    await expectNoSeriousAxeViolations(app)
  })

  test('User groups: the available groups and a group’s primary and other members', async ({ app, site }) => {
    const group = site.query<{ user_group_id: number; name: string }>(
      `SELECT g.user_group_id, g.name FROM user_group g
        WHERE EXISTS (SELECT 1 FROM associate a WHERE a.primary_group_id = g.user_group_id)
          AND EXISTS (SELECT 1 FROM user_group_link l WHERE l.user_group_id = g.user_group_id)
        ORDER BY g.rank LIMIT 1`
    )[0]
    expect(group).toBeDefined()
    if (!group) return
    const primary = site.query<{ user_id: string }>("SELECT user_id FROM associate WHERE primary_group_id = ? AND user_type = 'employee' ORDER BY user_id", group.user_group_id)
    const other = site.query<{ user_id: string }>(
      'SELECT a.user_id FROM user_group_link l JOIN associate a USING (associate_id) WHERE l.user_group_id = ? AND a.primary_group_id <> l.user_group_id ORDER BY a.user_id',
      group.user_group_id
    )

    const ui = new AppPage(app)
    const users = await UsersTabsPage.open(ui, 'User groups')
    const row = users.groupsTable.getByRole('row').filter({ has: app.getByRole('button', { name: group.name, exact: true }) })
    await expect(row.getByRole('cell').nth(0)).toHaveText(String(primary.length))

    await users.select(users.groupsTable, group.name)
    await expect(users.membersTable).toHaveAccessibleName(`Members of ${group.name}`)
    await expect(users.membersTable.getByRole('row')).toHaveCount(primary.length + other.length + 1)
    const firstPrimary = users.membersTable.getByRole('row').filter({ hasText: primary[0]?.user_id ?? '' })
    await expect(firstPrimary).toContainText('Primary group')
    if (other[0]) await expect(users.membersTable.getByRole('row').filter({ hasText: other[0].user_id })).toContainText('Other group')
    await expectNoSeriousAxeViolations(app)
  })

  test('axe: the Our companies tab and the Find dialog with results, in Norwegian too', async ({ app }) => {
    const ui = new AppPage(app)
    const users = await UsersTabsPage.open(ui, 'Our companies')
    await users.select(users.companiesTable, 'Nordlys Consulting AB')
    await expectNoSeriousAxeViolations(app)
    await users.addCompanyButton.click()
    await users.find('Nordlys', 'Starts with')
    await expect(users.findDialog.getByRole('radio')).toHaveCount(2)
    await expectNoSeriousAxeViolations(app)
    await users.findDialog.getByRole('button', { name: 'New company…' }).click()
    await expect(users.newCompanyDialog).toBeVisible()
    await expect(users.newCompanyDialog.getByLabel('Company name')).toBeFocused()
    await expectNoSeriousAxeViolations(app)
    await users.newCompanyDialog.getByRole('button', { name: 'Cancel' }).click()

    await ui.language.selectOption({ label: 'Norsk bokmål' })
    await expect(app.getByRole('table', { name: 'Våre firmaer' })).toBeVisible()
    await expect(app.getByRole('button', { name: 'Slett firma' })).toHaveAccessibleDescription(/medarbeidere hører til firmaet/)
  })
})
