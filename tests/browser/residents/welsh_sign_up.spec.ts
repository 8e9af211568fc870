import { test } from '@japa/runner'
import Resident from '#models/residents/resident'
import SiteSettings from '#services/platform/site/site_settings'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { assertAccessible } from '#tests/helpers/accessibility'
import { createOrganisation, uniqueEmail } from '#tests/helpers/fixtures'
import { seedMappedAreas } from '#tests/helpers/sign_up_fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

test.group('Sign-up in Welsh', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a resident switches to Cymraeg and signs up in Welsh', async ({ visit, assert }) => {
    await seedMappedAreas()
    await createOrganisation('Heddlu Dyfed-Powys')
    await SiteSettings.update({ welshOffered: true })
    const email = uniqueEmail('cymraeg')

    const page = await visit('/sign-up')
    await page.assertTextContains('h1', 'What is your postcode?')
    await page.getByRole('link', { name: 'Cymraeg' }).click()
    await page.assertTextContains('h1', 'Beth yw eich cod post?')
    assert.equal(await page.locator('html').getAttribute('lang'), 'cy')
    await assertAccessible(page)

    await page.getByRole('link', { name: 'Dewiswch eich ward o restr' }).click()
    await page.assertTextContains('h1', 'Ym mha ward rydych chi’n byw?')
    await page.getByRole('link', { name: 'Boston' }).click()
    await assertAccessible(page)
    await page.getByLabel('Central (Boston)').check()
    await page.getByRole('button', { name: 'Parhau' }).click()

    await page.assertTextContains('h1', 'Sut gallwn ni gysylltu â chi?')
    await assertAccessible(page)
    await page.getByLabel('Eich enw').fill('Angharad Jones')
    await page.getByLabel('Cyfeiriad e-bost').fill(email)
    await page.getByRole('button', { name: 'Parhau' }).click()

    // Each optional question, skipped in Welsh.
    while (new URL(page.url()).pathname !== '/sign-up/check') {
      await assertAccessible(page)
      const before = page.url()
      await page
        .getByRole('button', { name: /^(Hepgor y cwestiwn hwn|Hepgor y cwestiynau hyn)$/ })
        .click()
      await page.waitForURL((url) => url.href !== before)
    }

    await page.assertTextContains('h1', 'Gwiriwch eich atebion')
    await assertAccessible(page)
    await page.getByRole('button', { name: 'Cofrestru' }).click()
    await page.assertTextContains('h1', 'Gwiriwch eich e-bost')
    await page.assertTextContains('main', 'Beth sy’n digwydd nesaf')
    await assertAccessible(page)

    const mail = await smtpSink.waitForMail(
      email,
      (received) => received.subject === 'Cadarnhewch eich rhybuddion lleol'
    )
    assert.include(mail.text, 'Annwyl Angharad Jones,')
    assert.equal((await Resident.findByOrFail('email', email)).language, 'cy')
  })
})
