import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import emitter from '@adonisjs/core/services/emitter'
import Area from '#models/areas/area'
import Resident from '#models/residents/resident'
import type Organisation from '#models/platform/organisation'
import ResidentFigures from '#services/engagement/reports/resident_figures'
import AlertFigures from '#services/engagement/reports/alert_figures'
import ReportPeriods, { type PeriodInput } from '#services/engagement/reports/report_period'
import AlertDeliveryFigures from '#services/engagement/reports/daily_figures/alert_delivery_figures'
import ResidentConsents from '#services/residents/preferences/resident_consents'
import ResidentErasure from '#services/residents/privacy/resident_erasure'
import ReportsRebuild from '../../../app/commands/reports_rebuild.js'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { createResident } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import {
  alertsOfMarch,
  london,
  residentsOfMarch,
} from '#tests/helpers/organisation_report_fixtures'

const MARCH: PeriodInput = {
  period: 'custom',
  fromDay: 1,
  fromMonth: 3,
  fromYear: 2026,
  toDay: 31,
  toMonth: 3,
  toYear: 2026,
}
// Days, weeks and months of buckets, and the periods staff pick most.
const PERIODS: PeriodInput[] = [
  MARCH,
  { ...MARCH, fromMonth: 1, toMonth: 6, toDay: 30 },
  { ...MARCH, fromYear: 2025, fromMonth: 1 },
  { period: 'this-year' },
  { period: 'last-90-days' },
  { period: 'this-month' },
]
const periodOf = (input: PeriodInput) => ReportPeriods.resolve(input).period!

/** Every figure of the residents report, from the daily figures and from the consents: they must be the same. */
async function assertAgree(assert: any, organisation: Organisation, when: string) {
  for (const input of PERIODS) {
    const period = periodOf(input)
    const instants = [period.previous.from, period.from, ...period.buckets.map((one) => one.until)]
    const [from, until, id] = [period.from, period.until, organisation.id]
    const message = `${when}, ${period.label}`
    assert.deepEqual(
      await ResidentFigures.at(id, instants),
      await ResidentFigures.at(id, instants, true),
      message
    )
    assert.deepEqual(
      await ResidentFigures.bySource(id, from, until),
      await ResidentFigures.bySource(id, from, until, true),
      message
    )
    assert.deepEqual(
      await ResidentFigures.byDistrict(id, from, until),
      await ResidentFigures.byDistrict(id, from, until, true),
      message
    )
    assert.deepEqual(
      await ResidentFigures.wardPage(id, from, until, 1, 100),
      await ResidentFigures.wardPage(id, from, until, 1, 100, true),
      message
    )
  }
}

/** The police's counts at 1 March and 1 April 2026, and tomorrow. */
const marchCounts = (police: Organisation) =>
  ResidentFigures.at(police.id, [
    london('2026-03-01T00:00'),
    london('2026-04-01T00:00'),
    periodOf({ period: 'this-month' }).until,
  ])

/** The fixture's resident whose consent to the police was granted at this UK time. */
async function grantedAt(police: Organisation, local: string) {
  const row = await db
    .from('consents')
    .where('organisation_id', police.id)
    .where('granted_at', sqlTime(london(local)))
    .first()
  return Resident.findOrFail(row.resident_id)
}

test.group('Reports: daily figures', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('agree with the consents after sign-ups, withdrawals, moves, stops and erasure', async ({
    assert,
  }) => {
    const { police, fire } = await residentsOfMarch()
    await assertAgree(assert, police, 'the fixture')
    // The hand count (organisation_report_fixtures): 4 on 1 March, 5 on 1 April, 6 today.
    assert.deepEqual(await marchCounts(police), [4, 5, 6])
    const central = await Area.findByOrFail('code', 'T-W1')
    const abbey = await Area.findByOrFail('code', 'T-W3')

    const newcomer = await createResident(central, [police])
    await assertAgree(assert, police, 'a sign-up today')
    assert.deepEqual(await marchCounts(police), [4, 5, 7])

    // A (police and fire since 10 January) withdraws from the police, then consents again:
    // counted from the second time only, so not in March any more.
    const a = await grantedAt(police, '2026-01-10T12:00')
    await ResidentConsents.set(a.id, [fire.id])
    await assertAgree(assert, police, 'a withdrawal')
    assert.deepEqual(await marchCounts(police), [4, 5, 6])
    await ResidentConsents.set(a.id, [police.id, fire.id])
    await assertAgree(assert, police, 'a consent given again')
    assert.deepEqual(await marchCounts(police), [3, 4, 7])

    // B moves from Skirbeck (Boston) to Abbey (Lincoln): their whole history moves with them.
    const b = await grantedAt(police, '2026-02-10T12:00')
    await b.related('areas').sync([abbey.id, abbey.parentId!])
    await assertAgree(assert, police, 'a move')
    const districts = await ResidentFigures.byDistrict(
      police.id,
      london('2026-03-01T00:00'),
      london('2026-04-01T00:00')
    )
    assert.deepEqual(
      districts.map((row) => [row.label, row.atStart, row.atEnd]),
      [
        ['Boston', 1, 2],
        ['Lincoln', 2, 2],
      ]
    )

    // The newcomer stops all alerts; H, still to confirm, confirms.
    await db
      .from('residents')
      .where('id', newcomer.id)
      .update({ status: 'unsubscribed', unsubscribed_at: sqlTime() })
    const h = await Resident.query().where('status', 'pending').firstOrFail()
    await db.from('residents').where('id', h.id).update({ status: 'active' })
    await assertAgree(assert, police, 'a stop and a confirmation')
    assert.deepEqual(await marchCounts(police), [4, 5, 7])

    // D (since 20 March) is erased: counted at no date.
    const d = await grantedAt(police, '2026-03-20T12:00')
    const entriesOf = async (id: number) =>
      Number(
        (
          await db
            .from('resident_figure_entries')
            .where('resident_id', id)
            .count('* as total')
            .first()
        ).total
      )
    assert.isAbove(await entriesOf(d.id), 0)
    await ResidentErasure.erase(d.id)
    // Where they lived goes at once, not when a report next counts.
    assert.equal(await entriesOf(d.id), 0)
    await assertAgree(assert, police, 'an erasure')
    assert.deepEqual(await marchCounts(police), [4, 4, 6])
    await assertAgree(assert, fire, 'the fire service, after it all')
  })

  test('reports:rebuild counts the same figures from scratch and says how far it got', async ({
    assert,
    cleanup,
  }) => {
    const { police } = await residentsOfMarch()
    const b = await grantedAt(police, '2026-02-10T12:00')
    await ResidentErasure.erase(b.id)
    const before = await marchCounts(police)
    const rows = () =>
      db
        .from('resident_day_figures')
        .where((some) => some.whereNot('started', 0).orWhereNot('stopped', 0))
        .orderBy(['organisation_id', 'area_id', 'day', 'source'])
    const settled = await rows()
    assert.isAbove(settled.length, 0)

    const ace = await app.container.make('ace')
    ace.ui.switchMode('raw')
    cleanup(() => ace.ui.switchMode('normal'))
    const command = await ace.create(ReportsRebuild, [])
    await command.exec()
    command.assertSucceeded()
    const logs = command.ui.logger.getLogs().map((log: { message: string }) => log.message)
    assert.isTrue(
      logs.some((line: string) => line.includes('Residents: 9 counted')),
      logs.join('\n')
    )
    assert.isTrue(
      logs.some((line: string) =>
        line.includes('Alerts: the deliveries of 0 finished alerts counted')
      ),
      logs.join('\n')
    )

    assert.deepEqual(await rows(), settled)
    assert.deepEqual(await marchCounts(police), before)
    await assertAgree(assert, police, 'after the rebuild')
  })

  test('a finished alert’s deliveries are counted once, and a later receipt is counted too', async ({
    assert,
  }) => {
    const { police, fire } = await alertsOfMarch()
    await db.from('alerts').whereNotNull('dispatched_at').update({ status: 'sent' })
    const march = periodOf(MARCH)
    const periods = {
      current: { from: march.from, until: march.until },
      previous: { from: march.previous.from, until: march.previous.until },
    }
    const agree = async (when: string) => {
      for (const organisation of [police, fire]) {
        assert.deepEqual(
          await AlertFigures.deliveriesByChannel(organisation.id, periods),
          await AlertFigures.deliveriesByChannel(organisation.id, periods, true),
          when
        )
      }
    }
    // Seven alerts were sent; the one of 20 March still has a delivery to go, so is counted from the ledger.
    assert.equal(await AlertDeliveryFigures.sealFinished(), 6)
    await agree('sealed')
    const sealedEmail = async () =>
      (await AlertFigures.deliveriesByChannel(police.id, periods)).find(
        (one) => one.channel === 'email'
      )!.current
    assert.deepEqual(await sealedEmail(), { sent: 6, delivered: 3, failed: 2, other: 2, total: 10 })

    // A provider confirms one of 5 March's sent emails after the alert was counted.
    const fifth = await db
      .from('alerts')
      .where('organisation_id', police.id)
      .where('dispatched_at', sqlTime(london('2026-03-05T10:00')))
      .first()
    const delivery = await db
      .from('deliveries')
      .where('alert_id', fifth.id)
      .where('channel', 'email')
      .where('status', 'sent')
      .first()
    await db.from('deliveries').where('id', delivery.id).update({ status: 'delivered' })
    await emitter.emit('delivery:delivered', {
      deliveryId: delivery.id,
      alertId: fifth.id,
      channel: 'email',
    })
    await agree('after a receipt')
    assert.deepEqual(await sealedEmail(), { sent: 6, delivered: 4, failed: 2, other: 2, total: 10 })

    // Counted again as the housekeeping does; an alert completing is counted at once.
    assert.equal(await AlertDeliveryFigures.sealFinished(), 1)
    await emitter.emit('alert:completed', { alertId: fifth.id, organisationId: police.id })
    await agree('sealed again')
    assert.equal(Number((await db.from('alert_figure_seals').count('* as total').first()).total), 6)
  })
})
