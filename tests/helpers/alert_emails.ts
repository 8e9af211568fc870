import Alert from '#models/messaging/alert'
import AlertDispatcher from '#services/messaging/delivery/alert_dispatcher'
import { smtpSink, type ReceivedMail } from '#tests/helpers/smtp_sink'
import { sendsFinished } from '#tests/helpers/queues'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'

/** The address after "Label: " in an alert email's text (its footer links are written so). */
export function linkAfter(text: string, label: string) {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${label}: http`))
  if (!line) throw new Error(`No "${label}" link in:\n${text}`)
  return line.slice(label.length + 2).trim()
}

/**
 * An alert sent through the real path (dispatch, ledger, email channel) to
 * the areas given, and the email each of `readers` received, in their order.
 */
export async function sendAlertAndRead(
  content: { organisationId: number; areaIds: number[]; title: string; body: string },
  readers: string[]
) {
  const alert = await Alert.create({
    organisationId: content.organisationId,
    title: content.title,
    body: content.body,
    priority: 3,
    isPublic: false,
    status: 'sending',
    criteria: { areaIds: content.areaIds },
  })
  await AlertDispatcher.dispatch(alert.id)
  const mails: ReceivedMail[] = []
  for (const reader of readers) {
    mails.push(
      await smtpSink.waitForMail(reader, (received) => received.subject.includes(content.title))
    )
  }
  await sendsFinished('email')
  return { alert, mails }
}

/**
 * Where a resident's journey from an alert begins: an organisation, a sender
 * of it, a resident of one of its areas, and the alert's email to them.
 */
export async function residentWithAlertEmail(
  organisationName: string,
  content: { title: string; body: string }
) {
  const { central } = await seedAreas()
  const organisation = await createOrganisation(organisationName)
  const resident = await createResident(central, [organisation], { name: 'Ada Quennell' })
  const member = await createStaff(organisation, 'sender')
  const {
    mails: [mail],
  } = await sendAlertAndRead(
    { organisationId: organisation.id, areaIds: [central.id], ...content },
    [resident.email!]
  )
  return { organisation, resident, member, mail }
}
