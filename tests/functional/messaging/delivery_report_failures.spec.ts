import { test } from '@japa/runner'
import { parse } from 'csv-parse/sync'
import db from '@adonisjs/lucid/services/db'
import AuditLog from '#models/platform/audit_log'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { at, failureIds, rowWith, sentAlert } from '#tests/helpers/delivery_report_fixtures'
import DeliveryFailures from '#services/messaging/reports/delivery_failures'
import { FAILURE_REASON_KEYS, failureReason } from '#services/messaging/reports/failure_reasons'
import { emptyTablesAfterwards } from '#tests/helpers/database'

/** The delivery report's failures: listed, filtered, paged and exported (the fixture is delivery_report_fixtures.ts). */
test.group('Delivery report: failures', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  test('failures are listed with their reasons, filtered, searched and sorted', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const { alert } = await sentAlert(organisation, central)
    const browser = await signInStaff(await createStaff(organisation, 'sender'))
    const ids = Object.fromEntries(
      (
        await db
          .from('deliveries')
          .join('residents', 'residents.id', 'deliveries.resident_id')
          .where('alert_id', alert.id)
          .where('deliveries.status', 'failed')
          .select('deliveries.id', 'residents.name')
      ).map((row) => [row.name.split(' ')[0], Number(row.id)])
    )

    const page = await browser.get(`/staff/alerts/${alert.id}/report`)
    assert.include(page.text, '3 failed deliveries')
    // Newest first: Eve (10:04:50), Hal (10:03:20), Dan (10:01:30).
    assert.deepEqual(failureIds(page.text), [ids['=Eve'], ids.Hal, ids.Dan])
    const dan = rowWith(page.text, `data-failure="${ids.Dan}"`)
    assert.include(dan, 'Dan Dunn')
    assert.include(dan, 'd•••@example.test')
    assert.notInclude(dan, 'dan.dunn@example.test')
    assert.include(dan, 'The email address does not exist')
    assert.include(dan, '550 5.1.1')
    const hal = rowWith(page.text, `data-failure="${ids.Hal}"`)
    assert.include(hal, '•••456')
    assert.include(hal, 'The number cannot get texts or calls')
    assert.include(rowWith(page.text, `data-failure="${ids['=Eve']}"`), 'Tried several times')

    const oldest = await browser.get(`/staff/alerts/${alert.id}/report?sort=oldest`)
    assert.deepEqual(failureIds(oldest.text), [ids.Dan, ids.Hal, ids['=Eve']])
    const attempts = await browser.get(`/staff/alerts/${alert.id}/report?sort=attempts`)
    assert.equal(failureIds(attempts.text)[0], ids['=Eve'])

    const sms = await browser.get(`/staff/alerts/${alert.id}/report?channel=sms`)
    assert.deepEqual(failureIds(sms.text), [ids.Hal])
    assert.include(sms.text, '1 failed delivery matches these filters')
    const unknown = await browser.get(`/staff/alerts/${alert.id}/report?reason=address_unknown`)
    assert.deepEqual(failureIds(unknown.text), [ids.Dan])
    const gaveUp = await browser.get(`/staff/alerts/${alert.id}/report?reason=gave_up&channel=sms`)
    assert.deepEqual(failureIds(gaveUp.text), [])
    assert.include(gaveUp.text, 'No failed delivery matches these filters')
    // The reason filter offers each reason found, with its count.
    assert.include(page.text, 'The email address does not exist (1)')

    const search = await browser.get(`/staff/alerts/${alert.id}/report?q=dunn`)
    assert.deepEqual(failureIds(search.text), [ids.Dan])
    const logged = await AuditLog.query().where('action', 'alerts.failures_searched').firstOrFail()
    assert.equal(logged.subjectId, alert.id)

    const forged = await browser.get(`/staff/alerts/${alert.id}/report?reason=nonsense&sort=x`)
    assert.equal(forged.status, 200)
    assert.include(forged.text, 'A filter in the page address was not recognised')
    assert.lengthOf(failureIds(forged.text), 3)
  })

  test('failures page through 25 at a time', async ({ assert }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const { alert } = await sentAlert(organisation, central)
    const others = []
    for (let index = 0; index < 24; index++) {
      others.push(await createResident(central, [organisation]))
    }
    await db.table('deliveries').multiInsert(
      others.map((resident, index) => ({
        alert_id: alert.id,
        resident_id: resident.id,
        channel: 'email',
        status: 'failed',
        attempts: 1,
        error: 'Connection timed out',
        created_at: at('10:00:00'),
        updated_at: at(`10:00:${String(index + 10).padStart(2, '0')}`),
      }))
    )
    const browser = await signInStaff(await createStaff(organisation, 'admin'))
    const first = await browser.get(`/staff/alerts/${alert.id}/report`)
    assert.include(first.text, '27 failed deliveries')
    assert.lengthOf(failureIds(first.text), 25)
    assert.include(first.text, 'rel="next"')
    const second = await browser.get(`/staff/alerts/${alert.id}/report?page=2`)
    assert.lengthOf(failureIds(second.text), 2)
    assert.notIncludeMembers(failureIds(second.text), failureIds(first.text))
    const busy = await browser.get(`/staff/alerts/${alert.id}/report?reason=provider_busy`)
    assert.include(busy.text, '24 failed deliveries match these filters')
  })

  test('a long list of failures links the pages near the current one, the first and the last', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const { alert } = await sentAlert(organisation, central)
    // With the fixture's 3: 233 failures, 10 pages.
    await db.table('deliveries').multiInsert(
      Array.from({ length: 230 }, (_, index) => ({
        alert_id: alert.id,
        resident_id: null,
        channel: `bulk-${index}`,
        status: 'failed',
        attempts: 1,
        error: 'Connection timed out',
        created_at: at('10:00:00'),
        updated_at: at('10:00:30'),
      }))
    )
    const browser = await signInStaff(await createStaff(organisation, 'admin'))
    const page = await browser.get(`/staff/alerts/${alert.id}/report?page=5`)
    assert.include(page.text, '233 failed deliveries')
    const linked = [...page.text.matchAll(/aria-label="Page (\d+)"/g)].map((match) =>
      Number(match[1])
    )
    assert.deepEqual(linked, [1, 2, 3, 4, 5, 6, 7, 8, 10])
    assert.include(page.text, 'govuk-pagination__item--ellipses')
    assert.lengthOf(failureIds(page.text), 25)
    assert.include(page.text, `href="/staff/alerts/${alert.id}/report?page=10"`)
  })

  test('the failures CSV holds every matching failure, safe to open in a spreadsheet', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const { alert } = await sentAlert(organisation, central)
    const browser = await signInStaff(await createStaff(organisation, 'admin'))

    const csv = await browser.get(`/staff/alerts/${alert.id}/report/failures.csv`)
    assert.equal(csv.status, 200)
    const rows = parse(csv.text, { bom: true }) as string[][]
    assert.deepEqual(rows[0], [
      'Channel',
      'Resident',
      'Contact (in part)',
      'Reason',
      'Provider’s words',
      'Attempts',
      'Last attempt (UTC)',
    ])
    assert.lengthOf(rows, 4)
    const eve = rows.find((row) => row[1].includes('Eve'))!
    assert.equal(eve[1], "'=Eve Evans")
    assert.equal(
      eve[4],
      `'=HYPERLINK("http://evil.test") Gave up after 5 attempts: 421 Try again later`
    )
    assert.equal(eve[5], '5')
    assert.equal(eve[6], '2026-01-15T10:04:50.000Z')
    const dan = rows.find((row) => row[1] === 'Dan Dunn')!
    assert.equal(dan[2], 'd•••@example.test')
    assert.equal(dan[3], 'The email address does not exist')

    // Failures far apart in the ledger (other alerts' rows between them) come in separate reads: all are there.
    const last = await db.from('deliveries').max('id as id').first()
    await db.table('deliveries').multiInsert(
      [30_000, 70_000].map((gap, index) => ({
        id: Number(last.id) + gap,
        alert_id: alert.id,
        resident_id: null,
        channel: `far-${index}`,
        status: 'failed',
        attempts: 1,
        error: 'Connection timed out',
        created_at: at('10:05:00'),
        updated_at: at('10:05:00'),
      }))
    )
    const everything = parse(
      (await browser.get(`/staff/alerts/${alert.id}/report/failures.csv`)).text,
      { bom: true }
    ) as string[][]
    assert.deepEqual(
      everything.slice(1).map((row) => row[0]),
      ['Email', 'Email', 'Text message', 'far-0', 'far-1']
    )

    const sms = await browser.get(`/staff/alerts/${alert.id}/report/failures.csv?channel=sms`)
    const smsRows = parse(sms.text, { bom: true }) as string[][]
    assert.lengthOf(smsRows, 2)
    assert.equal(smsRows[1][1], 'Hal Hill')
    const logged = await AuditLog.query().where('action', 'alerts.failures_exported')
    assert.lengthOf(logged, 3)
  })

  test('an analyst sees contacts in part, without names or a search', async ({ assert }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const { alert } = await sentAlert(organisation, central)
    const browser = await signInStaff(await createStaff(organisation, 'analyst'))

    const page = await browser.get(`/staff/alerts/${alert.id}/report?q=dunn`)
    assert.equal(page.status, 200)
    assert.include(page.text, 'd•••@example.test')
    assert.notInclude(page.text, 'Dan Dunn')
    assert.notInclude(page.text, 'name="q"')
    // The search is not applied: every failure is listed.
    assert.lengthOf(failureIds(page.text), 3)

    const csv = await browser.get(`/staff/alerts/${alert.id}/report/failures.csv?q=dunn`)
    const rows = parse(csv.text, { bom: true }) as string[][]
    assert.notInclude(rows[0], 'Resident')
    assert.lengthOf(rows, 4)
    assert.notInclude(csv.text, 'Dunn')
  })

  test('the reason filter in SQL picks the rows the page names with that reason', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const { alert } = await sentAlert(organisation, central)
    const errors = [
      'Gave up after 5 attempts: Twilio answered 503',
      'The sms channel is not available',
      'Twilio refused the account SID or auth token (check Settings → Plugins)',
      '552 5.2.2 Mailbox full',
      '550 5.1.1 User unknown',
      '554 5.7.1 Message rejected as spam',
      'Not a UK mobile number (GOV.UK Notify)',
      'The phone was off or unreachable for 3 days (GOV.UK Notify)',
      'Every browser the resident had subscribed has unsubscribed',
      'No email address',
      'GOV.UK Notify said too many messages were sent at once (rate limit)',
      'X refused the post as invalid',
      'Something nobody foresaw',
      null,
    ]
    await db.table('deliveries').multiInsert(
      errors.map((error, index) => ({
        alert_id: alert.id,
        resident_id: null,
        channel: `test-${index}`,
        status: 'failed',
        attempts: 1,
        error,
        created_at: at('10:00:00'),
        updated_at: at('10:00:00'),
      }))
    )
    const all = await DeliveryFailures.query(alert.id, {}).select(
      'deliveries.id',
      'deliveries.error'
    )
    const named = new Map(all.map((row) => [Number(row.id), failureReason(row.error).key]))
    // Each of these texts has a reason of its own, and "other" catches the rest.
    assert.includeMembers([...named.values()], FAILURE_REASON_KEYS)
    for (const key of FAILURE_REASON_KEYS) {
      const picked = await DeliveryFailures.query(alert.id, { reason: key }).select('deliveries.id')
      assert.sameMembers(
        picked.map((row) => Number(row.id)),
        [...named].filter(([, reason]) => reason === key).map(([id]) => id),
        key
      )
    }
  })
})
