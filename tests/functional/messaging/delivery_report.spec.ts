import { test } from '@japa/runner'
import { parse } from 'csv-parse/sync'
import db from '@adonisjs/lucid/services/db'
import Alert from '#models/messaging/alert'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { cell, rowWith, sentAlert } from '#tests/helpers/delivery_report_fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { eventually } from '#tests/helpers/eventually'
import { emptyQueues, sendsFinished } from '#tests/helpers/queues'
import AlertDispatcher from '#services/messaging/delivery/alert_dispatcher'
import pluginCoreServices from '#services/platform/plugins/plugin_core_services'

test.group('Delivery report', (group) => {
  group.each.setup(async () => {
    await emptyQueues()
    return emptyTablesAfterwards()
  })

  test('an alert sent through the real send path: the report counts what the ledger recorded', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const residents = [
      await createResident(central, [organisation]),
      await createResident(central, [organisation]),
      await createResident(central, [organisation]),
    ]
    const alert = await Alert.create({
      organisationId: organisation.id,
      title: 'Road closed',
      body: 'Body',
      priority: 2,
      status: 'sending',
      criteria: { areaIds: [central.id], channels: ['email'] },
    })
    await AlertDispatcher.dispatch(alert.id)
    await eventually(async () => {
      await alert.refresh()
      if (alert.status !== 'sent') throw new Error(`still ${alert.status}`)
    })
    await sendsFinished('email')
    // A provider confirms one of them arrived.
    const first = await db
      .from('deliveries')
      .where('alert_id', alert.id)
      .where('resident_id', residents[0].id)
      .firstOrFail()
    await pluginCoreServices.receipts.record({
      channel: 'email',
      providerId: first.provider_id,
      status: 'delivered',
    })

    const browser = await signInStaff(await createStaff(organisation, 'analyst'))
    const page = await browser.get(`/staff/alerts/${alert.id}/report`)
    const email = rowWith(page.text, 'data-channel="email"')
    assert.equal(cell(email, 'data-count="total"'), '3')
    assert.equal(cell(email, 'data-count="sent"'), '3')
    assert.equal(cell(email, 'data-count="delivered"'), '1')
    assert.equal(cell(email, 'data-count="failed"'), '0')
    assert.include(page.text, 'No delivery of this alert has failed.')
    // The chart's table adds up to the same three, whatever minute they went in.
    const table = page.text.slice(page.text.indexOf('data-chart-table="deliveries-over-time"'))
    const totals = [...table.matchAll(/data-total>(\d+)</g)].map((match) => Number(match[1]))
    assert.equal(
      totals.reduce((sum, value) => sum + value, 0),
      3
    )
    assert.notMatch(page.text, /data-time="finished">Not yet/)
  })
  test('the figures, the chart table and its CSV match the ledger', async ({ assert }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const { alert } = await sentAlert(organisation, central)
    const browser = await signInStaff(await createStaff(organisation, 'admin'))

    const alertPage = await browser.get(`/staff/alerts/${alert.id}`)
    assert.include(alertPage.text, `href="/staff/alerts/${alert.id}/report"`)

    const page = await browser.get(`/staff/alerts/${alert.id}/report`)
    assert.equal(page.status, 200)
    assert.include(page.text, 'Delivery report')
    assert.match(page.text, /data-time="requested">15 Jan 2026, 09:59 GMT/)
    assert.match(page.text, /data-time="first-sent">15 Jan 2026, 10:00 GMT/)
    assert.match(page.text, /data-time="last-sent">15 Jan 2026, 10:02 GMT/)
    assert.match(page.text, /data-time="finished">\s*15 Jan 2026, 10:04 GMT/)

    const expected = {
      email: {
        total: 6,
        sent: 3,
        delivered: 1,
        waiting: 0,
        failed: 2,
        skipped: 1,
        retried: 2,
        suppressed: 1,
      },
      sms: {
        total: 2,
        sent: 1,
        delivered: 1,
        waiting: 0,
        failed: 1,
        skipped: 0,
        retried: 0,
        suppressed: 1,
      },
      all: {
        total: 8,
        sent: 4,
        delivered: 2,
        waiting: 0,
        failed: 3,
        skipped: 1,
        retried: 2,
        suppressed: 2,
      },
    }
    for (const [channel, counts] of Object.entries(expected)) {
      const row = rowWith(page.text, `data-channel="${channel}"`)
      for (const [column, value] of Object.entries(counts)) {
        assert.equal(cell(row, `data-count="${column}"`), String(value), `${channel} ${column}`)
      }
    }
    assert.include(page.text, '2 deliveries were tried more than once')
    assert.include(page.text, '1 then went through')
    assert.include(page.text, '2 failures left their contacts')

    // The chart: a minute a bar from 10:00 to 10:04, each bar's figures in its table.
    assert.include(page.text, 'role="img"')
    assert.include(page.text, '<title id="deliveries-over-time-title">Deliveries over time</title>')
    assert.include(page.text, 'Deliveries sent and failed every minute from 10:00 to 10:04')
    const chartTable = page.text.slice(page.text.indexOf('data-chart-table="deliveries-over-time"'))
    const bars: Record<string, Record<string, number>> = {
      '10:00': { 'email-delivered': 1, 'email-sent': 1, 'total': 2 },
      '10:01': { 'email-failed': 1, 'sms-delivered': 1, 'total': 2 },
      '10:02': { 'email-sent': 1, 'total': 1 },
      '10:03': { 'sms-failed': 1, 'total': 1 },
      '10:04': { 'email-failed': 1, 'total': 1 },
    }
    const series = ['email-delivered', 'email-sent', 'email-failed', 'sms-delivered', 'sms-failed']
    for (const [minute, counts] of Object.entries(bars)) {
      const row = rowWith(chartTable, `>${minute}</th>`)
      for (const key of series) {
        assert.equal(
          cell(row, `data-series="${key}"`),
          String(counts[key] ?? 0),
          `${minute} ${key}`
        )
      }
      assert.equal(cell(row, 'data-total'), String(counts.total))
    }
    // One bar segment per non-zero figure, each with its figure in words.
    assert.equal(
      [
        ...page.text.matchAll(
          /<rect x="[^"]+" y="[^"]+" width="[^"]+" height="[^"]+" fill="url\(#deliveries-over-time-fill-\d\)" stroke="#ffffff"/g
        ),
      ].length,
      7
    )
    assert.include(page.text, '<title>10:01, Email: failed: 1</title>')

    const csv = await browser.get(`/staff/alerts/${alert.id}/report/timeline.csv`)
    assert.equal(csv.status, 200)
    const rows = parse(csv.text, { bom: true }) as string[][]
    assert.deepEqual(rows[0].slice(0, 1), ['Starting at (UK time)'])
    assert.equal(rows[0].at(-1), 'Total')
    assert.deepEqual(
      rows.slice(1).map((one) => [one[0], one.slice(1).map(Number)]),
      Object.entries(bars).map(([minute, counts]) => [
        minute,
        [...series.map((key) => counts[key] ?? 0), counts.total],
      ])
    )
  })

  test('staff of another organisation get neither the report nor its CSVs', async ({ assert }) => {
    const { central } = await seedAreas()
    const police = await createOrganisation('Police')
    const fire = await createOrganisation('Fire')
    const { alert } = await sentAlert(fire, central)
    const browser = await signInStaff(await createStaff(police, 'admin'))

    for (const path of ['report', 'report/timeline.csv', 'report/failures.csv']) {
      const answer = await browser.get(`/staff/alerts/${alert.id}/${path}`)
      assert.equal(answer.status, 403, path)
      assert.notInclude(answer.text, 'Dan Dunn')
      assert.notInclude(answer.text, 'Flood warning')
    }
  })

  test('an alert not sent yet says so, and one without failures says that', async ({ assert }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const draft = await Alert.create({
      organisationId: organisation.id,
      title: 'Draft',
      body: 'Body',
      priority: 2,
      status: 'draft',
      criteria: { areaIds: [central.id] },
    })
    const browser = await signInStaff(await createStaff(organisation, 'admin'))
    const page = await browser.get(`/staff/alerts/${draft.id}/report`)
    assert.include(page.text, 'Not sent yet')

    const { alert } = await sentAlert(organisation, central)
    await db.from('deliveries').where('alert_id', alert.id).where('status', 'failed').delete()
    const clean = await browser.get(`/staff/alerts/${alert.id}/report`)
    assert.include(clean.text, 'No delivery of this alert has failed.')
    assert.include(clean.text, 'No contact was marked as not working after this alert.')
  })
})
