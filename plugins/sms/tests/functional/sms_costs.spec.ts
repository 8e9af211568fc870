import { test } from '@japa/runner'
import { emptyQueues } from '#tests/helpers/queues'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { eventually } from '#tests/helpers/eventually'
import { FakeNotify } from '../helpers/fake_notify.js'
import { notifyValues, SETTINGS, setUpSms } from '../helpers/sms_setup.js'

test.group('SMS plugin: cost before sending', (group) => {
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

  test('the alert’s page shows residents, parts and the estimated cost, and warns past the monthly limit', async ({
    assert,
    cleanup,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    for (const phone of ['+447700900701', '+447700900702', '+447700900703']) {
      await createResident(central, [organisation], { email: null, phone })
    }
    const admin = await setUpSms(
      organisation,
      notifyValues(notify, { cost_per_segment_pence: '3' }),
      cleanup
    )
    await admin.get(SETTINGS)
    const limit = await admin.post(`${SETTINGS}/organisation/settings`, {
      monthly_limit_pounds: 'lots',
      _intent: 'save',
    })
    assert.include(limit.text, 'Enter a limit in pounds, like 250, or leave it blank')
    await admin.post(`${SETTINGS}/organisation/settings`, {
      monthly_limit_pounds: '0.2',
      _intent: 'save',
    })

    const sender = await signInStaff(await createStaff(organisation, 'sender'))
    const write = (title: string, body: string) =>
      sender.submit(
        '/staff/alerts/new',
        { 'title': title, 'body': body, 'priority': 3, 'areaIds[]': [central.id] },
        { action: '/staff/alerts' }
      )
    const short = await write('Bin day moved', 'Collections are on Friday this week.')
    assert.include(short.text, 'Estimated cost before sending')
    assert.match(
      short.text,
      /data-cost-channel="sms">[\s\S]*?Text message[\s\S]*?>3<[\s\S]*?1 part a message \(GSM-7\) at 3p a part[\s\S]*?£0\.09/
    )
    assert.notInclude(short.text, 'past your organisation’s monthly limit')

    // Unicode (an emoji) and long: more parts each.
    const long = await write('Storm warning 🌧', 'Stay indoors. '.repeat(12))
    const parts = Number(/(\d+) parts a message \(Unicode\) at 3p a part/.exec(long.text)?.[1])
    assert.isAbove(parts, 2, 'a long Unicode text takes several parts')
    const longPence = 3 * parts * 3
    const money = (pence: number) => `£${(pence / 100).toFixed(2)}`
    assert.include(long.text, money(longPence))
    assert.include(
      long.text,
      `Text message: this alert would take this month’s spending to ${money(longPence)}, past your organisation’s monthly limit of £0.20.`
    )

    // What is sent counts towards the month.
    const shortId = Number(/\/staff\/alerts\/(\d+)/.exec(short.url)?.[1])
    assert.include(
      (await sender.post(`/staff/alerts/${shortId}/send`)).text,
      'Sending has started.'
    )
    await eventually(async () => assert.lengthOf(notify.sent, 3))
    const again = await write('Bin day moved again', 'Collections are on Monday.')
    assert.notInclude(
      again.text,
      'past your organisation’s monthly limit',
      '£0.09 spent + £0.09 is within £0.20'
    )
    await eventually(async () => {
      const longPage = await sender.get(new URL(long.url).pathname)
      assert.include(
        longPage.text,
        `spending to ${money(9 + longPence)}, past your organisation’s monthly limit`
      )
    })
  }).timeout(90_000)

  test('a send past the monthly limit waits for an admin to approve the extra spending', async ({
    assert,
    cleanup,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    for (const phone of ['+447700900711', '+447700900712']) {
      await createResident(central, [organisation], { email: null, phone })
    }
    const admin = await setUpSms(
      organisation,
      notifyValues(notify, { cost_per_segment_pence: '5' }),
      cleanup
    )
    await admin.get(SETTINGS)
    await admin.post(`${SETTINGS}/organisation/settings`, {
      monthly_limit_pounds: '0.05',
      _intent: 'save',
    })

    const sender = await signInStaff(await createStaff(organisation, 'sender'))
    const written = await sender.submit(
      '/staff/alerts/new',
      {
        'title': 'Road closed',
        'body': 'The bridge is shut.',
        'priority': 3,
        'areaIds[]': [central.id],
      },
      { action: '/staff/alerts' }
    )
    const path = new URL(written.url).pathname
    assert.include(
      written.text,
      'An admin of your organisation must approve the extra spending (£0.10)'
    )
    assert.notInclude(written.text, 'Send alert now', 'no send button until an admin approves')
    const refused = await sender.post(`${path}/send`)
    assert.include(
      refused.text,
      'This alert would take your organisation’s spending on text message past its monthly limit. An admin must approve the extra spending (£0.10) on this page before it is sent.'
    )
    const notAllowed = await sender.post(`${path}/approve-spending`)
    assert.equal(notAllowed.status, 403, 'a sender cannot approve spending')
    assert.lengthOf(notify.sent, 0)

    const page = await admin.get(path)
    assert.include(page.text, 'Approve £0.10 past the limit')
    const approved = await admin.post(`${path}/approve-spending`)
    assert.include(approved.text, 'You approved £0.10 of spending past the monthly limit.')
    assert.include(approved.text, 'Spending past the monthly limit approved')

    const again = await sender.get(path)
    assert.match(again.text, /approved the extra spending on \d{1,2} \w{3} \d{4}/)
    assert.include((await sender.post(`${path}/send`)).text, 'Sending has started.')
    await eventually(async () => assert.lengthOf(notify.sent, 2))
  }).timeout(90_000)
})
