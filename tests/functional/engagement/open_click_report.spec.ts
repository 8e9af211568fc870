import { test } from '@japa/runner'
import { parse } from 'csv-parse/sync'
import { createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { summaryText, tableRows } from '#tests/helpers/organisation_report_fixtures'
import { residentOf, seedSelfService, signedInAs } from '#tests/helpers/self_service_fixtures'
import Resident from '#models/residents/resident'
import Organisation from '#models/platform/organisation'
import { trackingWorld, twoTrackedAlerts } from '#tests/helpers/tracking_fixtures'

const PERIOD = 'period=last-90-days'

test.group('Open and click rates in Reports → Alerts and deliveries', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('the period and the one before, their chart and their CSVs, as counted by hand', async ({
    assert,
  }) => {
    const world = await twoTrackedAlerts()
    const browser = await signInStaff(await createStaff(world.police, 'analyst'))
    const page = await browser.get(`/staff/reports/alerts?${PERIOD}`)
    assert.equal(page.status, 200)
    const [current, previous] = tableRows(page.text, 'opens-and-clicks')
    assert.deepEqual(current.slice(1), ['4', '2', '50%', '1', '25%'])
    assert.match(current[0], /^This period \(/)
    assert.deepEqual(previous.slice(1), ['4', '1', '25%', '0', '0%'])
    assert.include(page.text, 'Apple Mail Privacy Protection')
    assert.notInclude(page.text, 'id="tracking-off"')

    // By week; the alert was sent in the last week of the period.
    const chart = tableRows(page.text, 'open-click-rates')
    assert.deepEqual(chart.at(-1)!.slice(1), ['50', '25'])
    for (const week of chart.slice(0, -1)) assert.deepEqual(week.slice(1), ['0', '0'])

    const csv = async (name: string) => {
      const response = await browser.get(
        `/staff/reports/alerts/opens-and-clicks/${name}.csv?${PERIOD}`
      )
      assert.equal(response.status, 200)
      return parse(response.text, { bom: true }) as string[][]
    }
    const totals = await csv('opens-and-clicks')
    assert.deepEqual(totals[0], [
      'Period',
      'Emails delivered',
      'Opened',
      'Open rate',
      'Clicked',
      'Click rate',
    ])
    assert.deepEqual(totals[1].slice(1), ['4', '2', '50', '1', '25'])
    assert.deepEqual(totals[2].slice(1), ['4', '1', '25', '0', '0'])
    const rates = await csv('open-click-rates')
    assert.deepEqual(rates.at(-1)!.slice(1), ['50', '25'])
    assert.lengthOf(rates, chart.length + 1)
  })

  test('an admin turns tracking on and off; the report says when it is off', async ({ assert }) => {
    const { police } = await trackingWorld(false)
    const browser = await signInStaff(await createStaff(police, 'admin'))
    const report = await browser.get(`/staff/reports/alerts?${PERIOD}`)
    assert.include(report.text, 'does not track opens and clicks now')
    assert.deepEqual(tableRows(report.text, 'opens-and-clicks')[0].slice(1), [
      '0',
      '0',
      'None',
      '0',
      'None',
    ])

    const settings = await browser.get('/staff/settings/tracking')
    assert.include(settings.text, 'Privacy and Electronic Communications Regulations')
    assert.notInclude(settings.text, 'checked')
    const saved = await browser.post('/staff/settings/tracking', { tracksEngagement: 'true' })
    assert.include(saved.text, 'Opens and clicks are now tracked in alert emails')
    assert.isTrue((await Organisation.findOrFail(police.id)).tracksEngagement)
    const off = await browser.post('/staff/settings/tracking', {})
    assert.include(off.text, 'Opens and clicks are no longer tracked')
    assert.isFalse((await Organisation.findOrFail(police.id)).tracksEngagement)
    const wrong = await browser.post('/staff/settings/tracking', { tracksEngagement: 'maybe' })
    assert.include(wrong.text, 'Tick the box, or leave it empty')
  })

  test('a resident declines tracking on their own page, and can allow it again', async ({
    assert,
  }) => {
    const place = await seedSelfService()
    const resident = await residentOf(place)
    const browser = await signedInAs(resident)
    const account = await browser.get('/my-alerts/account')
    assert.include(account.text, 'Allowed where an organisation tracks it')

    const page = await browser.get('/my-alerts/tracking')
    assert.include(page.text, 'May we see whether you open alerts?')
    const empty = await browser.post('/my-alerts/tracking', {})
    assert.include(empty.text, 'Choose whether we may see when you open alerts')
    const declined = await browser.post('/my-alerts/tracking', { tracking: 'decline' })
    assert.include(declined.text, 'We will not track whether you open alerts or click their links.')
    assert.equal(
      summaryText(declined.text, 'id="summary-tracking"'),
      'Don’t track whether I open alerts'
    )
    assert.isTrue((await Resident.findOrFail(resident.id)).declinesTracking)
    await browser.post('/my-alerts/tracking', { tracking: 'allow' })
    assert.isFalse((await Resident.findOrFail(resident.id)).declinesTracking)

    // The privacy notice says what it is and how to turn it off.
    const privacy = await browser.get('/privacy')
    assert.include(privacy.text, 'Whether you open alerts')
  })
})
