import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Alert from '#models/messaging/alert'
import AlertDispatcher from '#services/messaging/delivery/alert_dispatcher'
import { BrowserLikeSession } from '#tests/helpers/http'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { sendsFinished } from '#tests/helpers/queues'
import { alertFor } from '#tests/helpers/archive_fixtures'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { createSurvey, goodAnswers } from '#tests/helpers/survey_fixtures'

function fieldError(html: string, field: string) {
  return html
    .match(
      new RegExp(`id="${field}-error" class="govuk-error-message">[\\s\\S]*?</span> ([^<]+)`)
    )?.[1]
    ?.trim()
}

test.group('Sending a survey with an alert', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('staff link a survey to an unsent alert of their own organisation only', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const other = await createOrganisation('Other Force')
    const draft = await alertFor(organisation, [central], {
      title: 'Draft about safety',
      status: 'draft',
    })
    const sent = await alertFor(organisation, [central], { title: 'Already out' })
    const theirs = await alertFor(other, [central], { title: 'Their draft', status: 'draft' })
    const { survey } = await createSurvey(organisation)
    const staff = await signInStaff(await createStaff(organisation, 'sender'))

    const page = await staff.get(`/staff/surveys/${survey.id}`)
    assert.include(page.text, 'Not linked to an alert.')
    assert.include(page.text, `<option value="${draft.id}"`)
    assert.notInclude(page.text, `<option value="${sent.id}"`)
    assert.notInclude(page.text, 'Their draft')

    for (const [alert, problem] of [
      [theirs, 'Choose one of your organisation’s alerts from the list'],
      [sent, 'That alert has been sent: choose one that has not gone out yet'],
    ] as const) {
      const refused = await staff.post(`/staff/surveys/${survey.id}/alert`, { alert_id: alert.id })
      assert.equal(fieldError(refused.text, 'alert_id'), problem)
    }
    const linked = await staff.post(`/staff/surveys/${survey.id}/alert`, { alert_id: draft.id })
    assert.include(
      linked.text,
      'When “Draft about safety” is sent, each email carries the resident’s own link'
    )
    await survey.refresh()
    assert.equal(survey.alertId, draft.id)

    // Once the alert has gone, the link stays.
    await Alert.query().where('id', draft.id).update({ status: 'sent' })
    const after = await staff.get(`/staff/surveys/${survey.id}`)
    assert.notInclude(after.text, 'Save the alert')
    await staff.post(`/staff/surveys/${survey.id}/alert`, { alert_id: '' })
    await survey.refresh()
    assert.equal(survey.alertId, draft.id)
  })

  test('the linked alert’s email carries each resident’s own survey link; other alerts do not', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const resident = await createResident(central, [organisation])
    const alert = await Alert.create({
      organisationId: organisation.id,
      title: 'Survey by email',
      body: 'Tell us how safe you feel.',
      priority: 3,
      isPublic: false,
      status: 'sending',
      criteria: { areaIds: [central.id] },
    })
    const questions = await createSurvey(organisation, { alertId: alert.id })
    const plain = await Alert.create({
      organisationId: organisation.id,
      title: 'No survey here',
      body: 'Lock your shed.',
      priority: 3,
      isPublic: false,
      status: 'sending',
      criteria: { areaIds: [central.id] },
    })
    await AlertDispatcher.dispatch(alert.id)
    await AlertDispatcher.dispatch(plain.id)
    const mail = await smtpSink.waitForMail(resident.email!, (received) =>
      received.subject.includes('Survey by email')
    )
    const other = await smtpSink.waitForMail(resident.email!, (received) =>
      received.subject.includes('No survey here')
    )
    await sendsFinished('email')

    assert.include(mail.text, 'We would like to know what you think:')
    const link = mail.text.match(/^Answer our short survey: (http:\/\/\S+)$/m)?.[1]
    assert.isDefined(link)
    assert.include(link!, `/alerts/${alert.id}/survey/${resident.id}/`)
    assert.include(mail.html, link!.replaceAll('&', '&amp;'))
    assert.notInclude(other.text, 'Answer our short survey')
    assert.notInclude(other.html, '%%LINK_')

    const browser = new BrowserLikeSession()
    const page = await browser.get(link!)
    assert.include(page.text, 'Feeling safe in Boston')
    await browser.post(link!, goodAnswers(questions))
    const responses = await db.from('survey_responses').where('resident_id', resident.id)
    assert.lengthOf(responses, 1)
  })
})
