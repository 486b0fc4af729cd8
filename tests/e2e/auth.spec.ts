import AxeBuilder from '@axe-core/playwright'
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { test, expect, type SiteUnderTest } from './fixtures'
import { AppPage } from './pages/app.page'
import { AuthPage } from './pages/auth.page'
import { LicencesPage } from './pages/licences.page'

/** axe on the page as it is now; serious and critical violations fail the test. */
async function expectNoSeriousViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze()
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
}

/** Adds a User administrator (role 8) through the real channels, signed in as the demo ADMIN. */
async function addUserAdministrator(site: SiteUnderTest): Promise<void> {
  const call = async (channel: string, input: unknown) => {
    const result = await site.core.dispatch(channel, input)
    if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`)
    return result.value
  }
  await call('auth:signIn', { userId: 'ADMIN', password: 'demo-admin-1' })
  const [company] = site.query<{ company_id: number }>('SELECT company_id FROM our_company ORDER BY company_id LIMIT 1')
  const [group] = site.query<{ user_group_id: number }>('SELECT user_group_id FROM user_group ORDER BY user_group_id LIMIT 1')
  await call('changes:stage', {
    screen: 'users',
    change: {
      entity: 'associate',
      id: 'new:1',
      values: { firstName: 'Ulla', lastName: 'Useradmin', userId: 'ULLA', companyId: String(company.company_id), roleId: '8', primaryGroupId: String(group.user_group_id), canLogIn: true, password: 'ulla-pass-1' }
    }
  })
  await call('changes:save', { screen: 'users' })
  await call('auth:signOut', {})
}

test.describe('first run', () => {
  test.use({ signedIn: false })

  test('a new site starts the set-up wizard; Finish writes everything and signs the administrator in', async ({ app, site }) => {
    const auth = new AuthPage(app)
    await expect(auth.wizard).toBeVisible()
    await expectNoSeriousViolations(app)

    await auth.field('Company name').fill('Fjord Analytics AS')
    await auth.field('Department').fill('IT')
    await auth.field('City').fill('Bergen')
    await auth.button('Next').click()
    await auth.field('First name').fill('Ingrid')
    await auth.field('Last name').fill('Lie')
    // Back keeps what was typed.
    await auth.button('Back').click()
    await expect(auth.field('Company name')).toHaveValue('Fjord Analytics AS')
    await auth.button('Next').click()
    await expect(auth.field('First name')).toHaveValue('Ingrid')
    await auth.field('User ID').fill('ILIE')
    await auth.field('Password').fill('short')
    await expect(auth.wizard.getByText('At least 8 characters')).toBeVisible()
    await auth.button('Next').click()
    await expect(auth.field('Password')).toHaveAttribute('aria-invalid', 'true')
    await auth.field('Password').fill('fjord-admin-7')
    await auth.field('Repeat password').fill('fjord-admin-7')
    await expectNoSeriousViolations(app)
    await auth.button('Next').click()
    // Nothing is written before Finish.
    expect(site.query('SELECT * FROM company')).toEqual([])

    await auth.wizard.getByLabel('Evaluate with a demo licence').check()
    await expect(auth.wizard.getByRole('note')).toContainText('DEMO')
    await auth.button('Finish').click()

    const ui = new AppPage(app)
    await expect(ui.navigator).toBeVisible()
    await expect(app.getByText('Signed in as Ingrid Lie (ILIE)')).toBeVisible()
    expect(site.query('SELECT name, department, city FROM company')).toEqual([{ name: 'Fjord Analytics AS', department: 'IT', city: 'Bergen' }])
    expect(site.query("SELECT user_id FROM associate WHERE user_type = 'employee'")).toEqual([{ user_id: 'ILIE' }])
    expect(site.query('SELECT is_demo, licensee_name FROM licence_owner')).toEqual([{ is_demo: 1, licensee_name: 'Fjord Analytics AS' }])
    expect(site.query("SELECT value FROM site_meta WHERE key = 'demo'")).toEqual([{ value: 'true' }])
    // The site works: Lists opens for the new General administrator.
    await ui.openLists()
  })
})

test.describe('sign in', () => {
  test.use({ demo: true, signedIn: false })

  test('a wrong password and an unknown User ID get the same message; ADMIN then signs in', async ({ app }) => {
    const auth = new AuthPage(app)
    await expect(auth.signInForm).toBeVisible()
    await expectNoSeriousViolations(app)
    await auth.signIn('ADMIN', 'not-the-password')
    await expect(auth.signInError).toHaveText('The User ID or the password is wrong.')
    await auth.signIn('NOBODY', 'demo-admin-1')
    await expect(auth.signInError).toHaveText('The User ID or the password is wrong.')
    await auth.signIn('admin', 'demo-admin-1')
    const ui = new AppPage(app)
    await expect(ui.navigator).toBeVisible()
    await expect(app.getByText('Signed in as Demo Administrator (ADMIN)')).toBeVisible()
  })

  test('a User administrator sees Roles and Lists disabled, with the reason', async ({ app, site }) => {
    await addUserAdministrator(site)
    await app.reload()
    const auth = new AuthPage(app)
    await auth.signIn('ULLA', 'ulla-pass-1')
    const ui = new AppPage(app)
    await expect(ui.navigator).toBeVisible()
    await expect(ui.section('Roles')).toHaveAttribute('aria-disabled', 'true')
    await expect(ui.section('Roles')).toHaveAccessibleDescription('Needs the Role administrator right')
    await expect(ui.section('Lists')).toHaveAttribute('title', 'Needs the List administrator right')
    await expect(ui.section('Users')).not.toHaveAttribute('aria-disabled', 'true')
    await ui.section('Roles').focus()
    await app.keyboard.press('Enter')
    await expect(ui.heading).not.toHaveText('Roles')
    // Main refuses the channel too, whatever the renderer does.
    const refused = await site.core.dispatch('roles:list', { roleType: 'employee' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_allowed' } })
  })
})

test.describe('audit log', () => {
  test.use({ demo: true })

  test('the Status tab shows the Save just made; Verify says intact; Export writes a CSV', async ({ app }) => {
    const ui = new AppPage(app)
    const lists = await ui.openLists()
    await lists.addGroup('Auditors')
    await ui.saveAndConfirm()

    await ui.open('Licences')
    const licences = new LicencesPage(app)
    await licences.tab('Status').click()
    const log = app.getByRole('region', { name: 'Audit log entries' })
    await expect(log.getByRole('listitem').first()).toContainText('ADMIN')
    await expect(log.getByRole('listitem').first()).toContainText('1 row saved')
    await expect(log.getByRole('listitem').first()).toContainText('Auditors')

    await app.getByRole('combobox', { name: 'Screen or entity' }).selectOption('sign-in')
    await expect(log.getByRole('listitem').first()).toContainText('ADMIN signed in')

    await app.getByRole('button', { name: 'Verify' }).click()
    await expect(app.getByText(/The audit log is intact: \d+ entries verified\./)).toBeVisible()

    await app.getByRole('button', { name: 'Export to CSV…' }).click()
    const saved = app.getByText(/^Saved \d+ entries to /)
    await expect(saved).toBeVisible()
    const path = (await saved.textContent())!.replace(/^Saved \d+ entries to /, '').replace(/\.$/, '')
    const csv = readFileSync(path, 'utf8')
    expect(csv.split('\r\n')[0]).toBe('id,time,admin,screen,action,summary,details')
    expect(csv).toContain('ADMIN signed in')
    expect(csv).not.toContain('1 row saved') // the export follows the filter (sign-in only)
    await expectNoSeriousViolations(app)
  })
})
