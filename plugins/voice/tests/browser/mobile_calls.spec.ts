import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { assertAccessible } from '#tests/helpers/accessibility'
import { createResident } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { emptyQueues } from '#tests/helpers/queues'
import { magicLinkSecret } from '#tests/helpers/self_service_fixtures'
import { voiceInstall } from '../helpers/voice_setup.js'

test.group('Voice calls: the choice of calls to a mobile, in the browser', (group) => {
  group.each.setup(async () => {
    await emptyQueues()
    return emptyTablesAfterwards()
  })

  test('a resident with only a mobile chooses “Phone call to my mobile” with the keyboard; the section is accessible', async ({
    visit,
    assert,
    cleanup,
  }) => {
    const { central, organisation } = await voiceInstall(cleanup)
    const resident = await createResident(central, [organisation], { phone: '+447700900102' })

    const page = await visit(`/my-alerts/sign-in/${await magicLinkSecret(resident)}`)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('heading', { name: 'Phone calls to your mobile' }).waitFor()
    await assertAccessible(page)

    const question = page.getByRole('group', {
      name: 'Do you want alerts read out in a phone call to your mobile?',
    })
    assert.isTrue(await question.getByLabel('No phone calls to my mobile').isChecked())
    await question.getByLabel('Phone call to my mobile', { exact: true }).focus()
    await page.keyboard.press('Space')
    await page.getByRole('button', { name: 'Save your phone call choice' }).click()

    await page.assertTextContains(
      '[role="alert"]',
      'Alerts will now be read out in a phone call to your mobile.'
    )
    await page.assertTextContains('#voice-mobile-calls-now', 'You get phone calls to your mobile.')
    await assertAccessible(page)
    const chosen = await db
      .from('resident_contacts')
      .where({ resident_id: resident.id, kind: 'voice_mobile' })
    assert.lengthOf(chosen, 1)
  }).timeout(60_000)
})
