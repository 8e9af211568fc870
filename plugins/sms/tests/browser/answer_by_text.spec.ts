import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { assertAccessible } from '#tests/helpers/accessibility'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { eventually } from '#tests/helpers/eventually'
import { emptyQueues } from '#tests/helpers/queues'
import { BrowserLikeSession } from '#tests/helpers/http'
import { FakeTwilioMessages } from '#tests/helpers/fake_twilio_messages'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff, signInStaffInBrowser } from '#tests/helpers/staff_session'
import { setUpSms, twilioValues } from '../helpers/sms_setup.js'

const INBOUND = `${new BrowserLikeSession().baseUrl}/plugins/sms/webhooks/twilio/inbound`

test.group('SMS plugin in the browser: answering a text', (group) => {
  let twilio: FakeTwilioMessages
  group.each.setup(async () => {
    await emptyQueues()
    twilio = await new FakeTwilioMessages().start()
    const empty = await emptyTablesAfterwards()
    return async () => {
      await twilio.stop()
      await empty()
    }
  })

  test('a resident texts back; staff find it in the inbox and answer; the answer is texted to them', async ({
    visit,
    assert,
    cleanup,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation('Fenland Fire Service')
    await createResident(central, [organisation], {
      name: 'Priya Shah',
      email: null,
      phone: '+447700900911',
    })
    await setUpSms(organisation, twilioValues(twilio), cleanup)

    const sender = await signInStaff(await createStaff(organisation, 'sender'))
    const review = await sender.submit(
      '/staff/alerts/new',
      {
        'title': 'Grass fire near the school',
        'body': 'Keep windows closed.',
        'priority': 4,
        'areaIds[]': [central.id],
      },
      { action: '/staff/alerts' }
    )
    const alertId = Number(/\/staff\/alerts\/(\d+)/.exec(review.url)?.[1])
    await sender.post(`/staff/alerts/${alertId}/send`)
    await eventually(async () => {
      const texted = await db
        .from('deliveries')
        .where({ alert_id: alertId, channel: 'sms' })
        .whereNotNull('sent_at')
      assert.lengthOf(texted, 1)
    })

    const params = {
      MessageSid: 'SM' + 'c'.repeat(32),
      AccountSid: twilio.accountSid,
      From: '+447700900911',
      To: '+447700900999',
      Body: 'Smoke is coming into our garden, is it safe to stay?',
      NumMedia: '0',
    }
    const posted = await fetch(INBOUND, { method: 'POST', ...twilio.signedForm(INBOUND, params) })
    assert.equal(posted.status, 200)

    const member = await createStaff(organisation, 'admin')
    const staff = await visit('/staff/login')
    await signInStaffInBrowser(staff, member)
    await staff.getByRole('link', { name: 'Inbox' }).click()
    await staff.assertTextContains('#replies', 'Smoke is coming into our garden')
    await staff.getByRole('link', { name: 'Priya Shah' }).click()
    await staff.assertTextContains('h1', 'From Priya Shah')
    await staff.assertTextContains('#reply-thread', ', by text')
    await staff.assertTextContains('#answer-hint', 'Texted to +447700900911')
    await assertAccessible(staff)
    await staff
      .getByLabel('Answer the resident')
      .fill('Yes: stay indoors, the crews have it contained.')
    await staff.getByRole('button', { name: 'Send the answer' }).click()
    await staff.assertTextContains(
      '.govuk-notification-banner',
      'Your answer was texted to Priya Shah.'
    )
    await staff.assertTextContains('#reply-state', 'Answered')
    await staff.assertTextContains('#reply-thread', ', texted')
    await assertAccessible(staff)

    const answer = twilio.messages.find(
      (message) => message.to === '+447700900911' && message.body.includes('crews')
    )
    assert.exists(answer)
    assert.equal(
      answer!.body,
      'Fenland Fire Service: Yes: stay indoors, the crews have it contained.'
    )
  }).timeout(120_000)
})
