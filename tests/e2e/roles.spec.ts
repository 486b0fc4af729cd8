import AxeBuilder from '@axe-core/playwright'
import Database from 'better-sqlite3'
import type { Page } from '@playwright/test'
import { test, expect, type SiteUnderTest } from './fixtures'
import { AppPage } from './pages/app.page'

type Sqlite = Pick<SiteUnderTest, 'query'>

/** Everything the Roles screen can change, as SQLite holds it: equal dumps mean nothing was written. */
const rolesDump = (site: Sqlite) => ({
  roles: site.query('SELECT role_id, name, description, rank, role_type, deleted FROM role ORDER BY role_id'),
  cells: site.query('SELECT role_id, data_object, owner_relation, level FROM data_right ORDER BY role_id, data_object, owner_relation'),
  rights: site.query('SELECT role_id, functional_right_id FROM role_functional_right ORDER BY role_id, functional_right_id'),
  users: site.query('SELECT associate_id, role_id FROM user_role ORDER BY associate_id')
})

const levelOf = (site: Sqlite, roleId: number, object: string, relation: string) =>
  site.query<{ level: string }>('SELECT level FROM data_right WHERE role_id = ? AND data_object = ? AND owner_relation = ?', roleId, object, relation)[0]?.level

const rightsOf = (site: Sqlite, roleId: number) =>
  site.query<{ id: string }>('SELECT functional_right_id AS id FROM role_functional_right WHERE role_id = ? ORDER BY 1', roleId).map((r) => r.id)

/** axe on the page as it is now; serious and critical findings fail the test. */
async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze()
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([])
}

test.describe('Roles', () => {
  test('create a role by copying User level 2 → three cells and two functional rights → Save lists them → rows in SQLite', async ({ app, site }) => {
    const ui = new AppPage(app)
    const roles = await ui.openRoles()
    await roles.select('User level 2')
    await roles.addRole('Key account manager', 'User level 2 with more reach', 'User level 2')
    await expect(app.getByText('New role: rights are copied from User level 2 until you change them.')).toBeVisible()

    const role = 'Key account manager'
    // Copied from User level 2: Company / Other associates is Read, Sale / Other associates None, Dashboard / Other groups Update.
    await expect(roles.cell(role, 'Company', 'Other associates')).toHaveValue('read')
    await roles.cell(role, 'Company', 'Other associates').selectOption({ label: 'Update' })
    await roles.cell(role, 'Sale', 'Other associates').selectOption({ label: 'Read' })
    await roles.cell(role, 'Dashboard', 'Other groups').selectOption({ label: 'Delete' })
    await expect(roles.cell(role, 'Sale', 'Other associates')).toHaveValue('read')
    await expect(roles.matrix(role).locator('td.changed')).toHaveCount(3)
    await expect(roles.cell(role, 'Company', 'Other associates')).toHaveAccessibleDescription(/Changed, not saved/)

    await roles.functionalRightsTab.click()
    // Double-click moves one right; a selection moves with the arrow button.
    await roles.right(roles.cannotList, 'Bulk delete').dblclick()
    await expect(roles.right(roles.canList, 'Bulk delete')).toBeVisible()
    await roles.right(roles.canList, 'Bulk e-mail').click()
    await roles.revokeButton.click()
    await expect(roles.right(roles.cannotList, 'Bulk e-mail')).toBeVisible()
    await expect(ui.saveBar).toContainText('6 pending changes')

    await ui.saveButton.click()
    await expect(ui.saveDialog).toBeVisible()
    const dialog = ui.saveDialog
    await expect(dialog).toContainText('Role: Key account manager')
    await expect(dialog).toContainText('Copy rights from: User level 2')
    await expect(dialog).toContainText('Data rights: Company / Other associates: Update')
    await expect(dialog).toContainText('Data rights: Sale / Other associates: Read')
    await expect(dialog).toContainText('Data rights: Dashboard / Other groups: Delete')
    await expect(dialog).toContainText('Functional right: allow-bulk-delete: can')
    await expect(dialog).toContainText('Functional right: allow-bulk-email: cannot')
    await expect(dialog).toContainText('Affects no users')
    await dialog.getByRole('button', { name: 'Confirm' }).click()
    await expect(ui.saveBar).toContainText('No pending changes')

    const [saved] = site.query<{ role_id: number; description: string; role_type: string }>(
      'SELECT role_id, description, role_type FROM role WHERE name = ? AND deleted = 0',
      role
    )
    expect(saved).toMatchObject({ description: 'User level 2 with more reach', role_type: 'employee' })
    const id = saved!.role_id
    expect(levelOf(site, id, 'company', 'other_associates')).toBe('update')
    expect(levelOf(site, id, 'sale', 'other_associates')).toBe('read')
    expect(levelOf(site, id, 'dashboard', 'other_groups')).toBe('delete')
    // The rest is User level 2's matrix.
    expect(levelOf(site, id, 'contact', 'own')).toBe('delete')
    expect(site.query('SELECT count(*) AS n FROM data_right WHERE role_id = ?', id)).toEqual([{ n: 66 }])
    const expectedRights = [...rightsOf(site, 3).filter((r) => r !== 'allow-bulk-email'), 'allow-bulk-delete'].sort()
    expect(rightsOf(site, id)).toEqual(expectedRights)
    await expect(roles.row(role)).not.toContainText('New')
  })

  test('edit a role → Cancel → SQLite unchanged and the screen shows the saved role', async ({ app, site }) => {
    const before = rolesDump(site)
    const ui = new AppPage(app)
    const roles = await ui.openRoles()
    await roles.select('User level 3')
    await roles.editButton.click()
    await expect(roles.editDialog).toBeVisible()
    await roles.editDialog.getByRole('textbox', { name: 'Role name' }).fill('Team member')
    await roles.editDialog.getByRole('button', { name: 'OK' }).click()
    await expect(roles.row('Team member')).toContainText('Changed')
    await roles.cell('Team member', 'Project', 'Primary group').selectOption('delete')
    await roles.functionalRightsTab.click()
    await roles.searchBox.fill('quotes')
    await roles.right(roles.cannotList, 'May approve quotes').dblclick()
    await expect(roles.right(roles.canList, 'May approve quotes')).toBeVisible()
    await expect(ui.saveBar).toContainText('3 pending changes')
    expect(rolesDump(site)).toEqual(before)

    await ui.cancelAndDiscard()
    await expect(ui.saveBar).toContainText('No pending changes')
    await expect(roles.row('User level 3')).not.toContainText('Changed')
    await expect(roles.table.getByRole('button', { name: 'Team member' })).toHaveCount(0)
    await expect(roles.right(roles.cannotList, 'May approve quotes')).toBeVisible()
    await roles.dataRightsTab.click()
    await expect(roles.cell('User level 3', 'Project', 'Primary group')).toHaveValue('read')
    expect(rolesDump(site)).toEqual(before)
    expect(site.query('SELECT * FROM pending_change')).toEqual([])
  })

  test('the matrix works by keyboard alone', async ({ app, site }) => {
    const ui = new AppPage(app)
    const roles = await ui.openRoles()
    const role = 'User level 4'
    await roles.table.getByRole('button', { name: role, exact: true }).focus()
    await app.keyboard.press('Enter')
    await expect(app.getByRole('heading', { level: 2, name: role })).toBeVisible()

    // The matrix is one Tab stop after the rights tabs.
    await roles.dataRightsTab.focus()
    await app.keyboard.press('Tab')
    await expect(roles.cell(role, 'Company', 'My own')).toBeFocused()
    await app.keyboard.press('ArrowRight')
    await expect(roles.cell(role, 'Company', 'Primary group')).toBeFocused()
    await app.keyboard.press('ArrowDown') // Read → Create
    await expect(roles.cell(role, 'Company', 'Primary group')).toHaveValue('create')
    await expect(ui.saveBar).toContainText('1 pending change')
    await app.keyboard.press('Control+ArrowDown')
    await expect(roles.cell(role, 'Contact', 'Primary group')).toBeFocused()
    await app.keyboard.press('ArrowUp') // Read → None
    await expect(roles.cell(role, 'Contact', 'Primary group')).toHaveValue('none')
    await expect(ui.saveBar).toContainText('2 pending changes')
    await app.keyboard.press('Control+End')
    await expect(roles.cell(role, 'Dashboard', 'Anonymous')).toBeFocused()
    await app.keyboard.press('Control+Home')
    await expect(roles.cell(role, 'Company', 'My own')).toBeFocused()
    await app.keyboard.press('ArrowLeft') // already in the first column: stays
    await expect(roles.cell(role, 'Company', 'My own')).toBeFocused()

    // Tab leaves the matrix for the whole-row / whole-column tools, which act on the current cell.
    await roles.cell(role, 'Company', 'My own').press('Control+ArrowDown')
    await app.keyboard.press('Control+ArrowDown')
    await expect(roles.cell(role, 'Project', 'My own')).toBeFocused()
    await app.keyboard.press('Tab')
    const bulkLevel = app.getByRole('combobox', { name: 'Level for the whole row or column' })
    await expect(bulkLevel).toBeFocused()
    await app.keyboard.press('ArrowDown') // Read → Create
    await expect(bulkLevel).toHaveValue('create')
    await app.keyboard.press('Tab')
    await expect(app.getByRole('button', { name: 'Set row "Project"' })).toBeFocused()
    await app.keyboard.press('Enter')
    await expect(roles.cell(role, 'Project', 'Anonymous')).toHaveValue('create')
    await expect(ui.saveBar).toContainText('3 pending changes')

    await app.keyboard.press('Control+s')
    await expect(ui.saveDialog).toBeVisible()
    const confirm = ui.saveDialog.getByRole('button', { name: 'Confirm' })
    await expect(confirm).toBeEnabled()
    await app.keyboard.press('Tab') // from Back
    await expect(confirm).toBeFocused()
    await app.keyboard.press('Enter')
    await expect(ui.saveBar).toContainText('No pending changes')
    expect(levelOf(site, 5, 'company', 'primary_group')).toBe('create')
    expect(levelOf(site, 5, 'contact', 'primary_group')).toBe('none')
    expect(site.query('SELECT owner_relation, level FROM data_right WHERE role_id = 5 AND data_object = ? ORDER BY owner_relation', 'project')).toEqual(
      ['anonymous', 'external', 'other_associates', 'other_groups', 'own', 'primary_group'].map((owner_relation) => ({ owner_relation, level: 'create' }))
    )
  })

  test('delete a role: its users move to the chosen role of the same type', async ({ app, site }) => {
    // The Users screen is not built yet: give the External user role a user directly in the site file.
    const writer = new Database(site.path)
    const now = new Date().toISOString()
    const { lastInsertRowid } = writer
      .prepare("INSERT INTO associate (user_id, user_type, created_at, updated_at) VALUES ('partner.contact', 'external', ?, ?)")
      .run(now, now)
    writer.prepare('INSERT INTO user_role (associate_id, role_id) VALUES (?, 10)').run(lastInsertRowid)
    writer.close()

    const ui = new AppPage(app)
    const roles = await ui.openRoles()
    await roles.openTab('External')
    await roles.select('External user')
    // The only external role cannot go: every type needs one.
    await expect(roles.deleteButton).toBeDisabled()
    await expect(roles.deleteButton).toHaveAccessibleDescription('This is the only role of its type; every type needs one.')
    await roles.addRole('Partner', 'Resellers', 'External user')
    await ui.saveAndConfirm()

    await roles.select('External user')
    await expect(roles.row('External user')).toContainText('1')
    await roles.deleteButton.click()
    await expect(roles.deleteDialog).toContainText('1 user has this role.')
    await roles.deleteDialog.getByRole('combobox', { name: 'Assign all users with this role to' }).selectOption({ label: 'Partner' })
    await roles.deleteDialog.getByRole('button', { name: 'Delete' }).click()
    await expect(roles.row('External user')).toContainText('To be deleted')

    await ui.saveButton.click()
    await expect(ui.saveDialog).toContainText(/Assign its users to:.*Partner/)
    await expect(ui.saveDialog).toContainText('Affects 1 user')
    await ui.saveDialog.getByRole('button', { name: 'Confirm' }).click()
    await expect(ui.saveBar).toContainText('No pending changes')
    await expect(roles.table.getByRole('button', { name: 'External user' })).toHaveCount(0)

    const [partner] = site.query<{ role_id: number }>("SELECT role_id FROM role WHERE name = 'Partner' AND deleted = 0")
    expect(site.query('SELECT deleted FROM role WHERE role_id = 10')).toEqual([{ deleted: 1 }])
    expect(site.query('SELECT role_id FROM user_role WHERE associate_id = ?', Number(lastInsertRowid))).toEqual([{ role_id: partner!.role_id }])
  })

  test('User level 0 and the System user role cannot be deleted; the System user role is read-only', async ({ app }) => {
    const ui = new AppPage(app)
    const roles = await ui.openRoles()
    await roles.select('User level 0')
    await expect(roles.deleteButton).toBeDisabled()
    await expect(app.getByText('User level 0 cannot be deleted.')).toBeVisible()

    await roles.select('System user')
    await expect(roles.row('System user')).toContainText('Read-only')
    await expect(roles.deleteButton).toBeDisabled()
    await expect(roles.editButton).toBeDisabled()
    await expect(app.getByText('It bypasses security')).toBeVisible()
    await expect(roles.matrix('System user').getByRole('combobox')).toHaveCount(0)
    await expect(roles.matrix('System user')).toContainText('Delete')
    await roles.functionalRightsTab.click()
    await roles.right(roles.canList, 'General administrator').click()
    await expect(roles.revokeButton).toBeDisabled()
  })

  test('the Anonymous tab has exactly one role, data rights only, and no Add or Delete', async ({ app }) => {
    const ui = new AppPage(app)
    const roles = await ui.openRoles()
    await roles.openTab('Anonymous')
    await expect(roles.table.locator('tbody tr')).toHaveCount(1)
    await expect(roles.row('Anonymous user')).toBeVisible()
    await expect(roles.addButton).toHaveCount(0)
    await expect(roles.deleteButton).toHaveCount(0)
    await expect(roles.functionalRightsTab).toHaveCount(0)
    await expect(roles.cell('Anonymous user', 'Company', 'My own')).toHaveValue('create')
    // Anonymous visitors belong to no group: four columns, no group ones.
    await expect(roles.matrix('Anonymous user').getByRole('columnheader')).toHaveText(['Data object', 'Data owned by', 'My own', 'Other associates', 'External user', 'Anonymous'])
  })

  test('column headers explain themselves and rights needing a missing licence are marked', async ({ app }) => {
    const ui = new AppPage(app)
    const roles = await ui.openRoles()
    await roles.select('User level 1')
    const header = roles.matrix('User level 1').getByRole('columnheader', { name: 'Primary group' })
    await expect(header).toHaveAttribute('title', "Records owned by members of the user's primary group.")
    await expect(header).toHaveAccessibleDescription("Records owned by members of the user's primary group.")
    await expect(roles.cell('User level 1', 'Sale', 'Primary group')).toHaveAccessibleDescription(/primary group/)

    await roles.functionalRightsTab.click()
    await expect(roles.right(roles.canList, 'May approve quotes')).toHaveAccessibleDescription(/Needs the Sales Quote Management licence/)
    await expect(roles.right(roles.canList, 'Bulk edit')).not.toHaveAccessibleDescription(/Needs the/)
    await roles.searchBox.fill('bulk')
    await expect(roles.canList.getByRole('option')).toHaveCount(9)
    await expect(roles.cannotList.getByRole('option')).toHaveCount(0)
  })

  test('functional rights: multi-select by keyboard and move with Enter', async ({ app }) => {
    const ui = new AppPage(app)
    const roles = await ui.openRoles()
    await roles.select('User level 5')
    await roles.functionalRightsTab.click()
    await roles.cannotList.focus()
    await app.keyboard.press('Space')
    await app.keyboard.press('Shift+ArrowDown')
    await expect(roles.cannotList.getByRole('option', { selected: true })).toHaveCount(2)
    await app.keyboard.press('Enter')
    await expect(roles.canList.getByRole('option')).toHaveCount(3)
    await expect(ui.saveBar).toContainText('1 pending change')
    await expect(roles.right(roles.canList, 'General administrator')).toBeVisible()
    await expect(roles.right(roles.canList, 'List administrator')).toBeVisible()
  })

  test('axe finds no serious problems on the screen, with and without a dialog open', async ({ app }) => {
    test.setTimeout(120_000) // five full axe scans
    const ui = new AppPage(app)
    const roles = await ui.openRoles()
    await roles.select('User level 2')
    await expectNoSeriousAxeViolations(app)

    await roles.functionalRightsTab.click()
    await expect(roles.canList).toBeVisible()
    await expectNoSeriousAxeViolations(app)

    await roles.addButton.click()
    await expect(roles.roleDialog).toBeVisible()
    await expectNoSeriousAxeViolations(app)
    await app.keyboard.press('Escape')
    await expect(roles.roleDialog).toBeHidden()

    await roles.deleteButton.click()
    await expect(roles.deleteDialog).toBeVisible()
    await expectNoSeriousAxeViolations(app)
    await roles.deleteDialog.getByRole('button', { name: 'Cancel' }).click()

    await roles.openTab('Anonymous')
    await expectNoSeriousAxeViolations(app)
  })
})
