import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import Alert from '#models/messaging/alert'
import AudienceQuery from '#services/targeting/audience_query'
import { contactFor } from '#services/residents/contacts/working_contacts'
import channelRegistry from '#services/platform/plugins/channel_registry'
import AlertCompletion from '#services/messaging/delivery/alert_completion'
import DeliveryJobs from '#services/messaging/delivery/delivery_jobs'
import SuspensionHold from '#services/messaging/delivery/suspension_hold'
import { pauseAlert } from '#services/messaging/delivery/alert_pause'
import AlertVariants from '#services/messaging/alert_variants'
import DeliveryRules, { type DeliveryDecision } from '#services/messaging/delivery/delivery_rules'
import PlannerStatistics from '#services/messaging/delivery/planner_statistics'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import TargetDispatcher from '#services/messaging/delivery/target_dispatcher'
import AlertDeliveryWriter, {
  particularPreference,
  type ResidentRange,
} from '#services/messaging/delivery/alert_delivery_writer'
import type { Channel, ChannelRecipient } from '#contracts/channel'
import { isPostgres } from '#services/platform/infrastructure/sql_dialect'

const INSERT_CHUNK = 400

type Recipient = ChannelRecipient & {
  status: string
  priorityThreshold: number
  /** The channels the resident has a working contact for (see reachColumns). */
  reachable: Set<string>
}

function recipientFrom(row: Record<string, any>, channels: Channel[]): Recipient {
  return {
    residentId: Number(row.id),
    name: row.name,
    email: row.email_bounced_at ? null : row.email,
    phone: row.phone ?? null,
    landline: row.landline ?? null,
    language: row.language,
    status: row.status,
    priorityThreshold: Number(row.priority_threshold),
    reachable: new Set(
      channels.filter((_, index) => Number(row[`reach_${index}`]) === 1).map(({ id }) => id)
    ),
  }
}

/**
 * Whether the resident has a working contact of the kind each channel
 * declares: the same SQL the audience counts use, so that the residents
 * picked are the residents counted. Channel ids stay out of the aliases.
 */
function reachColumns(channels: Channel[]) {
  return channels.map((channel, index) => {
    const contact = contactFor(channel.id) ?? { sql: '1 = 1', bindings: [] }
    return db.raw(`CASE WHEN ${contact.sql} THEN 1 ELSE 0 END AS reach_${index}`, contact.bindings)
  })
}

const RECIPIENT_COLUMNS = [
  'residents.id',
  'residents.name',
  'residents.email',
  'residents.email_bounced_at',
  'residents.phone',
  'residents.landline',
  'residents.language',
  'residents.status',
  'residents.priority_threshold',
]

/**
 * Turns an alert into delivery rows, a range of the register at a time
 * (one INSERT … SELECT per range and channel, see AlertDeliveryWriter), and
 * enqueues the send jobs for them. Running it twice is harmless: the unique
 * key on (alert, resident, channel) ignores rows already written, and
 * only rows still pending are enqueued again.
 */
export default class AlertDispatcher {
  static tuning = {
    // Residents' ids per INSERT … SELECT: large enough that a statement's overhead vanishes, small
    // enough that the first send jobs go out within a second and SQLite's writer lets go often.
    rangeSpan: 25_000,
    // Once a send has written this many deliveries, the planner is told about them (PlannerStatistics).
    statisticsAfterRows: 10_000,
    // Ranges written at once on PostgreSQL (DISPATCH_LANES): about the database's cores.
    lanes: env.get('DISPATCH_LANES') ?? 2,
  }

  static async dispatch(alertId: number) {
    const alert = await Alert.query()
      .where('id', alertId)
      .preload('organisation')
      .preload('cosignerOrganisation')
      .first()
    if (!alert || alert.status !== 'sending') return
    if (await SuspensionHold.holdIfSuspended(alert)) return

    const channels = this.#channelsFor(alert)
    for (const channel of channels) {
      const readiness = await channel.isReady()
      if (!readiness.ready) {
        // Nothing is marked sent: staff see why on the alert page and resume once it is fixed.
        await pauseAlert(alert.id, readiness.reason)
        return
      }
    }

    await TargetDispatcher.dispatch(alert)
    await this.#prepareVariants(alert, channels)

    // Pages are ranges of ids rather than "the next N after the last id": a bounded range keeps
    // the audience query an index walk over that range, whatever the size of the register.
    const highest = await db.from('residents').max('id as id').first()
    const lastId = Number(highest?.id ?? 0)
    // Rows already there mean an earlier dispatch stopped part way (a crash, a lost job): its
    // rows' send jobs may be lost too, so every pending row of each range is enqueued again.
    const resuming = Boolean(
      await db.from('deliveries').where('alert_id', alert.id).select('id').first()
    )
    let written = 0
    let plannerInformed = false
    // One statement keeps one PostgreSQL backend (one core) busy: lanes write several ranges at
    // once. SQLite has a single writer, so there it is one range at a time.
    const lanes = isPostgres() ? this.tuning.lanes : 1
    const ranges = this.#ranges(lastId)
    let failure: { error: unknown } | null = null
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        try {
          // The lanes share one generator: each range is written once, in order of ids. A lane
          // that fails closes it, so the others stop after their current range.
          for await (const range of ranges) {
            for (const channel of channels) {
              written += await this.#writeRange(alert, channel, range, resuming)
            }
            if (!plannerInformed && written >= this.tuning.statisticsAfterRows) {
              // Early, while most of the send is still to claim and to write.
              plannerInformed = true
              await PlannerStatistics.refresh('deliveries')
            }
          }
        } catch (error) {
          failure ??= { error }
        }
      })
    )
    // Only once every lane has stopped: the job's retry must not race a lane still writing.
    if (failure) throw (failure as { error: unknown }).error

    const total = await db
      .from('deliveries')
      .where('alert_id', alert.id)
      .count('* as total')
      .first()
    await Alert.query()
      .where('id', alert.id)
      .update({ dispatched_at: sqlTime(), audience_count: Number(total?.total ?? 0) })
    await AlertCompletion.closeIfFinished(alert.id)
  }

  /**
   * One range of the register on one channel: the plain residents in one statement, those
   * with a switch or quiet hours through DeliveryRules. Answers how many rows were written.
   */
  static async #writeRange(
    alert: Alert,
    channel: Channel,
    range: ResidentRange,
    resuming: boolean
  ) {
    const scope = {
      organisationId: alert.organisationId,
      priority: alert.priority,
      criteria: alert.criteria,
    }
    const created = await AlertDeliveryWriter.writePlain(alert.id, scope, channel, range)

    const particular = particularPreference(channel.id, range)
    const rows = await AudienceQuery.build(scope, range)
      .whereRaw(particular.sql, particular.bindings)
      .orderBy('residents.id')
      .select(RECIPIENT_COLUMNS)
      .select(reachColumns([channel]))
    const recipients = rows.map((row) => recipientFrom(row, [channel]))
    const others = recipients.length ? await this.#writeAndEnqueue(alert, channel, recipients) : 0

    if (!resuming) {
      if (created.length) await DeliveryJobs.send(alert.id, channel, created)
      return created.length + others
    }
    // #writeAndEnqueue enqueued the particular residents' rows; the rest may have lost their jobs.
    const handled = new Set(recipients.map((recipient) => recipient.residentId))
    const pending = await AlertDeliveryWriter.pendingInRange(alert.id, channel.id, range)
    const byTime = new Map<number, number[]>()
    for (const row of pending) {
      if (handled.has(row.residentId)) continue
      const at = row.notBefore && row.notBefore.getTime() > Date.now() ? row.notBefore.getTime() : 0
      const ids = byTime.get(at)
      if (ids) ids.push(row.id)
      else byTime.set(at, [row.id])
    }
    for (const [at, ids] of byTime) {
      await DeliveryJobs.send(alert.id, channel, ids, at ? new Date(at) : undefined)
    }
    return created.length + others
  }

  /** The channels the sender chose, or every available one when they chose none. */
  static #channelsFor(alert: Alert) {
    const chosen = alert.criteria.channels ?? []
    const available = channelRegistry.available(alert.organisationId)
    return chosen.length ? available.filter((channel) => chosen.includes(channel.id)) : available
  }

  static async *#ranges(lastId: number): AsyncGenerator<ResidentRange> {
    let from = 0
    while (from < lastId) {
      const span = this.tuning.rangeSpan
      yield { after: from, upTo: from + span }
      from = await this.#nextPageStart(from + span)
    }
  }

  /** Ids may have gaps (erased imports, a restored backup): the next page starts at the next resident. */
  static async #nextPageStart(after: number) {
    const next = await db.from('residents').where('id', '>', after).min('id as id').first()
    return next?.id === null || next?.id === undefined
      ? Number.MAX_SAFE_INTEGER
      : Number(next.id) - 1
  }

  /** Renders the alert once per channel and language of its audience (one query for the languages). */
  static async #prepareVariants(alert: Alert, channels: Channel[]) {
    const languages = await AudienceQuery.build({
      organisationId: alert.organisationId,
      priority: alert.priority,
      criteria: alert.criteria,
    }).distinct('residents.language')
    await AlertVariants.prepare(
      alert,
      channels,
      languages.map((row) => String(row.language))
    )
  }

  /**
   * After a hard bounce, tries the resident's other channels for the same
   * message (an SMS when the email address is dead).
   */
  static async reachOnOtherChannels(alert: Alert, residentId: number, exceptChannel: string) {
    const channels = this.#channelsFor(alert).filter(({ id }) => id !== exceptChannel)
    const row = await db
      .from('residents')
      .where('id', residentId)
      .select(RECIPIENT_COLUMNS)
      .select(reachColumns(channels))
      .first()
    if (!row) return
    for (const channel of channels) {
      await this.#writeAndEnqueue(alert, channel, [recipientFrom(row, channels)])
    }
  }

  static async #writeAndEnqueue(alert: Alert, channel: Channel, recipients: Recipient[]) {
    const reachable = recipients.filter((recipient) => recipient.reachable.has(channel.id))
    const decisions = await DeliveryRules.decide(alert, channel.id, reachable)
    const wanted = reachable.filter(
      (recipient) => decisions.get(recipient.residentId)?.action !== 'skip'
    )
    if (wanted.length === 0) return 0

    const now = sqlTime()
    const rows = wanted.map((recipient) => {
      const decision = decisions.get(recipient.residentId)
      return {
        alert_id: alert.id,
        resident_id: recipient.residentId,
        channel: channel.id,
        status: 'pending',
        attempts: 0,
        next_attempt_at: decision?.action === 'later' ? sqlTime(decision.at) : null,
        created_at: now,
        updated_at: now,
      }
    })
    // SQLite compiles a multi-row insert into a compound SELECT, limited to 500 terms.
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      await db
        .table('deliveries')
        .insert(rows.slice(start, start + INSERT_CHUNK))
        .onConflict(['alert_id', 'resident_id', 'channel'])
        .ignore()
    }

    const pending = await db
      .from('deliveries')
      .where('alert_id', alert.id)
      .where('channel', channel.id)
      .where('status', 'pending')
      .whereIn(
        'resident_id',
        wanted.map((recipient) => recipient.residentId)
      )
      .orderBy('id')
      .select('id', 'resident_id')

    // Deliveries inside a resident's quiet hours wait for the window to close.
    const byTime = new Map<string, number[]>()
    for (const row of pending) {
      const decision: DeliveryDecision | undefined = decisions.get(Number(row.resident_id))
      const at = decision?.action === 'later' ? decision.at.toUTC().toISO()! : ''
      const ids = byTime.get(at)
      if (ids) ids.push(Number(row.id))
      else byTime.set(at, [Number(row.id)])
    }
    for (const [at, ids] of byTime) {
      await DeliveryJobs.send(alert.id, channel, ids, at ? new Date(at) : undefined)
    }
    return wanted.length
  }
}
