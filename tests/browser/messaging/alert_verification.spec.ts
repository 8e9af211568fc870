import { test } from '@japa/runner'
import type { Page } from 'playwright'
import Alert from '#models/messaging/alert'
import env from '#start/env'
import { assertAccessible } from '#tests/helpers/accessibility'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { sendsFinished } from '#tests/helpers/queues'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

/** Staff send an alert; the resident's email is what they hold up against /verify. */
async function alertEmail() {
  const { central } = await seedAreas()
  const police = await createOrganisation('Northshire Police')
  const resident = await createResident(central, [police])
  const staff = await signInStaff(await createStaff(police, 'sender'))
  await staff.submit(
    '/staff/alerts/new',
    {
      'title': 'Courier fraud warning',
      'body': 'Police will never send a courier to collect your bank card.',
      'priority': 4,
      'areaIds[]': [central.id],
    },
    { action: '/staff/alerts' }
  )
  const alert = await Alert.findByOrFail('title', 'Courier fraud warning')
  await staff.post(`/staff/alerts/${alert.id}/send`)
  const mail = await smtpSink.waitForMail(resident.email!, (received) =>
    received.subject.includes('Courier fraud warning')
  )
  await sendsFinished('email')
  const code = mail.text.match(/Alert code: ([2-9A-Z]{4}-[2-9A-Z]{4})/)?.[1]
  if (!code) throw new Error(`No alert code in the email:\n${mail.text}`)
  const qrLink = mail.html.match(/<a href="([^"]+)"><img src="[^"]+\/qr\.png"/)?.[1]
  if (!qrLink) throw new Error('No QR code link in the email')
  return { code, qrLink: qrLink.replaceAll('&amp;', '&') }
}

async function checkCode(page: Page, typed: string, label = 'Alert code') {
  await page.getByLabel(label, { exact: true }).fill(typed)
  await page.getByRole('button', { name: 'Check the code' }).click()
}

test.group('Checking an alert in the browser', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a resident verifies the code from their email, and a made-up code is refused', async ({
    visit,
    assert,
  }) => {
    const { code, qrLink } = await alertEmail()

    // The QR code's link shows the answer straight away.
    const fromQr = await visit(qrLink)
    await fromQr.getByRole('heading', { name: 'This is a genuine alert' }).waitFor()
    await assertAccessible(fromQr)

    // Typed from the email, in lower case and without the dash, from the home page.
    const page = await visit('/')
    await page.getByRole('link', { name: 'Check an alert is genuine' }).click()
    await page.getByRole('heading', { name: 'Check an alert is genuine' }).waitFor()
    await assertAccessible(page)
    await checkCode(page, code.toLowerCase().replace('-', ' '))
    await page.getByRole('heading', { name: 'This is a genuine alert' }).waitFor()
    assert.equal(await page.locator('#verify-organisation').textContent(), 'Northshire Police')
    assert.equal(await page.locator('#verify-title').textContent(), 'Courier fraud warning')
    await page.getByText('Police will never send a courier to collect your bank card.').waitFor()
    await page.getByText(`Code ${code}`).waitFor()

    // A scammer's made-up code.
    await page.getByRole('link', { name: 'Check another code' }).click()
    await checkCode(page, code === 'K7Q4-M2XD' ? 'K7Q4-M2XE' : 'K7Q4-M2XD')
    await page.getByRole('heading', { name: /^This is not an alert from / }).waitFor()
    await page
      .getByText('Do not click any links in the message, call any number in it, or reply to it.')
      .waitFor()
    assert.equal(await page.getByText('Courier fraud warning').count(), 0)
    await assertAccessible(page)

    // A mistyped one is explained, in the error summary and beside the field.
    await checkCode(page, 'K7Q4-M2X', 'Check another code')
    const summary = page.locator('.govuk-error-summary')
    await summary.getByText('The code has 8 letters and numbers').waitFor()
    await page.locator('#code-error').getByText('You entered 7.').waitFor()
    assert.match(await page.title(), /^Error: /)
    await assertAccessible(page)
  }).timeout(90_000)

  test('the check works without JavaScript', async ({ browser }) => {
    const { code } = await alertEmail()
    const context = await browser.newContext({
      javaScriptEnabled: false,
      baseURL: env.get('APP_URL'),
    })
    try {
      const page = await context.newPage()
      await page.goto('/verify')
      await checkCode(page, code)
      await page.getByRole('heading', { name: 'This is a genuine alert' }).waitFor()
      await page.getByRole('link', { name: 'Check another code' }).click()
      await checkCode(page, 'ZZZZ-ZZZZ')
      await page.getByRole('heading', { name: /^This is not an alert from / }).waitFor()
    } finally {
      await context.close()
    }
  }).timeout(90_000)
})
