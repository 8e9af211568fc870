import { test } from '@japa/runner'
import { createResident, createStaff } from '#tests/helpers/fixtures'
import { signInStaffInBrowser } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { emptyQueues } from '#tests/helpers/queues'
import { eventually } from '#tests/helpers/eventually'
import { voiceDeliveries, voiceInstall } from '../helpers/voice_setup.js'

test.group('Voice calls in the browser', (group) => {
  group.each.setup(async () => {
    await emptyQueues()
    return emptyTablesAfterwards()
  })

  test('staff send an alert and a landline resident gets a call that reads it out', async ({
    visit,
    assert,
    cleanup,
  }) => {
    const { fake, central, organisation } = await voiceInstall(cleanup)
    // Twilio answers each call as a person would, fetching the TwiML, then reports the end.
    fake.autoAnswer = [{ status: 'completed', answeredBy: 'human' }]
    await createResident(central, [organisation], {
      name: 'Edna Landline',
      email: null,
      landline: '+441632960777',
    })
    const sender = await createStaff(organisation, 'sender')

    const staff = await visit('/staff/login')
    await signInStaffInBrowser(staff, sender)
    await staff.getByRole('link', { name: 'New alert', exact: true }).first().click()
    await staff.getByLabel('Title').fill('Cold calling in Central')
    await staff.getByLabel('Alert text').fill('Do not buy from callers at the door.')
    await staff.getByLabel('3 – Warning').check()
    await staff.getByText('Wards in Boston').click()
    await staff.getByLabel('Central', { exact: true }).check()
    await staff.assertTextContains(
      '#audience-count',
      'This alert would reach 1 resident: 0 by email and 1 by phone call.'
    )
    await staff.getByRole('button', { name: 'Update the count' }).click()
    const script = `This is a warning alert from ${organisation.name}. Cold calling in Central. Do not buy from callers at the door.`
    await staff.assertTextContains('#voice-preview-script', script)
    const seconds = Math.ceil((script.split(' ').length * 60) / 150)
    await staff.assertTextContains('#voice-preview-length', `Read out in about ${seconds} seconds`)
    await staff.getByRole('button', { name: 'Continue' }).click()
    await staff.getByRole('button', { name: 'Send alert' }).click()
    await staff.assertTextContains('#alert-status', 'sent')
    const alertId = Number(/\/staff\/alerts\/(\d+)/.exec(staff.url())?.[1])

    // Twilio's report reaches the ledger; the alert's page then counts the call delivered.
    await eventually(async () => {
      const [row] = await voiceDeliveries(alertId)
      assert.equal(row?.status, 'delivered')
    })
    await staff.reload()
    await staff.assertTextContains('[data-channel-count="delivered"][data-channel="voice"]', '1')
    assert.lengthOf(fake.calls, 1)
    const [call] = fake.calls
    assert.equal(call.params.To, '+441632960777')
    assert.include(call.twiml!, `<Say voice="Polly.Amy" language="en-GB">${script}</Say>`)
  }).timeout(120_000)
})
