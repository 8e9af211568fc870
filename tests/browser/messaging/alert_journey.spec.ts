import { test } from '@japa/runner'
import { skipQuestionsInBrowser } from '#tests/helpers/sign_up_fixtures'
import { smtpSink } from '#tests/helpers/smtp_sink'
import {
  createOrganisation,
  createResident,
  createStaff,
  seedAreas,
  uniqueEmail,
} from '#tests/helpers/fixtures'
import { signInStaffInBrowser } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

function firstLink(text: string, pattern: RegExp) {
  const match = text.match(pattern)
  if (!match) throw new Error(`No link matching ${pattern} in:\n${text}`)
  return match[0]
}

test.group('Alert journey', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a resident signs up, confirms, gets a targeted alert, unsubscribes and is skipped next time', async ({
    visit,
    assert,
  }) => {
    const { central, abbey } = await seedAreas()
    const organisation = await createOrganisation('Lincolnshire OPCC')
    const sender = await createStaff(organisation, 'sender')
    const resident = uniqueEmail('ada')
    const elsewhere = uniqueEmail('bob')
    const neighbour = await createResident(central, [organisation], { name: 'Cy Neighbour' })

    // Two residents sign up: one in the targeted ward, one elsewhere.
    for (const [email, name, ward] of [
      [resident, 'Ada Lovelace', `${central.name} (Boston)`],
      [elsewhere, 'Bob Elsewhere', `${abbey.name} (Lincoln)`],
    ]) {
      const signUp = await visit('/')
      await signUp.getByRole('button', { name: 'Sign up for alerts' }).click()
      await signUp.getByRole('link', { name: 'Choose your ward from a list' }).click()
      // The ward list: the district first, then the ward.
      await signUp.getByRole('link', { name: ward.match(/\((.+)\)$/)![1], exact: true }).click()
      await signUp.getByLabel(ward).check()
      await signUp.getByRole('button', { name: 'Continue' }).click()
      await signUp.getByLabel('Your name').fill(name)
      await signUp.getByLabel('Email address').fill(email)
      await signUp.getByRole('button', { name: 'Continue' }).click()
      await skipQuestionsInBrowser(signUp)
      await signUp.getByRole('button', { name: 'Sign up' }).click()
      await signUp.assertTextContains('h1', 'Check your email')

      const confirmation = await smtpSink.waitForMail(
        email,
        (mail) => mail.subject === 'Confirm your local alerts'
      )
      const confirmPage = await visit(firstLink(confirmation.text, /http:\/\/\S+\/confirm\/\S+/))
      await confirmPage.getByRole('button', { name: 'Confirm my alerts' }).click()
      await confirmPage.assertTextContains('h1', 'Your alerts are on')
    }

    // Staff compose an alert for the resident's ward and send it.
    const staff = await visit('/staff/login')
    await signInStaffInBrowser(staff, sender)
    await staff.getByRole('link', { name: 'New alert', exact: true }).first().click()
    await staff.getByLabel('Title').fill('Burglaries in Central ward')
    await staff
      .getByLabel('Alert text')
      .fill('Three sheds were broken into overnight. Lock your shed.')
    await staff.getByLabel('3 – Warning').check()
    await staff.getByText('Wards in Boston').click()
    await staff.getByLabel('Central', { exact: true }).check()
    await staff.assertTextContains(
      '#audience-count',
      'This alert would reach 2 residents by email.'
    )
    await staff.getByRole('button', { name: 'Continue' }).click()
    await staff.assertTextContains(
      '#audience-summary',
      'This alert will reach 2 residents by email.'
    )
    await staff.getByRole('button', { name: 'Send alert' }).click()
    await staff.assertTextContains('[data-count="sent"]', '2')
    await staff.assertTextContains('#alert-status', 'sent')

    const alert = await smtpSink.waitForMail(resident, (mail) =>
      mail.subject.includes('Burglaries in Central ward')
    )
    assert.equal(alert.subject, '[Warning] Burglaries in Central ward')
    assert.include(alert.text, 'Dear Ada Lovelace')
    assert.include(alert.text, 'Lock your shed.')
    assert.equal(alert.header('List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click')
    assert.match(
      String(alert.header('List-Unsubscribe')),
      /\/unsubscribe\/\d+\/one-click\?signature=/
    )
    assert.lengthOf(
      smtpSink.mailTo(elsewhere).filter((mail) => mail.subject.includes('Burglaries')),
      0,
      'a resident outside the targeted ward got the alert'
    )

    // The resident follows the unsubscribe link in the email.
    const unsubscribe = await visit(
      firstLink(alert.text, /http:\/\/\S+\/unsubscribe\/\d+\?signature=\S+/)
    )
    await unsubscribe.assertTextContains('h1', 'Stop all alerts')
    await unsubscribe.getByRole('button', { name: 'Unsubscribe' }).click()
    await unsubscribe.assertTextContains('h1', 'You have unsubscribed')

    // A second alert to the same ward reaches the neighbour and skips the resident who left.
    await staff.goto('/staff/alerts/new')
    await staff.getByLabel('Title').fill('Second alert for Central')
    await staff.getByLabel('Alert text').fill('Follow-up advice.')
    await staff.getByText('Wards in Boston').click()
    await staff.getByLabel('Central', { exact: true }).check()
    await staff.getByRole('button', { name: 'Continue' }).click()
    await staff.assertTextContains(
      '#audience-summary',
      'This alert will reach 1 resident by email.'
    )
    await staff.getByRole('button', { name: 'Send alert' }).click()
    await staff.assertTextContains('#alert-status', 'sent')
    await smtpSink.waitForMail(neighbour.email!, (mail) => mail.subject.includes('Second alert'))
    assert.lengthOf(
      smtpSink.mailTo(resident).filter((mail) => mail.subject.includes('Second alert')),
      0
    )
    assert.lengthOf(
      smtpSink.mailTo(resident).filter((mail) => mail.subject.includes('Burglaries')),
      1
    )
  })
})
