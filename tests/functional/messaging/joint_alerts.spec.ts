import { test } from '@japa/runner'
import Alert from '#models/messaging/alert'
import AuditLog from '#models/platform/audit_log'
import ResidentAlertHistory from '#services/messaging/resident_alert_history'
import AlertFigures from '#services/engagement/reports/alert_figures'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { sendsFinished } from '#tests/helpers/queues'
import { eventually } from '#tests/helpers/eventually'
import { signInStaff } from '#tests/helpers/staff_session'
import { BrowserLikeSession } from '#tests/helpers/http'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import ResidentConsents from '#services/residents/preferences/resident_consents'

const FIRE_TITLE = 'Grass fire near Market Street'
const POLICE_TITLE = 'Road closed: grass fire'
const JOINT_TITLE = 'Smoke over Central: keep windows shut'
const BOTH_NAMES = 'Northshire Police and Northshire Fire and Rescue'

/** The police and the fire service share a register; some residents agreed to hear from one of them only. */
async function sharedRegister() {
  const { central, skirbeck } = await seedAreas()
  const police = await createOrganisation('Northshire Police')
  const fire = await createOrganisation('Northshire Fire and Rescue')
  const council = await createOrganisation('Northshire Council')
  const residents = {
    both1: await createResident(central, [police, fire], { name: 'Both 1' }),
    both2: await createResident(central, [police, fire], { name: 'Both 2' }),
    policeOnly: await createResident(central, [police], { name: 'Police only' }),
    fireOnly: await createResident(central, [fire], { name: 'Fire only' }),
    councilOnly: await createResident(central, [council], { name: 'Council only' }),
    policeSkirbeck: await createResident(skirbeck, [police], { name: 'Police, Skirbeck' }),
  }
  const sender = await createStaff(police, 'admin')
  const cosigner = await createStaff(fire, 'approver')
  const police$ = await signInStaff(sender)
  const fire$ = await signInStaff(cosigner)
  return { central, skirbeck, police, fire, council, residents, sender, cosigner, police$, fire$ }
}

type Session = BrowserLikeSession

async function compose(
  browser: Session,
  title: string,
  areaIds: number[],
  extra: Record<string, unknown> = {}
) {
  return browser.submit(
    '/staff/alerts/new',
    {
      'title': title,
      'body': 'Smoke is drifting over the town centre.',
      'priority': 3,
      'category': 'fire-safety',
      'isPublic': 'true',
      'areaIds[]': areaIds,
      ...extra,
    },
    { action: '/staff/alerts' }
  )
}

async function composed(browser: Session, title: string, areaIds: number[]) {
  await compose(browser, title, areaIds)
  return Alert.findByOrFail('title', title)
}

/** The alerts each resident received at the SMTP sink, by Beacon's Message-ID (one entry per mail). */
function alertsReceived(email: string) {
  return smtpSink
    .mailTo(email)
    .map((mail) => /^<beacon\.(\d+)\./.exec(mail.messageId)?.[1])
    .filter((id): id is string => id !== undefined)
    .map(Number)
    .sort((a, b) => a - b)
}

test.group('Joint alerts across organisations', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('two overlapping alerts and a joint one: each resident gets exactly the alerts expected, the joint one once, in both names', async ({
    assert,
  }) => {
    const { central, skirbeck, fire, residents, cosigner, police$, fire$ } = await sharedRegister()
    const fireSender = await createStaff(fire, 'sender')
    const fireSender$ = await signInStaff(fireSender)

    // 1. The fire service alerts Central.
    const fireAlert = await composed(fireSender$, FIRE_TITLE, [central.id])
    assert.include(
      (await fireSender$.post(`/staff/alerts/${fireAlert.id}/send`)).text,
      'Sending has started.'
    )
    for (const resident of [residents.both1, residents.both2, residents.fireOnly]) {
      await smtpSink.waitForMail(resident.email!, (mail) => mail.subject.includes(FIRE_TITLE))
    }
    await sendsFinished('email')

    // 2. The police alert Central and Skirbeck, leaving out whom the fire alert reached.
    const policeAlert = await composed(police$, POLICE_TITLE, [central.id, skirbeck.id])
    await police$.post(`/staff/alerts/${policeAlert.id}/overlaps/${fireAlert.id}/leave-out`)
    assert.include(
      (await police$.post(`/staff/alerts/${policeAlert.id}/send`)).text,
      'Sending has started.'
    )
    for (const resident of [residents.policeOnly, residents.policeSkirbeck]) {
      await smtpSink.waitForMail(resident.email!, (mail) => mail.subject.includes(POLICE_TITLE))
    }
    await sendsFinished('email')

    // 3. The police invite the fire service to co-sign a joint alert to Central.
    const joint = await composed(police$, JOINT_TITLE, [central.id])
    const before = await police$.get(`/staff/alerts/${joint.id}`)
    assert.include(before.text, 'will reach <strong>3</strong> residents', 'police consent only')
    const invited = await police$.post(`/staff/alerts/${joint.id}/cosigner`, {
      organisationId: fire.id,
    })
    assert.include(invited.text, 'Northshire Fire and Rescue is invited to co-sign this alert.')
    assert.include(invited.text, 'will reach <strong>4</strong> residents', 'consent to either')
    assert.include(invited.text, 'has not answered yet')
    const refused = await police$.post(`/staff/alerts/${joint.id}/send`)
    assert.include(
      refused.text,
      'Northshire Fire and Rescue has not approved this joint alert yet.'
    )

    // The co-signer's approver is told by email, sees the invitation and reads the draft.
    const notice = await smtpSink.waitForMail(cosigner.email, (mail) =>
      mail.subject.includes('invites you to co-sign an alert')
    )
    assert.include(notice.text, `/staff/joint-alerts/${joint.id}`)
    const list = await fire$.get('/staff/joint-alerts')
    assert.include(list.text, JOINT_TITLE)
    assert.include(list.text, 'Waiting for your answer')
    const draft = await fire$.get(`/staff/joint-alerts/${joint.id}`)
    assert.include(draft.text, 'Smoke is drifting over the town centre.')
    assert.include(draft.text, 'Approve co-signing')
    const approved = await fire$.post(`/staff/joint-alerts/${joint.id}/approve`)
    assert.include(approved.text, 'You approved co-signing this alert.')

    const sent = await police$.post(`/staff/alerts/${joint.id}/send`)
    assert.include(sent.text, 'Sending has started.')
    const jointMail = await smtpSink.waitForMail(residents.fireOnly.email!, (mail) =>
      mail.subject.includes(JOINT_TITLE)
    )
    for (const resident of [residents.both1, residents.both2, residents.policeOnly]) {
      await smtpSink.waitForMail(resident.email!, (mail) => mail.subject.includes(JOINT_TITLE))
    }
    await sendsFinished('email')

    // Exactly the (resident, alert) pairs expected, by hand: the joint alert once each, consent to either enough.
    const expected: [keyof typeof residents, number[]][] = [
      ['both1', [fireAlert.id, joint.id]],
      ['both2', [fireAlert.id, joint.id]],
      ['policeOnly', [policeAlert.id, joint.id]],
      ['fireOnly', [fireAlert.id, joint.id]],
      ['councilOnly', []],
      ['policeSkirbeck', [policeAlert.id]],
    ]
    for (const [name, alertIds] of expected) {
      assert.deepEqual(alertsReceived(residents[name].email!), alertIds, name)
    }

    // In both names: the email, its sender, the public page and /verify.
    assert.include(jointMail.text, BOTH_NAMES)
    assert.include(jointMail.html, BOTH_NAMES)
    assert.include(jointMail.header('from') ?? '', BOTH_NAMES)
    await eventually(async () => {
      await joint.refresh()
      assert.equal(joint.status, 'sent')
    })
    const visitor = new BrowserLikeSession()
    assert.include((await visitor.get(`/alerts/${joint.id}`)).text, BOTH_NAMES)
    const verified = await visitor.get(`/verify?code=${joint.verificationCodeLabel}`)
    assert.include(verified.text, BOTH_NAMES)
    assert.include((await visitor.get('/alerts/feed.rss')).text, BOTH_NAMES)
    const received = await ResidentAlertHistory.all(residents.fireOnly.id)
    assert.equal(received.find((one) => one.alertId === joint.id)?.organisationName, BOTH_NAMES)

    // Counted in both organisations' reports; the co-signer reads its delivery report, without names.
    const month = DateTime.now().startOf('month')
    const periods = {
      current: { from: month, until: month.plus({ months: 1 }) },
      previous: { from: month.minus({ months: 1 }), until: month },
    }
    const sentBy = async (organisationId: number) =>
      (await AlertFigures.alertsBy(organisationId, 'priority', periods)).find(
        (row) => row.key === '3'
      )?.current
    assert.equal(await sentBy(fire.id), 2, 'its own and the joint alert')
    assert.equal(await sentBy(joint.organisationId), 2, 'its own and the joint alert')
    const report = await fire$.get(`/staff/alerts/${joint.id}/report`)
    assert.equal(report.status, 200)
    assert.include(report.text, JOINT_TITLE)

    // Audited on both sides.
    for (const organisationId of [joint.organisationId, fire.id]) {
      const actions = (
        await AuditLog.query()
          .where('organisation_id', organisationId)
          .where('subject_id', joint.id)
      ).map((entry) => entry.action)
      assert.includeMembers(actions, ['alert.cosign_invited', 'alert.cosign_approved'])
    }
    // Three sends through the real path and three staff sessions: more than a page's worth of work.
  }).timeout(90_000)

  test('a change after the co-signer approved withdraws the approval and asks again; a decline needs a reason', async ({
    assert,
  }) => {
    const { central, fire, cosigner, police$, fire$ } = await sharedRegister()
    // Invited from the composer: a number that is not one is refused beside the field, then the draft is saved.
    const wrong = await compose(police$, JOINT_TITLE, [central.id], {
      cosignerOrganisationId: 'the fire service',
    })
    assert.include(wrong.text, 'Choose the organisation to invite')
    assert.isNull(await Alert.findBy('title', JOINT_TITLE))
    const saved = await compose(police$, JOINT_TITLE, [central.id], {
      cosignerOrganisationId: fire.id,
    })
    assert.include(saved.text, 'Northshire Fire and Rescue is invited to co-sign this alert.')
    const joint = await Alert.findByOrFail('title', JOINT_TITLE)
    await fire$.post(`/staff/joint-alerts/${joint.id}/approve`)
    await joint.refresh()
    assert.equal(joint.cosignStatus, 'approved')

    const edited = await police$.submit(
      `/staff/alerts/${joint.id}/edit`,
      {
        'title': JOINT_TITLE,
        'body': 'Smoke is drifting over the town centre and the station.',
        'priority': 3,
        'category': 'fire-safety',
        'areaIds[]': [central.id],
      },
      { action: `/staff/alerts/${joint.id}` }
    )
    assert.include(edited.text, 'The co-signing organisation must approve it again.')
    assert.include(edited.text, 'has not answered yet')
    await joint.refresh()
    assert.equal(joint.cosignStatus, 'invited')
    assert.deepEqual(joint.criteria.cosigningOrganisationIds, [fire.id], 'kept through the edit')
    const refused = await police$.post(`/staff/alerts/${joint.id}/send`)
    assert.include(refused.text, 'has not approved this joint alert yet')
    assert.equal((await Alert.findOrFail(joint.id)).status, 'draft')
    await smtpSink.waitForMail(cosigner.email, (mail) =>
      mail.subject.includes('Joint alert changed, please approve it again')
    )

    const noReason = await fire$.post(`/staff/joint-alerts/${joint.id}/decline`, { reason: ' ' })
    assert.include(noReason.text, 'Enter the reason you decline')
    const declined = await fire$.post(`/staff/joint-alerts/${joint.id}/decline`, {
      reason: 'The station is not affected.',
    })
    assert.include(declined.text, 'You declined co-signing this alert.')
    const page = await police$.get(`/staff/alerts/${joint.id}`)
    assert.include(page.text, 'declined to co-sign this alert: “The station is not affected.”')
    // Answered once: a second answer is refused.
    const again = await fire$.post(`/staff/joint-alerts/${joint.id}/approve`)
    assert.include(again.text, 'This invitation cannot be answered now')
  })

  test('the co-signer sees this draft only: not the owner’s other drafts, alert pages or residents', async ({
    assert,
  }) => {
    const { central, fire, council, residents, police$, fire$ } = await sharedRegister()
    const joint = await composed(police$, JOINT_TITLE, [central.id])
    const other = await composed(police$, 'Another police draft', [central.id])
    await police$.post(`/staff/alerts/${joint.id}/cosigner`, { organisationId: fire.id })

    assert.equal((await fire$.get(`/staff/joint-alerts/${joint.id}`)).status, 200)
    for (const path of [
      `/staff/joint-alerts/${other.id}`,
      `/staff/alerts/${joint.id}`,
      `/staff/alerts/${other.id}`,
      `/staff/alerts/${joint.id}/edit`,
      `/staff/residents/${residents.policeOnly.id}`,
    ]) {
      const page = await fire$.get(path)
      assert.oneOf(page.status, [403, 404], path)
      assert.notInclude(page.text, 'Another police draft', path)
      assert.notInclude(page.text, 'Police only', path)
    }
    // Not before it is sent, and not by co-signing, do they read its delivery report.
    assert.oneOf((await fire$.get(`/staff/alerts/${joint.id}/report`)).status, [403, 404])
    for (const action of ['send', 'cosigner/remove']) {
      const refused = await fire$.post(`/staff/alerts/${joint.id}/${action}`)
      assert.oneOf(refused.status, [403, 404], action)
    }

    // A sender of the co-signing organisation may not answer; another organisation may not either.
    const fireSender$ = await signInStaff(await createStaff(fire, 'sender'))
    assert.equal((await fireSender$.get('/staff/joint-alerts')).status, 403)
    assert.equal((await fireSender$.post(`/staff/joint-alerts/${joint.id}/approve`)).status, 403)
    const council$ = await signInStaff(await createStaff(council, 'admin'))
    assert.equal((await council$.get(`/staff/joint-alerts/${joint.id}`)).status, 403)
    assert.notInclude((await council$.get('/staff/joint-alerts')).text, JOINT_TITLE)
    await joint.refresh()
    assert.equal(joint.cosignStatus, 'invited')

    // An organisation cannot invite itself, nor one that does not exist.
    const own = await police$.post(`/staff/alerts/${other.id}/cosigner`, {
      organisationId: joint.organisationId,
    })
    assert.include(own.text, 'Choose another organisation: yours already signs this alert.')
    const missing = await police$.post(`/staff/alerts/${other.id}/cosigner`, {
      organisationId: 999999,
    })
    assert.include(missing.text, 'Choose an organisation from the list.')
    const blank = await police$.post(`/staff/alerts/${other.id}/cosigner`, { organisationId: '' })
    assert.include(blank.text, 'Choose the organisation to invite')
  })

  test('withdrawing consent from one organisation keeps a joint alert queued for a resident who still consents to the other', async ({
    assert,
  }) => {
    const { central, police, fire, residents } = await sharedRegister()
    const joint = await Alert.create({
      organisationId: police.id,
      title: JOINT_TITLE,
      body: 'Smoke is drifting over the town centre.',
      priority: 3,
      status: 'sending',
      criteria: { areaIds: [central.id], cosigningOrganisationIds: [fire.id] },
      cosignerOrganisationId: fire.id,
      cosignStatus: 'approved',
    })
    const policeOwn = await Alert.create({
      organisationId: police.id,
      title: POLICE_TITLE,
      body: 'The A16 is closed.',
      priority: 3,
      status: 'sending',
      criteria: { areaIds: [central.id] },
    })
    for (const alert of [joint, policeOwn]) {
      for (const resident of [residents.both1, residents.policeOnly]) {
        await db.table('deliveries').insert({
          alert_id: alert.id,
          resident_id: resident.id,
          channel: 'email',
          status: 'pending',
          created_at: sqlTime(),
          updated_at: sqlTime(),
        })
      }
    }
    // Both withdraw from the police: one still hears from the fire service, the other from nobody.
    await ResidentConsents.set(residents.both1.id, [fire.id])
    await ResidentConsents.set(residents.policeOnly.id, [])
    const status = async (alert: Alert, resident: { id: number }) =>
      (
        await db
          .from('deliveries')
          .where({ alert_id: alert.id, resident_id: resident.id })
          .firstOrFail()
      ).status
    assert.equal(
      await status(joint, residents.both1),
      'pending',
      'still consents to the fire service'
    )
    assert.equal(await status(policeOwn, residents.both1), 'skipped')
    assert.equal(await status(joint, residents.policeOnly), 'skipped')
    assert.equal(await status(policeOwn, residents.policeOnly), 'skipped')
  })
})
