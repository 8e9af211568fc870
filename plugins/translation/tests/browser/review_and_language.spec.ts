import { test } from '@japa/runner'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { assertAccessible } from '#tests/helpers/accessibility'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaffInBrowser } from '#tests/helpers/staff_session'
import { magicLinkSecret } from '#tests/helpers/self_service_fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { queueFinished } from '#tests/helpers/queues'
import { FakeTranslateApi, MARKS } from '../helpers/fake_translate.js'
import { enableTranslation } from '../helpers/translation_setup.js'

test.group('Translation plugin in Chromium', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('staff read the translations beside the English, correct one, and residents get the correction', async ({
    visit,
    assert,
    cleanup,
  }) => {
    const api = await new FakeTranslateApi().start()
    cleanup(() => api.stop())
    const { central } = await seedAreas()
    const organisation = await createOrganisation('Lincolnshire OPCC')
    const { disable } = await enableTranslation(organisation, api)
    cleanup(disable)
    const polish = await createResident(central, [organisation], { language: 'pl' })
    const urdu = await createResident(central, [organisation], { language: 'ur' })
    const sender = await createStaff(organisation, 'admin')

    const page = await visit('/staff/login')
    await signInStaffInBrowser(page, sender)
    await page.getByRole('link', { name: 'New alert', exact: true }).first().click()
    await page.getByLabel('Title').fill('Flooding on the low road')
    await page.getByLabel('Alert text').fill('Move cars from the **low road** before 6pm.')
    await page.getByLabel('3 – Warning').check()
    await page.getByText('Wards in Boston').click()
    await page.getByLabel('Central', { exact: true }).check()
    await page.getByText('Save the draft to see it translated into the 2 languages').waitFor()
    await page.getByRole('button', { name: 'Continue' }).click()
    const alertId = Number(/\/staff\/alerts\/(\d+)/.exec(page.url())?.[1])

    await page.goto(`/staff/alerts/${alertId}/edit`)
    const review = page.locator('#translation-review')
    await review.getByRole('heading', { name: 'Translations' }).waitFor()
    const polishPart = review.locator('[data-translation="pl"]')
    await polishPart.getByText('Move cars from the **low road** before 6pm.').waitFor()
    assert.equal(
      await polishPart.getByLabel('Title in Polish').inputValue(),
      'PL Flooding on the low road'
    )
    const urduText = review.getByLabel('Text in Urdu')
    assert.equal(
      await urduText.evaluate((element) => (globalThis as any).getComputedStyle(element).direction),
      'rtl'
    )
    const cost = (await review.locator('#translation-cost').textContent())!.replace(/\s+/g, ' ')
    assert.match(cost, /Translating this alert: \d+ characters × 2 languages = \d+ characters\./)
    assert.match(cost, /Your organisation has translated [1-9][\d,]* characters this month\./)

    await polishPart.getByLabel('Title in Polish').fill('Zalanie na dolnej drodze')
    await polishPart.getByLabel('I have checked the Polish translation').check()
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.getByText('Your changes to the alert have been saved.').waitFor()

    await page.goto(`/staff/alerts/${alertId}/edit`)
    assert.equal(
      await polishPart.getByLabel('Title in Polish').inputValue(),
      'Zalanie na dolnej drodze'
    )
    await polishPart.getByText('corrected by staff').waitFor()
    await page.goto(`/staff/alerts/${alertId}`)
    await page.getByRole('button', { name: 'Send alert' }).click()
    await page.assertTextContains('#alert-status', 'sent')

    const polishMail = await smtpSink.waitForMail(polish.email!)
    assert.include(polishMail.subject, 'Zalanie na dolnej drodze')
    assert.include(polishMail.html, 'checked by staff')
    const urduMail = await smtpSink.waitForMail(urdu.email!)
    assert.include(urduMail.subject, `${MARKS.ur} Flooding on the low road`)
    assert.include(urduMail.html, 'translated from English by machine.')
    const translations = page.locator('#translations')
    await page.reload()
    await translations.locator('[data-translation="pl"]').getByText('Corrected by staff').waitFor()
    await translations
      .locator('[data-translation="ur"]')
      .getByText('Machine translated, not checked')
      .waitFor()
    await queueFinished('send-email')
  }).timeout(60_000)

  test('a resident chooses their language by its own name, and the page passes axe', async ({
    visit,
    assert,
    cleanup,
  }) => {
    const api = await new FakeTranslateApi().start()
    cleanup(() => api.stop())
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const resident = await createResident(central, [organisation])
    const { disable } = await enableTranslation(organisation, api)
    cleanup(disable)

    const page = await visit(`/my-alerts/sign-in/${await magicLinkSecret(resident)}`)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.goto('/my-alerts/language')
    await assertAccessible(page)
    const urdu = page.locator('span[lang="ur"]', { hasText: 'اردو' })
    assert.equal(
      await urdu.evaluate((element) => (globalThis as any).getComputedStyle(element).direction),
      'rtl'
    )
    await page.getByLabel('Urdu').check()
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByText('Your alerts will be in Urdu when there is a translation.').waitFor()
    await page.locator('#summary-language span[lang="ur"]', { hasText: 'اردو' }).waitFor()
    await assertAccessible(page)
  })
})
