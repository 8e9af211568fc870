import { test } from '@japa/runner'
import { eventually } from '#tests/helpers/eventually'
import { emptyQueues } from '#tests/helpers/queues'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { createResident } from '#tests/helpers/fixtures'
import { signedInAs } from '#tests/helpers/self_service_fixtures'
import { allSent, chooseMobileCalls, sendAlert, voiceInstall } from '../helpers/voice_setup.js'

const CHOICE = '/my-alerts/plugins/voice/mobile-calls'

/** Which radio of the section is checked, as a screen reader would announce it. */
function checkedChoice(html: string) {
  const checked = /<input[^>]*name="mobile_calls"[^>]*value="(yes|no)"[^>]*checked/.exec(html)
  return checked?.[1] ?? null
}

test.group('Voice plugin: phone calls to a mobile, for residents who choose them', (group) => {
  group.each.setup(async () => {
    await emptyQueues()
    return emptyTablesAfterwards()
  })

  test('a resident with a verified mobile and no landline chooses “Phone call to my mobile” on their preferences page, and can change their mind', async ({
    assert,
    cleanup,
  }) => {
    const { central, organisation } = await voiceInstall(cleanup)
    const resident = await createResident(central, [organisation], { phone: '+447700900102' })
    const browser = await signedInAs(resident)

    const page = await browser.get('/my-alerts/account')
    assert.include(
      page.text,
      '<h2 class="govuk-heading-m" id="voice-mobile-calls-heading">Phone calls to your mobile</h2>'
    )
    assert.include(page.text, 'in a phone call to your mobile, 07700 900102')
    assert.include(page.text, 'You do not get phone calls to your mobile.')
    assert.include(
      page.text,
      '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Do you want alerts read out in a phone call to your mobile?</legend>'
    )
    assert.include(
      page.text,
      '<label class="govuk-label govuk-radios__label" for="voice-mobile-calls-yes">Phone call to my mobile</label>'
    )
    assert.equal(
      checkedChoice(page.text),
      'no',
      'nobody is called on their mobile without choosing it'
    )

    const chosen = await browser.post(CHOICE, { mobile_calls: 'yes' })
    assert.include(chosen.text, 'Alerts will now be read out in a phone call to your mobile.')
    assert.include(chosen.text, 'You get phone calls to your mobile.')
    assert.equal(checkedChoice(chosen.text), 'yes')
    // Shown again on a later visit: the choice is saved.
    assert.equal(checkedChoice((await browser.get('/my-alerts/account')).text), 'yes')

    const blank = await browser.post(CHOICE, {})
    assert.include(
      blank.text,
      'Choose whether you want alerts read out in a phone call to your mobile.'
    )
    assert.equal(checkedChoice(blank.text), 'yes', 'nothing changed')

    const declined = await browser.post(CHOICE, { mobile_calls: 'no' })
    assert.include(declined.text, 'You will not get phone calls to your mobile.')
    assert.equal(checkedChoice(declined.text), 'no')
  })

  test('the choice is not offered with a landline, nor without a verified mobile, and cannot be forced', async ({
    assert,
    cleanup,
  }) => {
    const { central, organisation } = await voiceInstall(cleanup)
    const both = await createResident(central, [organisation], {
      phone: '+447700900103',
      landline: '+441632960103',
    })
    const unverified = await createResident(central, [organisation], {
      phone: '+447700900104',
      phoneVerifiedAt: null,
    })
    for (const resident of [both, unverified]) {
      const browser = await signedInAs(resident)
      const page = await browser.get('/my-alerts/account')
      assert.notInclude(page.text, 'Phone calls to your mobile')
      const forced = await browser.post(CHOICE, { mobile_calls: 'yes' })
      assert.include(
        forced.text,
        'Phone calls to your mobile need a verified mobile number, and no landline.'
      )
    }
  })

  test('an alert calls the mobile of the resident who chose calls, and never the mobile of one who did not', async ({
    assert,
    cleanup,
  }) => {
    const { fake, central, organisation } = await voiceInstall(cleanup)
    const chose = await createResident(central, [organisation], { phone: '+447700900201' })
    await chooseMobileCalls(chose)
    await createResident(central, [organisation], { phone: '+447700900202' }) // never chose
    const changedMind = await createResident(central, [organisation], { phone: '+447700900203' })
    await chooseMobileCalls(changedMind, 'yes')
    await chooseMobileCalls(changedMind, 'no')
    await createResident(central, [organisation], { landline: '+441632960204' })

    const { alertId } = await sendAlert(organisation, central.id)
    await eventually(async () => assert.lengthOf(fake.calls, 2))
    await allSent(alertId, 2)
    assert.sameMembers(
      fake.calls.map((call) => call.params.To),
      ['+447700900201', '+441632960204']
    )
    assert.lengthOf(
      fake.requests.filter((request) => request.path.endsWith('/Calls.json')),
      2,
      'no call was even attempted to the others'
    )
  })
})
