import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { test, expect } from './fixtures'
import { AppPage } from './pages/app.page'
import { LicencesPage } from './pages/licences.page'
import { seedLicenceHolders } from './helpers/licence-seed'

interface Line {
  moduleName: string
  displayName: string
  kind: 'system' | 'site' | 'user'
  total: number
  unrestricted?: boolean
  prerequisite?: string | null
}

/** A SUPEROFFICE licence body for this test site's licensee (the same as systemLicenceBody's). */
function vendorBody(lines: readonly Line[], dates: Record<string, string> = {}) {
  return {
    owner: { name: 'SUPEROFFICE', description: 'SuperOffice AS', shopUrl: 'https://www.superoffice.com/shop' },
    licensee: { companyName: 'E2E Testing AS', serialNumber: 'E2E-0001' },
    dates,
    isDemo: false,
    licences: lines.map((l, index) => ({
      moduleName: l.moduleName,
      displayName: l.displayName,
      tooltip: '',
      kind: l.kind,
      total: l.total,
      unrestricted: l.unrestricted ?? false,
      prerequisite: l.prerequisite ?? null,
      allowedUserTypes: l.kind === 'user' ? ['employee'] : [],
      hidden: false,
      sortOrder: index
    }))
  }
}

const SALES_INTELLIGENCE: Line = { moduleName: 'sales-intelligence', displayName: 'Sales Intelligence', kind: 'system', total: 1 }
const SATELLITE: Line = { moduleName: 'satellite', displayName: 'Satellite', kind: 'site', total: 2 }
const LOGIN: Line = { moduleName: 'user', displayName: 'Login rights to SuperOffice CRM', kind: 'user', total: 10 }
const web = (total: number): Line => ({ moduleName: 'web', displayName: 'Standard CRM (web)', kind: 'user', total, prerequisite: 'user' })
const VISIBLE_FOR: Line = { moduleName: 'visible-for', displayName: 'Confidential activities', kind: 'user', total: 1, unrestricted: true, prerequisite: 'user' }

const HOLDERS = [
  { userId: 'ABE', firstName: 'Anna', lastName: 'Berg', licences: ['user', 'web'] },
  { userId: 'BDA', firstName: 'Bjørn', lastName: 'Dahl', licences: ['user', 'web'] },
  { userId: 'CHA', firstName: 'Cecilie', lastName: 'Hansen', licences: ['user', 'web'] }
]

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

/** axe on the page as it is now; fails on serious or critical violations. */
async function expectNoSeriousViolations(page: Page, include?: string): Promise<void> {
  const builder = new AxeBuilder({ page })
  if (include) builder.include(include)
  const { violations } = await builder.analyze()
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
}

test.describe('Licences', () => {
  test('load a valid file → preview → activate → counts shown and a gated section opens', async ({ app, site }) => {
    const ui = new AppPage(app)
    const licences = new LicencesPage(app)
    await expect(ui.heading).toHaveText('Licences')
    await expect(app.getByRole('main')).toContainText('No licence has been activated on this site yet.')
    await expect(ui.section('Status monitoring')).toHaveAttribute('aria-disabled', 'true')

    site.offerLicenceFile('superoffice.lic', site.signLicence(vendorBody([SALES_INTELLIGENCE, SATELLITE, LOGIN, web(5), VISIBLE_FOR])))
    await licences.loadFile()
    await expect(licences.previewDialog).toContainText('SUPEROFFICE licence for E2E Testing AS, serial number E2E-0001.')
    await expect(licences.previewRow('Standard CRM (web)')).toContainText('New')
    await expect(licences.previewRow('Standard CRM (web)').getByRole('cell').last()).toHaveText('5')
    await expect(licences.activateButton).toBeEnabled()
    await licences.activate()
    await expect(licences.outcomeNotice).toContainText('Activated the SUPEROFFICE licence: 5 licences changed, no assignments removed.')

    await expect(licences.tab('SUPEROFFICE')).toHaveAttribute('aria-selected', 'true')
    await expect(licences.ownerHeader).toContainText('E2E Testing AS')
    await expect(licences.ownerHeader).toContainText('E2E-0001')
    await expect(licences.ownerHeader).toContainText('The vendor')
    expect(await licences.counts('User licences', 'Standard CRM (web)')).toEqual(['5', '0', '5'])
    expect(await licences.counts('User licences', 'Login rights to SuperOffice CRM')).toEqual(['10', '0', '10'])
    expect(await licences.counts('User licences', 'Confidential activities')).toEqual(['Unrestricted'])
    expect(await licences.counts('Site licences', 'Satellite')).toEqual(['2', '1', '1'])
    await expect(licences.row('System licences', 'Sales Intelligence')).toBeVisible()

    // The Navigator's licence gating follows the activated system licences at once.
    await expect(ui.section('Status monitoring')).not.toHaveAttribute('aria-disabled', 'true')
    await ui.open('Status monitoring')
    await expect(ui.heading).toHaveText('Status monitoring')
    await ui.open('Licences')

    await licences.row('User licences', 'Standard CRM (web)').getByRole('button').click()
    await expect(app.getByRole('heading', { name: 'Standard CRM (web)' })).toBeVisible()
    await expect(licences.panel).toContainText('Login rights to SuperOffice CRM')
    await expect(licences.panel).toContainText('Nobody holds this licence.')

    await licences.purchaseButton.click()
    await expect.poll(() => site.openedExternally).toEqual(['https://www.superoffice.com/shop'])

    await licences.tab('Status').click()
    await expect(licences.panel).toContainText('E2E-0001')
    await expect(licences.panel).toContainText(site.path)
    await expect(app.getByRole('table', { name: 'Licence events' })).toContainText('Activated the licence of SUPEROFFICE')
    expect(site.query('SELECT owner_name FROM licence_owner')).toEqual([{ owner_name: 'SUPEROFFICE' }])
  })

  test('a smaller file → red line → Remove superfluous licences → activate → the assignments are gone', async ({ app, site }) => {
    await site.activateLicence(site.signLicence(vendorBody([LOGIN, web(5)])))
    const ids = seedLicenceHolders(site.path, HOLDERS)
    await app.reload()
    const licences = new LicencesPage(app)
    expect(await licences.counts('User licences', 'Standard CRM (web)')).toEqual(['5', '3', '2'])

    site.offerLicenceFile('smaller.lic', site.signLicence(vendorBody([LOGIN, web(1)])))
    await licences.loadFile()
    const line = licences.previewRow('Standard CRM (web)')
    await expect(line).toContainText('Too few: remove 2')
    await expect(line.getByRole('cell').last()).toHaveText('-2')
    await expect(licences.activateButton).toBeDisabled()
    await expect(licences.previewDialog).toContainText('Activate stays disabled until every licence in red has enough seats.')

    await licences.previewDialog.getByRole('button', { name: 'Standard CRM (web)', exact: true }).click()
    await expect(licences.removalDialog).toBeVisible()
    await expect(licences.removalDialog).toContainText('In use3')
    await expect(licences.removalDialog).toContainText('Available1')
    await expect(licences.removalDialog).toContainText('Number to remove2')
    await expect(licences.removalDialog.getByRole('status')).toHaveText('Select 2 more users.')
    await licences.removalDialog.getByRole('checkbox', { name: 'Remove Standard CRM (web) from Anna Berg (ABE)' }).check()
    await expect(licences.removalDialog.getByRole('status')).toHaveText('Select 1 more user.')
    await licences.removalDialog.getByRole('checkbox', { name: 'Remove Standard CRM (web) from Cecilie Hansen (CHA)' }).check()
    await expect(licences.removalDialog.getByRole('status')).toHaveText('Enough users are selected.')
    await licences.removalDialog.getByRole('button', { name: 'OK' }).click()
    await expect(licences.removalDialog).toBeHidden()

    await expect(line).toContainText('2 users lose it')
    await expect(line.getByRole('cell').last()).toHaveText('0')
    await expect(licences.activateButton).toBeEnabled()
    await licences.activate()
    await expect(licences.outcomeNotice).toContainText('1 licence changed, 2 assignments removed')

    const webHolders = site.query<{ associate_id: number }>(
      "SELECT la.associate_id FROM licence_assignment la JOIN licence l USING (licence_id) WHERE l.module_name = 'web' ORDER BY la.associate_id"
    )
    expect(webHolders).toEqual([{ associate_id: ids.get('BDA') }])
    expect(site.query("SELECT count(*) AS n FROM licence_assignment la JOIN licence l USING (licence_id) WHERE l.module_name = 'user'")).toEqual([{ n: 3 }])
    expect(await licences.counts('User licences', 'Standard CRM (web)')).toEqual(['1', '1', '0'])
    await licences.row('User licences', 'Standard CRM (web)').getByRole('button').click()
    const holders = app.getByRole('table', { name: 'Users holding Standard CRM (web)' })
    await expect(holders.getByRole('row')).toHaveCount(2)
    await expect(holders).toContainText('Bjørn Dahl')
  })

  test('a tampered file (one byte changed) is refused and nothing changes', async ({ app, site }) => {
    const signed = site.signLicence(vendorBody([LOGIN, web(5)]))
    await site.activateLicence(signed)
    await app.reload()
    const before = {
      owners: site.query('SELECT * FROM licence_owner'),
      licences: site.query('SELECT * FROM licence ORDER BY licence_id'),
      audit: site.query('SELECT count(*) AS n FROM audit_entry')
    }
    const tampered = signed.replace('"total":5', '"total":9')
    expect(tampered.length).toBe(signed.length)
    expect([...tampered].filter((c, i) => c !== signed[i])).toHaveLength(1)

    const licences = new LicencesPage(app)
    site.offerLicenceFile('tampered.lic', tampered)
    await licences.loadButton.click()
    await expect(licences.refusalDialog).toBeVisible()
    await expect(licences.refusalDialog.getByRole('alert')).toContainText('Nothing was changed.')
    await expect(licences.refusalDialog).toContainText('tampered.lic')
    await expect(licences.previewDialog).toBeHidden()
    await licences.refusalDialog.getByRole('button', { name: 'Close' }).click()
    await expect(licences.refusalDialog).toBeHidden()
    await expect(licences.loadButton).toBeFocused()

    expect(site.query('SELECT * FROM licence_owner')).toEqual(before.owners)
    expect(site.query('SELECT * FROM licence ORDER BY licence_id')).toEqual(before.licences)
    expect(site.query('SELECT count(*) AS n FROM audit_entry')).toEqual(before.audit)
    expect(await licences.counts('User licences', 'Standard CRM (web)')).toEqual(['5', '0', '5'])
  })

  test('expiry banner and "who loses access on …" with the users and why', async ({ app, site }) => {
    await site.activateLicence(site.signLicence(vendorBody([LOGIN, web(5)], { expiresOn: day(20) })))
    seedLicenceHolders(site.path, [
      ...HOLDERS.slice(0, 2),
      // Cannot log in today (no client licence), so cannot lose access either.
      { userId: 'DIV', firstName: 'Dina', lastName: 'Vik', licences: ['user'] }
    ])
    await app.reload()
    const licences = new LicencesPage(app)
    await expect(licences.expiryBanner).toContainText('The SUPEROFFICE licence expires on')
    await expect(licences.expiryBanner).toContainText('in 20 days')
    await expect(licences.ownerHeader).toContainText('Expires')

    await expect(licences.forecastDate).toHaveValue(day(21))
    await app.getByRole('button', { name: 'Show' }).click()
    const losing = app.getByRole('table', { name: /Users who lose access on/ })
    await expect(losing.getByRole('row')).toHaveCount(3)
    await expect(losing).toContainText('Anna Berg (ABE)')
    await expect(losing).toContainText('Bjørn Dahl (BDA)')
    await expect(losing).not.toContainText('DIV')
    await expect(losing).toContainText('The login right from SUPEROFFICE ends after')

    await licences.forecastDate.fill(day(10))
    await app.getByRole('button', { name: 'Show' }).click()
    await expect(licences.panel).toContainText('Nobody who can log in today loses access on')
  })

  test.describe('on a demo site', () => {
    test.use({ demo: true })

    test('the demo licence is marked DEMO, with its expiry', async ({ app }) => {
      const licences = new LicencesPage(app)
      await expect(licences.tab('SUPEROFFICE')).toHaveAttribute('aria-selected', 'true')
      await expect(licences.tab('SUPEROFFICE')).toContainText('DEMO')
      await expect(licences.ownerHeader).toContainText('DEMO')
      await expect(licences.ownerHeader).toContainText('Demo licence: for evaluation only')
      await expect(licences.ownerHeader).toContainText('The demo key')
      await expect(licences.expiryBanner).toContainText('The SUPEROFFICE licence expires on')
      await expect(licences.expiryBanner).toContainText('in 30 days')
      expect((await licences.counts('User licences', 'Standard CRM (web)'))[0]).toBe('5')
      expect(await licences.counts('User licences', 'Confidential activities')).toEqual(['Unrestricted'])
    })
  })

  test('axe finds nothing serious on the screen, the preview and the removal dialog', async ({ app, site }) => {
    await site.activateLicence(site.signLicence(vendorBody([SALES_INTELLIGENCE, SATELLITE, LOGIN, web(5), VISIBLE_FOR], { expiresOn: day(45) })))
    seedLicenceHolders(site.path, HOLDERS)
    await app.reload()
    const licences = new LicencesPage(app)
    await licences.row('User licences', 'Standard CRM (web)').getByRole('button').click()
    await expect(app.getByRole('table', { name: 'Users holding Standard CRM (web)' })).toBeVisible()
    await app.getByRole('button', { name: 'Show' }).click()
    await expect(app.getByRole('table', { name: /Users who lose access on/ })).toBeVisible()
    await expectNoSeriousViolations(app)

    site.offerLicenceFile('smaller.lic', site.signLicence(vendorBody([SALES_INTELLIGENCE, LOGIN, web(1), VISIBLE_FOR])))
    await licences.loadFile()
    await expect(licences.previewRow('Standard CRM (web)')).toContainText('Too few')
    await expectNoSeriousViolations(app, 'dialog[open]')
    await licences.previewDialog.getByRole('button', { name: 'Standard CRM (web)', exact: true }).click()
    await expect(licences.removalDialog).toBeVisible()
    await expectNoSeriousViolations(app)
  })
})
