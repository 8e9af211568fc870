import { test } from '@japa/runner'
import { emptyQueues } from '#tests/helpers/queues'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { callWithCode } from '../../plugin.js'
import { voiceInstall } from '../helpers/voice_setup.js'

const SAY = '<Say voice="Polly.Amy" language="en-GB">'

test.group('Voice plugin: a landline verified by a call, and the composer’s preview', (group) => {
  group.each.setup(async () => {
    await emptyQueues()
    return emptyTablesAfterwards()
  })

  test('a call reads a 6-digit code, digit by digit, twice', async ({ assert, cleanup }) => {
    const { fake } = await voiceInstall(cleanup)
    const placed = await callWithCode('+441632960555', '407219')
    assert.isTrue(placed.ok)
    assert.lengthOf(fake.calls, 1)
    const [call] = fake.calls
    assert.equal(call.params.To, '+441632960555')
    const { text } = await fake.answer(call)
    const spoken = `${SAY}Your verification code is 4, 0, 7, 2, 1, 9.</Say>`
    assert.equal(text.split(spoken).length, 3, 'read twice')
    assert.notInclude(text, '<Gather')
    assert.equal((await fake.report(call, 'completed')).status, 204)

    assert.deepEqual(await callWithCode('01632 960555', '407219'), {
      ok: false,
      reason: 'The number must be in international form, like +441632960000',
    })
    fake.refusals.push({ status: 400, code: 21211, message: "Invalid 'To' Phone Number" })
    assert.deepEqual(await callWithCode('+441632960556', '407219'), {
      ok: false,
      reason: 'That number cannot be called',
    })
  })

  test('the composer shows the words a call reads out and how long it takes', async ({
    assert,
    cleanup,
  }) => {
    const { central, organisation } = await voiceInstall(cleanup)
    const sender = await signInStaff(await createStaff(organisation, 'sender'))
    const empty = await sender.get('/staff/alerts/new')
    assert.include(empty.text, 'id="voice-preview-empty"')
    const counted = await sender.post('/staff/alerts', {
      'intent': 'count',
      'title': 'Road closed',
      'body': 'The **A15** is closed between the two roundabouts.\n\n- Use the A46',
      'priority': '4',
      'areaIds[]': [String(central.id)],
    })
    const script = `This is an urgent alert from ${organisation.name}. Road closed. The A15 is closed between the two roundabouts. Use the A46.`
    assert.include(counted.text, script)
    const words = script.split(' ').length
    const seconds = Math.ceil((words * 60) / 150)
    const shown = counted.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
    assert.include(shown, `Read out in about ${seconds} seconds`)
    // Read twice, a pause of a second and "To hear this alert again, press 1." (3 seconds).
    assert.include(shown, `so it lasts about ${2 * seconds + 1 + 3} seconds`)
  })
})
