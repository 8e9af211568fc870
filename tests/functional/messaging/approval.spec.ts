import { test } from '@japa/runner'
import Alert from '#models/messaging/alert'
import AuditLog from '#models/platform/audit_log'
import type Organisation from '#models/platform/organisation'
import type User from '#models/platform/user'
import type Area from '#models/areas/area'
import { smtpSink } from '#tests/helpers/smtp_sink'
import {
  countRows,
  createOrganisation,
  createResident,
  createStaff,
  seedAreas,
} from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

async function approvalOrganisation(name = 'Lincolnshire OPCC') {
  const organisation = await createOrganisation(name)
  organisation.requiresApproval = true
  await organisation.save()
  return organisation
}

function draft(organisation: Organisation, author: User, ward: Area, title = 'Shed burglaries') {
  return Alert.create({
    organisationId: organisation.id,
    authorId: author.id,
    title,
    body: 'Lock your shed tonight.',
    priority: 3,
    status: 'draft',
    isPublic: false,
    criteria: { areaIds: [ward.id] },
  })
}

test.group('Approval', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a sender submits, another approver approves, each step is audited, shown and emailed', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await approvalOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const approver = await createStaff(organisation, 'approver')
    await createResident(central, [organisation])
    const alert = await draft(organisation, sender, central)

    const senderBrowser = await signInStaff(sender)
    const page = await senderBrowser.get(`/staff/alerts/${alert.id}`)
    assert.include(page.text, 'Submit for approval')
    assert.include(page.text, 'Your organisation needs alerts approved before they are sent.')
    assert.notInclude(page.text, 'Send alert now')
    assert.notInclude(page.text, 'Send later')

    const unapproved = await senderBrowser.post(`/staff/alerts/${alert.id}/send`)
    assert.include(
      unapproved.text,
      'Your organisation needs alerts approved before they are sent or scheduled. Submit it for approval first.'
    )
    await alert.refresh()
    assert.equal(alert.status, 'draft')
    assert.equal(await countRows('deliveries'), 0)

    const submitted = await senderBrowser.post(`/staff/alerts/${alert.id}/submit`)
    assert.include(submitted.text, 'The alert was submitted for approval.')
    assert.include(submitted.text, 'waiting for approval')
    const notice = await smtpSink.waitForMail(approver.email, (mail) =>
      mail.subject.includes('Shed burglaries')
    )
    assert.equal(notice.subject, 'Alert waiting for your approval: Shed burglaries')
    assert.include(notice.text, `/staff/alerts/${alert.id}`)

    const approverBrowser = await signInStaff(approver)
    const dashboard = await approverBrowser.get('/staff')
    assert.include(dashboard.text, 'Waiting for your approval')
    assert.include(dashboard.text, 'Shed burglaries</a>, from Test sender')
    const approved = await approverBrowser.post(`/staff/alerts/${alert.id}/approve`)
    assert.include(approved.text, 'The alert is approved. It can now be sent or scheduled.')
    const approvedNotice = await smtpSink.waitForMail(sender.email, (mail) =>
      mail.subject.startsWith('Alert approved')
    )
    assert.include(approvedNotice.text, 'Test approver has approved your alert')

    await alert.refresh()
    assert.equal(alert.status, 'approved')
    assert.equal(alert.approvedById, approver.id)
    assert.equal(alert.submittedById, sender.id)

    const history = await senderBrowser.get(`/staff/alerts/${alert.id}`)
    assert.include(history.text, 'Submitted for approval')
    assert.match(history.text, /Test approver<\/td>\s*<td class="govuk-table__cell">Approved/)
    assert.include(history.text, 'Send alert now')
    assert.include(history.text, 'Send later')

    const sent = await senderBrowser.post(`/staff/alerts/${alert.id}/send`)
    assert.include(sent.text, 'Sending has started.')

    const audit = await AuditLog.query()
      .whereIn('action', ['alert.submitted', 'alert.approved', 'alert.sent'])
      .orderBy('id')
    assert.deepEqual(
      audit.map((entry) => [entry.action, entry.userId]),
      [
        ['alert.submitted', sender.id],
        ['alert.approved', approver.id],
        ['alert.sent', sender.id],
      ]
    )
  })

  test('nobody approves an alert they wrote or submitted', async ({ assert }) => {
    const { central } = await seedAreas()
    const organisation = await approvalOrganisation()
    const approver = await createStaff(organisation, 'approver')
    const admin = await createStaff(organisation, 'admin')
    const sender = await createStaff(organisation, 'sender')
    const own = await draft(organisation, approver, central, 'Written by the approver')
    const submittedByAdmin = await draft(organisation, sender, central, 'Submitted by the admin')

    const approverBrowser = await signInStaff(approver)
    await approverBrowser.post(`/staff/alerts/${own.id}/submit`)
    const page = await approverBrowser.get(`/staff/alerts/${own.id}`)
    assert.include(
      page.text,
      'You wrote or submitted this alert, so another approver must approve it.'
    )
    const refused = await approverBrowser.post(`/staff/alerts/${own.id}/approve`)
    assert.include(
      refused.text,
      'You cannot approve an alert you wrote or submitted. Ask another approver.'
    )
    await own.refresh()
    assert.equal(own.status, 'submitted')

    const adminBrowser = await signInStaff(admin)
    await adminBrowser.post(`/staff/alerts/${submittedByAdmin.id}/submit`)
    const adminRefused = await adminBrowser.post(`/staff/alerts/${submittedByAdmin.id}/approve`)
    assert.include(
      adminRefused.text,
      'You cannot approve an alert you wrote or submitted. Ask another approver.'
    )
    await submittedByAdmin.refresh()
    assert.equal(submittedByAdmin.status, 'submitted')
    assert.lengthOf(await AuditLog.query().where('action', 'alert.approved.refused'), 2)

    // The admin may approve the approver's own alert: they neither wrote nor submitted it.
    const approved = await adminBrowser.post(`/staff/alerts/${own.id}/approve`)
    assert.include(approved.text, 'The alert is approved.')
  })

  test('a sender cannot approve, and staff of another organisation cannot approve or return', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await approvalOrganisation('Police')
    const other = await approvalOrganisation('Fire')
    const author = await createStaff(organisation, 'sender')
    const colleague = await createStaff(organisation, 'sender')
    const outsider = await createStaff(other, 'admin')
    const alert = await draft(organisation, author, central)
    await (await signInStaff(author)).post(`/staff/alerts/${alert.id}/submit`)

    const colleagueBrowser = await signInStaff(colleague)
    assert.equal((await colleagueBrowser.post(`/staff/alerts/${alert.id}/approve`)).status, 403)

    const outsiderBrowser = await signInStaff(outsider)
    assert.equal((await outsiderBrowser.post(`/staff/alerts/${alert.id}/approve`)).status, 403)
    const returned = await outsiderBrowser.post(`/staff/alerts/${alert.id}/return`, {
      comment: 'Not yours to return',
    })
    assert.equal(returned.status, 403)
    const dashboard = await outsiderBrowser.get('/staff')
    assert.notInclude(dashboard.text, 'Shed burglaries')

    await alert.refresh()
    assert.equal(alert.status, 'submitted')
    assert.isNull(alert.returnedComment)
  })

  test('returning needs a comment; the author reads it, and submits the alert again', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await approvalOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const approver = await createStaff(organisation, 'approver')
    const alert = await draft(organisation, sender, central)
    const senderBrowser = await signInStaff(sender)
    await senderBrowser.post(`/staff/alerts/${alert.id}/submit`)

    const approverBrowser = await signInStaff(approver)
    await approverBrowser.get(`/staff/alerts/${alert.id}`)
    const empty = await approverBrowser.post(`/staff/alerts/${alert.id}/return`, {
      comment: '   ',
    })
    assert.include(empty.text, 'Enter a comment that says what to change')
    await alert.refresh()
    assert.equal(alert.status, 'submitted')

    const returned = await approverBrowser.post(`/staff/alerts/${alert.id}/return`, {
      comment: 'Say which streets.',
    })
    assert.include(returned.text, 'The alert was returned to its author with your comment.')
    await alert.refresh()
    assert.equal(alert.status, 'returned')
    assert.equal(alert.returnedComment, 'Say which streets.')

    const mail = await smtpSink.waitForMail(sender.email, (received) =>
      received.subject.startsWith('Alert returned for changes')
    )
    assert.include(mail.text, 'Say which streets.')
    const page = await senderBrowser.get(`/staff/alerts/${alert.id}`)
    assert.include(page.text, 'returned for changes')
    assert.include(page.text, 'Say which streets.')
    assert.include(page.text, 'Submit for approval')

    const again = await senderBrowser.post(`/staff/alerts/${alert.id}/submit`)
    assert.include(again.text, 'The alert was submitted for approval.')
    await alert.refresh()
    assert.equal(alert.status, 'submitted')
    assert.isNull(alert.returnedComment)
    const entry = await AuditLog.query().where('action', 'alert.returned').firstOrFail()
    assert.equal(entry.userId, approver.id)
    assert.deepEqual(entry.details, { comment: 'Say which streets.' })
  })

  test('a submitted alert can be withdrawn, and a step that no longer applies is explained', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await approvalOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const approver = await createStaff(organisation, 'approver')
    const alert = await draft(organisation, sender, central)
    const senderBrowser = await signInStaff(sender)
    await senderBrowser.post(`/staff/alerts/${alert.id}/submit`)
    const withdrawn = await senderBrowser.post(`/staff/alerts/${alert.id}/withdraw`)
    assert.include(withdrawn.text, 'The alert was withdrawn from approval and is a draft again.')

    const late = await (await signInStaff(approver)).post(`/staff/alerts/${alert.id}/approve`)
    assert.include(late.text, 'This cannot be done now: the alert is draft.')
    await alert.refresh()
    assert.equal(alert.status, 'draft')
  })

  test('without required approval a draft is sent directly and cannot be submitted', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    await createResident(central, [organisation])
    const alert = await draft(organisation, sender, central)
    const browser = await signInStaff(sender)
    const page = await browser.get(`/staff/alerts/${alert.id}`)
    assert.notInclude(page.text, 'Submit for approval')
    assert.include(page.text, 'Send alert now')
    const submit = await browser.post(`/staff/alerts/${alert.id}/submit`)
    assert.include(submit.text, 'Your organisation does not need alerts approved')
    const sent = await browser.post(`/staff/alerts/${alert.id}/send`)
    assert.include(sent.text, 'Sending has started.')
  })
})

test.group('Approval settings', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('an admin switches approval on and off, audited; others cannot', async ({ assert }) => {
    const organisation = await createOrganisation()
    const admin = await createStaff(organisation, 'admin')
    const approver = await createStaff(organisation, 'approver')
    const browser = await signInStaff(admin)

    const on = await browser.submit('/staff/settings/approval', { requiresApproval: 'true' })
    assert.include(on.text, 'Alerts now need approval before they are sent or scheduled.')
    assert.include(on.text, 'checked')
    await organisation.refresh()
    assert.isTrue(organisation.requiresApproval)

    const off = await browser.submit('/staff/settings/approval', {})
    assert.include(off.text, 'Alerts no longer need approval')
    await organisation.refresh()
    assert.isFalse(organisation.requiresApproval)

    const audit = await AuditLog.query()
      .where('action', 'organisation.approval_changed')
      .orderBy('id')
    assert.deepEqual(
      audit.map((entry) => entry.details),
      [
        { before: false, after: true },
        { before: true, after: false },
      ]
    )

    const approverBrowser = await signInStaff(approver)
    assert.equal((await approverBrowser.get('/staff/settings/approval')).status, 403)
    assert.equal(
      (await approverBrowser.post('/staff/settings/approval', { requiresApproval: 'true' })).status,
      403
    )
    await organisation.refresh()
    assert.isFalse(organisation.requiresApproval)
  })
})
