import { test } from '@japa/runner'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaffInBrowser } from '#tests/helpers/staff_session'
import { assertAccessible } from '#tests/helpers/accessibility'
import { emptyTablesAfterwards } from '#tests/helpers/database'

test.group('Compose with previews', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a sender writes an alert in Markdown and previews it on every channel', async ({
    visit,
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation('Lincolnshire Police')
    organisation.merge({ brandColour: '#00703c', emailFooter: 'In an emergency, call 999.' })
    await organisation.save()
    await createResident(central, [organisation])
    const sender = await createStaff(organisation, 'sender')

    const page = await visit('/staff/login')
    await signInStaffInBrowser(page, sender)
    await page.getByRole('link', { name: 'New alert', exact: true }).first().click()
    await page.getByLabel('Title').fill('Sheds broken into')
    await page
      .getByLabel('Alert text')
      .fill(
        'Three sheds were **forced** on Main Road.\n\n- Lock your shed\n- Mark your tools\n\nSee [our advice](https://police.example/sheds).'
      )
    await page.getByLabel('3 – Warning').check()
    await page.getByText('Wards in Boston').click()
    await page.getByLabel('Central', { exact: true }).check()
    await page.getByRole('button', { name: 'Continue' }).click()

    // The message page shows the Markdown as formatted text.
    await page.locator('#alert-body strong', { hasText: 'forced' }).waitFor()
    await page.getByRole('link', { name: /Preview by channel/ }).click()
    await page.getByRole('heading', { name: 'Sheds broken into', level: 1 }).waitFor()

    // Email: the branded HTML in a sandboxed frame, and the text version.
    const email = page.frameLocator('#email-frame')
    await email.locator('strong', { hasText: 'forced' }).waitFor()
    assert.equal(
      await email.getByRole('link', { name: 'our advice' }).getAttribute('href'),
      'https://police.example/sheds'
    )
    assert.include(await email.locator('body').innerText(), 'In an emergency, call 999.')
    await page.assertTextContains('#email-subject', '[Warning] Sheds broken into')
    await page.assertTextContains('#email-text', '- Lock your shed')
    await assertAccessible(page)

    await page.getByRole('tab', { name: 'SMS' }).click()
    await page.assertTextContains('#sms-text', 'Lincolnshire Police (Warning): Sheds broken into.')
    const counter = await page.locator('#sms-counter').innerText()
    const smsLength = (await page.locator('#sms-text').innerText()).length
    assert.isAbove(smsLength, 160)
    assert.equal(counter, `${smsLength} characters, 2 segments (GSM-7)`)

    await page.getByRole('tab', { name: 'Voice' }).click()
    await page.assertTextContains(
      '#voice-script',
      'This is a warning alert from Lincolnshire Police. Sheds broken into. Three sheds were forced on Main Road. Lock your shed. Mark your tools. See our advice.'
    )

    await page.getByRole('tab', { name: 'Push' }).click()
    await page.assertTextContains('#push-title', 'Sheds broken into')
    await page.assertTextContains('#push-body', 'Three sheds were forced on Main Road.')
    await assertAccessible(page)
  })

  test('an admin sets the branding; a colour too light for white text is refused', async ({
    visit,
    assert,
  }) => {
    const organisation = await createOrganisation('Lincolnshire Police')
    const admin = await createStaff(organisation, 'admin')
    const page = await visit('/staff/login')
    await signInStaffInBrowser(page, admin)
    await page.getByRole('link', { name: 'Branding' }).click()
    await page.getByLabel('Sender name').fill('Lincs Police Alerts')
    await page.getByLabel('Brand colour').fill('#ffdd00')
    await page.getByRole('button', { name: 'Save branding' }).click()
    await page.assertTextContains(
      '.govuk-error-summary',
      'White text on #ffdd00 has a contrast ratio of 1.3 to 1'
    )
    await assertAccessible(page)

    await page.getByLabel('Brand colour').fill('#00703c')
    await page.getByLabel('Footer').fill('In an emergency, call 999.')
    await page.getByRole('button', { name: 'Save branding' }).click()
    await page.assertTextContains('.govuk-notification-banner', 'Branding saved.')
    await assertAccessible(page)
    await organisation.refresh()
    assert.equal(organisation.brandColour, '#00703c')
    assert.equal(organisation.senderName, 'Lincs Police Alerts')
  })
})
