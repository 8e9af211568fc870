import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import env from '#start/env'
import { assertAccessible } from '#tests/helpers/accessibility'
import { createOrganisation, seedAreas } from '#tests/helpers/fixtures'
import { alertFor } from '#tests/helpers/archive_fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import SiteSettings from '#services/platform/site/site_settings'

test.group('Public archive in the browser', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a resident finds an alert for their ward, opens it and could share it', async ({
    visit,
    assert,
  }) => {
    const { boston, central, abbey } = await seedAreas()
    const police = await createOrganisation('Lincolnshire Police')
    const alert = await alertFor(police, [boston], {
      title: 'Sheds broken into across Boston',
      body: 'Three sheds were forced overnight.\nLock your shed and mark your tools.',
      priority: 3,
      category: 'burglary',
      completedAt: DateTime.fromISO('2025-06-03T13:05:00Z'),
    })
    await alertFor(police, [abbey], { title: 'Phone scam in Abbey', category: 'fraud-and-scams' })
    await alertFor(police, [central], { title: 'Kept for residents', isPublic: false })

    const page = await visit('/')
    await page.getByRole('link', { name: 'Read the alerts already sent' }).click()
    await page.getByRole('heading', { name: 'Alerts', exact: true }).waitFor()
    await assertAccessible(page)
    await page.getByRole('link', { name: 'Phone scam in Abbey' }).waitFor()

    // Central is a ward of Boston, so the alert for the whole district shows under it.
    await page.getByLabel('Area').selectOption({ label: 'Central' })
    await page.getByRole('button', { name: 'Apply filters' }).click()
    await page.getByText('1 alert matches your search, newest first').waitFor()
    assert.equal(await page.getByRole('link', { name: 'Phone scam in Abbey' }).count(), 0)
    assert.equal(await page.getByRole('link', { name: 'Kept for residents' }).count(), 0)
    await assertAccessible(page)

    await page.getByRole('link', { name: 'Sheds broken into across Boston' }).click()
    await page.getByRole('heading', { name: 'Sheds broken into across Boston' }).waitFor()
    await page.getByText('3 June 2025 at 2:05pm').waitFor()
    await page.getByText('Priority 3: Warning').waitFor()
    await page.getByText('Lock your shed and mark your tools.').waitFor()
    await assertAccessible(page)

    const meta = (key: string) =>
      page.locator(`meta[property="${key}"], meta[name="${key}"]`).getAttribute('content')
    const base = env.get('APP_URL').replace(/\/$/, '')
    assert.equal(await meta('og:title'), 'Sheds broken into across Boston')
    assert.equal(await meta('og:type'), 'article')
    assert.equal(await meta('og:url'), `${base}/alerts/${alert.id}`)
    assert.equal(
      await meta('og:description'),
      'Three sheds were forced overnight. Lock your shed and mark your tools.'
    )
    assert.equal(await meta('twitter:card'), 'summary')
  })

  test('a visitor who chose Cymraeg finds and reads an alert in Welsh, the alert as it was written', async ({
    visit,
    assert,
  }) => {
    await SiteSettings.update({ welshOffered: true })
    const { boston, abbey } = await seedAreas()
    const police = await createOrganisation('Lincolnshire Police')
    await alertFor(police, [boston], {
      title: 'Sheds broken into across Boston',
      body: 'Lock your shed and mark your tools.',
      priority: 3,
      category: 'burglary',
      completedAt: DateTime.fromISO('2025-06-03T13:05:00Z'),
    })
    await alertFor(police, [abbey], { title: 'Phone scam in Abbey', category: 'fraud-and-scams' })

    const page = await visit('/alerts')
    await page.getByRole('link', { name: 'Cymraeg' }).click()
    await page.getByRole('heading', { name: 'Rhybuddion', exact: true }).waitFor()
    assert.equal(await page.locator('html').getAttribute('lang'), 'cy')
    await assertAccessible(page)

    await page.getByLabel('Categori').selectOption({ label: 'Bwrgleriaeth' })
    await page.getByRole('button', { name: 'Hidlo' }).click()
    await page.getByText('1 rhybudd yn cyfateb i’ch chwiliad, y diweddaraf yn gyntaf').waitFor()
    assert.equal(await page.getByRole('link', { name: 'Phone scam in Abbey' }).count(), 0)
    await assertAccessible(page)

    await page.getByRole('link', { name: 'Sheds broken into across Boston' }).click()
    await page.getByRole('heading', { name: 'Sheds broken into across Boston' }).waitFor()
    await page.getByText('3 Mehefin 2025 am 2:05yp').waitFor()
    await page.getByText('Blaenoriaeth 3: Rhybudd').waitFor()
    await page.getByText('Lock your shed and mark your tools.').waitFor()
    assert.equal(await page.locator('html').getAttribute('lang'), 'cy')
    await assertAccessible(page)

    // Back to English: the same pages in English, never the Welsh ones kept for others.
    await page.getByRole('link', { name: 'English' }).click()
    await page.getByText('Priority 3: Warning').waitFor()
    assert.equal(await page.locator('html').getAttribute('lang'), 'en')
  })

  test('with nothing published, the archive sends residents to sign up', async ({ visit }) => {
    const page = await visit('/alerts')
    await page.getByRole('heading', { name: 'No alerts have been published yet' }).waitFor()
    await assertAccessible(page)
    await page.getByRole('button', { name: 'Sign up for alerts' }).click()
    await page.waitForURL(/\/sign-up/)
  })
})
