import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { assertAccessible } from '#tests/helpers/accessibility'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { eventually } from '#tests/helpers/eventually'
import { emptyQueues } from '#tests/helpers/queues'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { magicLinkSecret } from '#tests/helpers/self_service_fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { FakeNotify } from '../helpers/fake_notify.js'
import { CALLBACK_TOKEN, notifyValues, setUpSms } from '../helpers/sms_setup.js'

test.group('SMS plugin in the browser', (group) => {
  let notify: FakeNotify
  group.each.setup(async () => {
    await emptyQueues()
    notify = await new FakeNotify().start()
    const empty = await emptyTablesAfterwards()
    return async () => {
      await notify.stop()
      await empty()
    }
  })

  test('a resident verifies their mobile with the texted code, then gets an alert by text that the receipt marks delivered', async ({
    visit,
    assert,
    cleanup,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const resident = await createResident(central, [organisation])
    await setUpSms(organisation, notifyValues(notify), cleanup)

    const secret = await magicLinkSecret(resident)
    const page = await visit(`/my-alerts/sign-in/${secret}`)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Manage your alerts' }).waitFor()
    await page.getByRole('link', { name: 'Add mobile' }).click()
    await page.getByLabel('Your mobile number').waitFor()
    await assertAccessible(page)
    await page.getByLabel('Your mobile number').fill('07400 1234')
    await page.getByRole('button', { name: 'Send a code' }).click()
    await page.getByText('Enter a mobile number like 07400 123456').first().waitFor()
    await page.getByLabel('Your mobile number').fill('07400 123459')
    await page.getByRole('button', { name: 'Send a code' }).click()
    await page.getByText('We sent a 6-digit code to 07400 123459').waitFor()
    await assertAccessible(page)

    const text = await eventually(async () => {
      const sent = notify.sent.find((sms) => sms.phoneNumber === '+447400123459')
      assert.exists(sent)
      return sent!
    })
    const code = /^(\d{6}) is your /.exec(text.personalisation.body)?.[1]
    assert.exists(code, text.personalisation.body)
    await page.getByLabel('Enter the code').fill(code!)
    await page.getByRole('button', { name: 'Verify the number' }).click()
    await page.getByText('Your mobile number 07400 123459 is verified').waitFor()
    assert.match(await page.locator('#number-mobile').innerText(), /^07400 123459\s+Verified$/)

    // Staff send an alert to the ward (the composer's own browser journey is the core's test).
    const staff = await signInStaff(await createStaff(organisation, 'sender'))
    const review = await staff.submit(
      '/staff/alerts/new',
      {
        'title': 'Water main burst',
        'body': 'Roads closed around the market.',
        'priority': 3,
        'areaIds[]': [central.id],
      },
      { action: '/staff/alerts' }
    )
    const alertId = Number(/\/staff\/alerts\/(\d+)/.exec(review.url)?.[1])
    assert.include((await staff.post(`/staff/alerts/${alertId}/send`)).text, 'Sending has started.')

    const alertText = await eventually(async () => {
      const sent = notify.sent.find((sms) => sms.personalisation.body.includes('Water main burst'))
      assert.exists(sent)
      return sent!
    })
    assert.equal(alertText.phoneNumber, '+447400123459')
    await eventually(async () => {
      const row = await db
        .from('deliveries')
        .where('alert_id', alertId)
        .where('channel', 'sms')
        .first()
      assert.equal(row?.status, 'sent')
    })
    const answer = await fetch(`${staff.baseUrl}/plugins/sms/webhooks/notify/receipts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Authorization': `Bearer ${CALLBACK_TOKEN}` },
      body: JSON.stringify(
        FakeNotify.receipt(alertText.id, alertText.reference, alertText.phoneNumber, 'delivered')
      ),
    })
    assert.equal(answer.status, 204)

    const progress = await staff.get(`/staff/alerts/${alertId}`)
    assert.match(progress.text, /data-channel-count="delivered" data-channel="sms">1</)

    // The resident sees it among the alerts they received.
    await page.goto('/my-alerts/received')
    await page.getByText('Water main burst').first().waitFor()
  })
})
