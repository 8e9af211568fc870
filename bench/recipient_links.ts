/*
| The per-recipient work of an alert email that is not the mail itself: the
| links that differ for every recipient (messaging's recipient links: rating,
| reply, report, share, survey), the two unsubscribe links, the Reply-To
| address and the tracking token, computed exactly as the email channel
| computes them for each mail, for N recipients of one alert, in this process.
| No database, no queue, no SMTP: the app is booted only for its key and its
| registries.
|
|   npm run bench:links -- [--recipients 50000] [--rounds 5] [--survey]
|
| --survey counts the survey's link as applying to the alert (an alert linked
| to an open survey); without it the alert has none, as most have. Prints, per
| part, the median over the rounds of the CPU time a recipient.
*/
import { parseArgs } from 'node:util'
import { bootApp, benchNames, positiveInteger, setBenchEnvironment } from './support.ts'

const { values } = parseArgs({
  options: {
    recipients: { type: 'string' },
    rounds: { type: 'string' },
    survey: { type: 'boolean', default: false },
  },
})
const recipients = positiveInteger('recipients', values.recipients, 50_000)
const rounds = positiveInteger('rounds', values.rounds, 5)

setBenchEnvironment(
  'sqlite',
  benchNames({ pgDatabase: 'unused', sqliteFile: 'tmp/bench-links.sqlite3' }),
  {
    // Replies by email set up, so that every mail carries its Reply-To as an install with them does.
    REPLY_EMAIL_ADDRESS: 'replies@alerts.example.org',
    INBOUND_EMAIL_SECRET: 'x'.repeat(40),
  }
)
const app = await bootApp()
// As in a worker: signed links need the named routes committed.
const router = await app.container.make('router')
router.commit()
const { default: recipientLinks } = await import('#services/messaging/recipient_links')
const { default: AlertLinks } = await import('#services/messaging/alert_links')
const { default: recipientReplyAddresses } =
  await import('#services/messaging/recipient_reply_addresses')
const { default: TrackingTokens } = await import('#services/messaging/tracking/tracking_tokens')

const ALERT_ID = 4321
const FIRST_RESIDENT = 1_000_001
// What the channel asks once per alert: the groups that apply (here without the database).
const applying = recipientLinks
  .forTemplate()
  .map((group) => group.id)
  .filter((id) => values.survey || id !== 'survey')
const linksFor = (residentId: number) => recipientLinks.valuesFor(residentId, ALERT_ID, applying)

const parts: [string, (residentId: number) => unknown][] = [
  ['recipient links (valuesFor)', linksFor],
  [
    'unsubscribe links (two)',
    (id) => [AlertLinks.unsubscribePage(id), AlertLinks.oneClickUnsubscribe(id)],
  ],
  ['Reply-To address', (id) => recipientReplyAddresses.of(id, ALERT_ID)],
  ['tracking token', (id) => TrackingTokens.for(id)],
]

function microsPerRecipient(work: (residentId: number) => unknown) {
  let sink = 0
  const start = process.cpuUsage()
  for (let index = 0; index < recipients; index++) {
    const value = work(FIRST_RESIDENT + index)
    if (value) sink++
  }
  const used = process.cpuUsage(start)
  if (sink === 0) throw new Error('nothing computed')
  return (used.user + used.system) / recipients
}

const median = (numbers: number[]) =>
  [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)]

console.log(
  `${recipients.toLocaleString('en-GB')} recipients, ${rounds} rounds; groups: ${applying.join(', ')}; ` +
    `keys per mail: ${Object.keys(linksFor(FIRST_RESIDENT)).length} link tokens`
)
// One round unmeasured, so that every path is compiled before it is timed.
for (const [, work] of parts) microsPerRecipient(work)
let total = 0
for (const [label, work] of parts) {
  const figure = median(Array.from({ length: rounds }, () => microsPerRecipient(work)))
  total += figure
  console.log(`${label.padEnd(30)} ${figure.toFixed(1).padStart(6)} µs a recipient`)
}
console.log(`${'all of it'.padEnd(30)} ${total.toFixed(1).padStart(6)} µs a recipient`)
await app.terminate()
