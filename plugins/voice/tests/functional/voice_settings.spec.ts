import { test } from '@japa/runner'
import { emptyQueues } from '#tests/helpers/queues'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { createResident, createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { AUTH_TOKEN, FakeTwilioCalls } from '../helpers/fake_twilio_calls.js'
import { chooseMobileCalls, SETTINGS, settingsFor, voiceInstall } from '../helpers/voice_setup.js'

test.group('Voice plugin: settings and Test connection', (group) => {
  group.each.setup(async () => {
    await emptyQueues()
    return emptyTablesAfterwards()
  })

  test('Test connection says plainly whether Twilio accepts the account, and the token is never shown again', async ({
    assert,
    cleanup,
  }) => {
    const { fake, admin } = await voiceInstall(cleanup)
    const check = (extra: Record<string, string>) =>
      admin.post(`${SETTINGS}/settings`, { ...settingsFor(fake, extra), _intent: 'check' })

    const good = await check({})
    assert.include(
      good.text,
      'Twilio accepted the account SID and auth token, and calls will come from +441632960000.'
    )
    const basic = fake.requests.find((request) => request.path.endsWith('.json'))
    assert.match(
      basic!.authorization!,
      /^Basic /,
      'the official client authenticates with basic auth'
    )

    const wrongToken = await check({ auth_token: 'a'.repeat(32) })
    assert.include(
      wrongToken.text,
      'Twilio refused the account SID and auth token: copy both again from the Twilio console.'
    )
    const notOurs = await check({ from_number: '+441632960999' })
    assert.include(notOurs.text, '+441632960999 is not a number of this Twilio account.')

    const unreachable = new FakeTwilioCalls()
    await unreachable.start()
    const deadUrl = unreachable.url()
    await unreachable.stop()
    assert.include(
      (await check({ api_base_url: deadUrl })).text,
      'Twilio could not be reached. Check the API address and try again.'
    )

    const refused = await admin.post(`${SETTINGS}/settings`, {
      ...settingsFor(fake),
      account_sid: 'not-a-sid',
      from_number: '01632 960000',
      retries: '9',
      _intent: 'save',
    })
    assert.include(refused.text, 'Enter the account SID as it is in the Twilio console')
    assert.include(refused.text, 'Enter the number with its country code, like +441632960000')
    assert.include(refused.text, 'Enter how many more calls as a whole number from 0 to 5')

    const page = await admin.get(SETTINGS)
    assert.notInclude(page.text, AUTH_TOKEN)
  })

  test('the channel is offered to residents with a landline, or a mobile they chose calls to', async ({
    assert,
    cleanup,
  }) => {
    const { organisation, central } = await voiceInstall(cleanup)
    await createResident(central, [organisation], { landline: '+441632960101' })
    await chooseMobileCalls(
      await createResident(central, [organisation], { phone: '+447700900102' })
    )
    await createResident(central, [organisation], { phone: '+447700900103' }) // did not choose calls
    await createResident(central, [organisation])
    const sender = await signInStaff(await createStaff(organisation, 'sender'))
    const counted = await sender.submit(
      '/staff/alerts/new',
      {
        'title': 'Count',
        'body': 'Count',
        'priority': 3,
        'areaIds[]': [central.id],
        'intent': 'count',
      },
      { action: '/staff/alerts' }
    )
    assert.include(counted.text, '2 by phone call')
  })
})
