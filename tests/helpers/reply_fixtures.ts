import db from '@adonisjs/lucid/services/db'
import ReplyLinks from '#services/engagement/replies/reply_links'
import ReplyInbox from '#services/engagement/replies/reply_inbox'
import { BrowserLikeSession } from '#tests/helpers/http'
import { alertFor } from '#tests/helpers/archive_fixtures'
import { sendAlertAndRead } from '#tests/helpers/alert_emails'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'

/** The action of the page's reply form. */
export function replyAction(html: string) {
  const action = html.match(/<form method="POST" action="([^"]*\/replies\/[^"]+)"/)?.[1]
  if (!action) throw new Error(`No reply form in:\n${html.slice(0, 3000)}`)
  return action.replaceAll('&amp;', '&')
}

/** The resident's link, as the alert's email carries it. */
export function replyLink(residentId: number, alertId: number, expires?: string) {
  return ReplyLinks.url(residentId, alertId, expires)
}

/** Opens the resident's link and sends the reply from its form, as they would. */
export async function replyAs(residentId: number, alertId: number, body: string) {
  const browser = new BrowserLikeSession()
  const page = await browser.get(replyLink(residentId, alertId))
  return browser.post(replyAction(page.text), { body })
}

export async function messagesOf(residentId: number) {
  return db
    .from('alert_reply_messages')
    .join('alert_replies', 'alert_replies.id', 'alert_reply_messages.reply_id')
    .where('alert_replies.resident_id', residentId)
    .orderBy('alert_reply_messages.id')
    .select('alert_reply_messages.author', 'alert_reply_messages.body')
}

export async function threadOf(residentId: number, alertId: number) {
  return db
    .from('alert_replies')
    .where({ resident_id: residentId, alert_id: alertId })
    .select('id', 'state', 'assigned_to_id', 'organisation_id')
    .first()
}

/**
 * Two organisations, each with a sent alert to the same resident; Lincolnshire
 * Police has a sender, an approver and an analyst, Boston Council an admin.
 */
export async function replyWorld() {
  const { central } = await seedAreas()
  const police = await createOrganisation('Lincolnshire Police')
  const council = await createOrganisation('Boston Council')
  const resident = await createResident(central, [police, council], { name: 'Ada Quennell' })
  const neighbour = await createResident(central, [police], { name: 'Bert Neighbour' })
  const alert = await alertFor(police, [central], { title: 'Sheds broken into' })
  const councilAlert = await alertFor(council, [central], { title: 'Bin day moved' })
  const sender = await createStaff(police, 'sender')
  const approver = await createStaff(police, 'approver')
  const analyst = await createStaff(police, 'analyst')
  const councilAdmin = await createStaff(council, 'admin')
  return {
    central,
    police,
    council,
    resident,
    neighbour,
    alert,
    councilAlert,
    sender,
    approver,
    analyst,
    councilAdmin,
  }
}

/**
 * The reply world, and an alert of Lincolnshire Police's sent by email
 * through the real path to Central ward: the email the resident and the
 * neighbour each received (the world's own `alert` gives way to this one).
 */
export async function replyWorldWithAlertEmail(content: { title: string; body: string }) {
  const world = await replyWorld()
  const {
    alert,
    mails: [mail, neighbourMail],
  } = await sendAlertAndRead(
    { organisationId: world.police.id, areaIds: [world.central.id], ...content },
    [world.resident.email!, world.neighbour.email!]
  )
  return { ...world, alert, mail, neighbourMail }
}

/** A reply that came in, without going through the form (as another source would add it). */
export function received(residentId: number, alertId: number, body: string) {
  return ReplyInbox.receive({ residentId, alertId, body, via: 'web' })
}

/** The inbox's rows as staff read them: who, about what, and the state. */
export function inboxRows(html: string) {
  return [
    ...html.matchAll(/<tr class="govuk-table__row" data-reply="(\d+)">([\s\S]*?)<\/tr>/g),
  ].map((match) => {
    const cell = match[2]
    return {
      from: cell.match(/href="\/staff\/inbox\/\d+">([^<]+)</)![1],
      about: cell.match(/“([^”]+)”/)![1],
      state: cell.match(/<strong class="govuk-tag[^"]*">([^<]+)</)![1],
    }
  })
}
