import { test, expect } from './fixtures'
import { AppPage } from './pages/app.page'

interface GroupRow {
  name: string
  tooltip: string
  rank: number
  deleted: number
}
const groupsInSqlite = (site: { query<T>(sql: string): T[] }) =>
  site.query<GroupRow>('SELECT name, tooltip, rank, deleted FROM user_group ORDER BY user_group_id')

test.describe('Lists → User groups', () => {
  test('create two groups → Save → the dialog lists both → the rows are in SQLite', async ({ app, site }) => {
    const ui = new AppPage(app)
    const lists = await ui.openLists()
    await lists.addGroup('Sales', 'Account managers')
    await lists.addGroup('Support')
    // Add, name and tooltip of Sales; add and name of Support: five undoable steps.
    await expect(ui.saveBar).toContainText('5 pending changes')
    await expect(lists.row('Sales')).toContainText('New')

    await ui.saveButton.click()
    await expect(ui.saveDialog).toBeVisible()
    await expect(ui.saveDialog).toContainText('Sales')
    await expect(ui.saveDialog).toContainText('Account managers')
    await expect(ui.saveDialog).toContainText('Support')
    await ui.saveDialog.getByRole('button', { name: 'Confirm' }).click()
    await expect(ui.saveBar).toContainText('No pending changes')

    expect(groupsInSqlite(site)).toEqual([
      { name: 'Sales', tooltip: 'Account managers', rank: 0, deleted: 0 },
      { name: 'Support', tooltip: '', rank: 0, deleted: 0 }
    ])
    const audit = site.query<{ actor: string; summary: string }>('SELECT actor, summary FROM audit_entry')
    expect(audit).toEqual([{ actor: 'local:e2e', summary: '2 rows saved' }])
    await expect(lists.row('Sales')).not.toContainText('New')
  })

  test.describe('on a demo site', () => {
    test.use({ demo: true })

    test('rename → Cancel → SQLite unchanged and the screen shows the saved names', async ({ app, site }) => {
      const before = groupsInSqlite(site)
      const ui = new AppPage(app)
      const lists = await ui.openLists()
      await lists.rename('Sales', 'Field sales')
      await lists.rename('Finance', 'Accounts')
      await expect(lists.row('Field sales')).toContainText('Changed')
      expect(groupsInSqlite(site)).toEqual(before)

      await ui.cancelAndDiscard()
      await expect(ui.saveBar).toContainText('No pending changes')
      await expect(lists.row('Sales')).toBeVisible()
      await expect(lists.row('Finance')).toBeVisible()
      await expect(lists.table.getByRole('button', { name: 'Field sales' })).toHaveCount(0)
      expect(groupsInSqlite(site)).toEqual(before)
      expect(site.query('SELECT * FROM pending_change')).toEqual([])
    })

    test('undo and redo step through the pending changes, with buttons and keys', async ({ app }) => {
      const ui = new AppPage(app)
      const lists = await ui.openLists()
      await lists.rename('Sales', 'Sales Norway')
      await lists.rename('Sales Norway', 'Sales Nordics')
      await expect(ui.saveBar).toContainText('2 pending changes')

      await ui.undoButton.click()
      await expect(lists.row('Sales Norway')).toBeVisible()
      await ui.undoButton.click()
      await expect(lists.row('Sales')).toBeVisible()
      await expect(ui.undoButton).toBeDisabled()

      await ui.redoButton.click()
      await expect(lists.row('Sales Norway')).toBeVisible()
      // Outside a text field, Ctrl+Y redoes and Ctrl+Z undoes the staged steps.
      await ui.section('Lists').focus()
      await app.keyboard.press('Control+y')
      await expect(lists.row('Sales Nordics')).toBeVisible()
      await app.keyboard.press('Control+z')
      await expect(lists.row('Sales Norway')).toBeVisible()
      await expect(ui.saveBar).toContainText('1 pending change')
      await expect(ui.redoButton).toBeEnabled()
    })

    test('mark deleted and restore', async ({ app, site }) => {
      const ui = new AppPage(app)
      const lists = await ui.openLists()
      await lists.select('Marketing')
      await lists.deletedBox.check()
      await expect(lists.row('Marketing')).toContainText('Changed')
      await ui.saveAndConfirm()
      expect(site.query('SELECT deleted FROM user_group WHERE name = ?', 'Marketing')).toEqual([{ deleted: 1 }])

      await lists.select('Marketing')
      await app.getByRole('button', { name: 'Restore' }).click()
      await ui.saveAndConfirm()
      expect(site.query('SELECT deleted FROM user_group WHERE name = ?', 'Marketing')).toEqual([{ deleted: 0 }])
    })

    test('a duplicate name (other case) is refused on Save, naming it, and nothing is written', async ({ app, site }) => {
      const before = groupsInSqlite(site)
      const ui = new AppPage(app)
      const lists = await ui.openLists()
      await lists.addGroup('sales')
      await ui.saveButton.click()
      await ui.saveDialog.getByRole('button', { name: 'Confirm' }).click()
      const refusal = ui.saveDialog.getByRole('alert')
      await expect(refusal).toContainText('The changes were not saved')
      await expect(refusal).toContainText('There would be two user groups called "sales"')
      await ui.saveDialog.getByRole('button', { name: 'Back' }).click()
      expect(groupsInSqlite(site)).toEqual(before)
      await expect(ui.saveBar).toContainText('2 pending changes')
    })

    test('leaving with unsaved changes asks Save / Discard / Stay', async ({ app, site }) => {
      const ui = new AppPage(app)
      const lists = await ui.openLists()
      await lists.rename('IT', 'IT and CRM')

      await ui.open('Roles')
      await expect(ui.leaveDialog).toContainText('Lists has unsaved changes')
      await ui.leaveDialog.getByRole('button', { name: 'Stay' }).click()
      await expect(ui.heading).toHaveText('Lists')
      await expect(ui.saveBar).toContainText('1 pending change')

      await ui.open('Roles')
      await ui.leaveDialog.getByRole('button', { name: 'Save' }).click()
      await ui.saveDialog.getByRole('button', { name: 'Confirm' }).click()
      await expect(ui.heading).toHaveText('Roles')
      expect(site.query('SELECT count(*) AS n FROM user_group WHERE name = ?', 'IT and CRM')).toEqual([{ n: 1 }])

      const lists2 = await ui.openLists()
      await lists2.rename('Finance', 'Economy')
      await ui.open('Users')
      await ui.leaveDialog.getByRole('button', { name: 'Discard' }).click()
      await expect(ui.heading).toHaveText('Users')
      expect(site.query('SELECT * FROM pending_change')).toEqual([])
      expect(site.query('SELECT count(*) AS n FROM user_group WHERE name = ?', 'Finance')).toEqual([{ n: 1 }])
    })

    test('pending changes survive a restart and the screen says so', async ({ app }) => {
      const ui = new AppPage(app)
      const lists = await ui.openLists()
      await lists.rename('Consultants', 'Project consultants')
      // A restart of the window: the pending set lives in the site file, not in the page.
      await app.reload()
      const again = await ui.openLists()
      await expect(ui.restoredNotice).toBeVisible()
      await expect(again.row('Project consultants')).toContainText('Changed')
      await expect(ui.saveBar).toContainText('1 pending change')
      await ui.restoredNotice.getByRole('button', { name: 'Dismiss notice' }).click()
      await expect(ui.restoredNotice).toBeHidden()
    })

    test('Ctrl+S opens the Save dialog and Esc closes it', async ({ app }) => {
      const ui = new AppPage(app)
      const lists = await ui.openLists()
      await lists.rename('IT', 'Information technology')
      await app.keyboard.press('Control+s')
      await expect(ui.saveDialog).toBeVisible()
      await expect(ui.saveDialog).toContainText('Information technology')
      await app.keyboard.press('Escape')
      await expect(ui.saveDialog).toBeHidden()
      await expect(ui.saveBar).toContainText('1 pending change')
    })
  })
})
