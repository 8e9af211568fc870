import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type Organisation from '#models/platform/organisation'
import MonthlyKpiMailer from '#services/engagement/reports/monthly_kpi_mailer'
import OrganisationSuspension from '#services/platform/organisations/organisation_suspension'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { createOrganisation, createStaff } from '#tests/helpers/fixtures'
import {
  alertsOfMarch,
  london,
  residentsOfMarch,
} from '#tests/helpers/organisation_report_fixtures'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { sendAlertAndRead } from '#tests/helpers/alert_emails'
import { TRACKED_BODY, trackingWorld, twoTrackedAlerts } from '#tests/helpers/tracking_fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

/** Early April 2026: March is the month to report. */
const APRIL_2ND = london('2026-04-02T07:00')

/** The organisations existed before March, as a real install's would. */
async function foundedLastYear(...organisations: Organisation[]) {
  await db
    .from('organisations')
    .whereIn(
      'id',
      organisations.map((organisation) => organisation.id)
    )
    .update({ created_at: sqlTime(london('2025-06-01T09:00')) })
}

const line = (text: string, start: string) =>
  text.split('\n').find((candidate) => candidate.startsWith(start))

test.group('The monthly figures email', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('admins and analysts get last month’s residents, once, and another organisation its own', async ({
    assert,
  }) => {
    const { police, fire } = await residentsOfMarch()
    await foundedLastYear(police, fire)
    const admin = await createStaff(police, 'admin')
    const analyst = await createStaff(police, 'analyst')
    // A sender of the police's: not one of the 2 recipients counted below.
    await createStaff(police, 'sender')
    const fireAdmin = await createStaff(fire, 'admin')

    assert.equal(await MonthlyKpiMailer.sendDue(APRIL_2ND), 2)
    const mail = await smtpSink.waitForMail(admin.email)
    assert.equal(mail.subject, 'Lincolnshire Police: March 2026 in figures')
    // By hand (organisation_report_fixtures): 4 residents on 1 March, 5 on 1 April.
    assert.equal(line(mail.text, 'Residents:'), 'Residents: 4 → 5 (+25%)')
    assert.include(mail.html, 'id="kpi-figures"')
    const analystMail = await smtpSink.waitForMail(analyst.email)
    assert.equal(line(analystMail.text, 'Residents:'), 'Residents: 4 → 5 (+25%)')
    // The fire service's: A (both, since 10 January), and its own since midday on 1 March: 1 → 2.
    const fireMail = await smtpSink.waitForMail(fireAdmin.email)
    assert.equal(fireMail.subject, 'Lincolnshire Fire and Rescue: March 2026 in figures')
    assert.equal(line(fireMail.text, 'Residents:'), 'Residents: 1 → 2 (+100%)')

    // Asked again (another worker, the next day): nothing more is sent.
    assert.equal(await MonthlyKpiMailer.sendDue(APRIL_2ND), 0)
    assert.equal(await MonthlyKpiMailer.sendDue(london('2026-04-20T07:00')), 0)
    const sent = await db.from('monthly_kpi_emails').orderBy('organisation_id')
    assert.deepEqual(
      sent.map((row) => [Number(row.organisation_id), row.month, Number(row.recipients)]),
      [
        [police.id, '2026-03', 2],
        [fire.id, '2026-03', 1],
      ]
    )
  })

  test('the month’s alerts, messages, ratings, forwards and replies are counted as the reports count them', async ({
    assert,
  }) => {
    const { police, fire } = await alertsOfMarch()
    await foundedLastYear(police, fire)
    await OrganisationSuspension.suspend(fire, 'Contract ended')
    const admin = await createStaff(police, 'admin')
    await createStaff(fire, 'admin')
    const [alert] = await db.from('alerts').where('organisation_id', police.id).orderBy('id')
    const [resident] = await db.from('residents').orderBy('id')
    const rating = async (rated: string, at: string) => {
      const other = await db
        .table('residents')
        .insert({
          name: 'Rater',
          status: 'active',
          source: 'web',
          language: 'en',
          priority_threshold: 1,
          created_at: sqlTime(),
          updated_at: sqlTime(),
        })
        .returning('id')
      const id = Number(typeof other[0] === 'object' ? other[0].id : other[0])
      await db.table('alert_ratings').insert({
        alert_id: alert.id,
        resident_id: id,
        organisation_id: police.id,
        rating: rated,
        created_at: sqlTime(london(at)),
        updated_at: sqlTime(london(at)),
      })
    }
    await rating('useful', '2026-03-06T10:00')
    await rating('useful', '2026-03-07T10:00')
    await rating('avoided_crime', '2026-03-08T10:00')
    await rating('not_useful', '2026-04-01T00:30')
    await db.table('alert_forwards').insert({
      alert_id: alert.id,
      organisation_id: police.id,
      resident_id: resident.id,
      kind: 'email',
      code: 'MARCHFWD22',
      created_at: sqlTime(london('2026-03-09T10:00')),
    })

    // A resident wrote twice in March (a reply and a follow-up after staff answered), once in April.
    const march = sqlTime(london('2026-03-10T10:00'))
    const [thread] = await db
      .table('alert_replies')
      .insert({
        organisation_id: police.id,
        alert_id: alert.id,
        resident_id: resident.id,
        state: 'answered',
        received_at: march,
        last_message_at: march,
        created_at: march,
        updated_at: march,
      })
      .returning('id')
    const replyId = Number(typeof thread === 'object' ? thread.id : thread)
    for (const [author, at] of [
      ['resident', '2026-03-10T10:00'],
      ['staff', '2026-03-11T10:00'],
      ['resident', '2026-03-12T10:00'],
      ['resident', '2026-04-01T09:00'],
    ]) {
      await db.table('alert_reply_messages').insert({
        reply_id: replyId,
        author,
        via: author === 'staff' ? 'staff' : 'web',
        body: 'Thank you',
        created_at: sqlTime(london(at)),
      })
    }

    assert.equal(await MonthlyKpiMailer.sendDue(APRIL_2ND), 1, 'not the suspended fire service')
    const mail = await smtpSink.waitForMail(admin.email)
    // By hand (organisation_report_fixtures): three alerts sent in March; 8 sent and 4 failed.
    assert.equal(line(mail.text, 'Alerts sent:'), 'Alerts sent: 3')
    assert.equal(line(mail.text, 'Messages sent:'), 'Messages sent: 8; failed: 4 (33.3%)')
    assert.equal(
      line(mail.text, 'Ratings:'),
      'Ratings: 3, of which 2 useful and 1 helped someone avoid becoming a victim of crime'
    )
    assert.equal(line(mail.text, 'Forwards:'), 'Forwards: 1 reached 0 extra people; 0 signed up')
    assert.equal(line(mail.text, 'Replies from residents:'), 'Replies from residents: 2')
    assert.include(mail.text, '/staff/reports/residents?period=last-month')
  })

  test('last month’s open and click rates of alert emails, as Reports → Alerts and deliveries counts them', async ({
    assert,
  }) => {
    // Ada opens and clicks, Bert opens, Cara and Dev (who declines tracking) do neither;
    // the other alert (Cara opened it) went out in another month.
    const { police } = await twoTrackedAlerts()
    const [sheds] = await db.from('alerts').where('title', 'Sheds broken into')
    await db
      .from('alerts')
      .where('id', sheds.id)
      .update({ dispatched_at: sqlTime(london('2026-03-20T10:00')) })
    // Another organisation tracks opens but sent no email in March: no rate, rather than 0%.
    const fire = await createOrganisation('Lincolnshire Fire and Rescue')
    fire.tracksEngagement = true
    await fire.save()
    await foundedLastYear(police, fire)
    const admin = await createStaff(police, 'admin')
    const fireAdmin = await createStaff(fire, 'admin')

    assert.equal(await MonthlyKpiMailer.sendDue(APRIL_2ND), 2)
    const fireMail = await smtpSink.waitForMail(fireAdmin.email)
    assert.equal(
      line(fireMail.text, 'Email open rate:'),
      'Email open rate: no alert emails delivered'
    )
    assert.notInclude(fireMail.text, '0%')
    const mail = await smtpSink.waitForMail(admin.email)
    // By hand: 4 delivered in March, 2 opened (50%), 1 clicked (25%).
    assert.equal(
      line(mail.text, 'Email open rate:'),
      'Email open rate: 50% (2 of 4 emails delivered)'
    )
    assert.equal(
      line(mail.text, 'Email click rate:'),
      'Email click rate: 25% (1 of 4 emails delivered)'
    )
    assert.include(mail.html, '50% (2 of 4 emails delivered)')
    assert.include(mail.html, '25% (1 of 4 emails delivered)')
    assert.notInclude(mail.text, 'Open tracking is off')
  })

  test('an organisation that does not track opens is told so, never shown 0%', async ({
    assert,
  }) => {
    const { police, central, ada, bert } = await trackingWorld(false)
    const { alert } = await sendAlertAndRead(
      { organisationId: police.id, areaIds: [central.id], title: 'Sheds', body: TRACKED_BODY },
      [ada.email!, bert.email!]
    )
    await db
      .from('alerts')
      .where('id', alert.id)
      .update({ dispatched_at: sqlTime(london('2026-03-20T10:00')) })
    await foundedLastYear(police)
    const admin = await createStaff(police, 'admin')

    assert.equal(await MonthlyKpiMailer.sendDue(APRIL_2ND), 1)
    const mail = await smtpSink.waitForMail(admin.email)
    assert.equal(
      line(mail.text, 'Email opens and clicks:'),
      'Email opens and clicks: Open tracking is off for your organisation'
    )
    assert.include(mail.html, 'Open tracking is off for your organisation')
    assert.isUndefined(line(mail.text, 'Email open rate:'))
    assert.notInclude(mail.html, 'Email open rate')
    assert.notInclude(mail.html, 'Email click rate')
  })
})
