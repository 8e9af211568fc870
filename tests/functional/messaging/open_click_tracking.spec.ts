import { test } from '@japa/runner'
import { linkAfter, sendAlertAndRead } from '#tests/helpers/alert_emails'
import { countRows, createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { summaryText } from '#tests/helpers/organisation_report_fixtures'
import ResidentDataExport from '#services/residents/privacy/resident_data_export'
import ResidentErasure from '#services/residents/privacy/resident_erasure'
import {
  TRACKED_BODY,
  appUrl,
  bodyLinksOf,
  engagementsByName,
  load,
  pixelOf,
  trackingWorld,
} from '#tests/helpers/tracking_fixtures'

const ADVICE = 'https://police.example/advice?a=1&b=2'
const REPORT = 'https://police.example/report'

async function sendTracked(world: Awaited<ReturnType<typeof trackingWorld>>, title: string) {
  const { ada, bert, cara, dev } = world
  return sendAlertAndRead(
    { organisationId: world.police.id, areaIds: [world.central.id], title, body: TRACKED_BODY },
    [ada.email!, bert.email!, cara.email!, dev.email!]
  )
}

test.group('Open and click tracking in alert emails', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('each email has its own image and links; loading them gives the rates counted by hand', async ({
    assert,
  }) => {
    const world = await trackingWorld()
    const {
      alert,
      mails: [ada, bert, cara, dev],
    } = await sendTracked(world, 'Sheds broken into')

    // Tracked residents: an image and the body's two links through /c/, each their own.
    const pixels = [ada, bert, cara].map(pixelOf)
    for (const pixel of pixels) assert.match(pixel!, new RegExp(`^${appUrl()}/o/[\\w-]{22}\\.gif$`))
    assert.lengthOf(new Set(pixels), 3)
    const adaLinks = bodyLinksOf(ada)
    const token = pixels[0]!.match(/\/o\/([\w-]+)\.gif/)![1]
    assert.deepEqual(adaLinks, [`${appUrl()}/c/${token}/0`, `${appUrl()}/c/${token}/1`])
    // The token is not the resident's id, and the text part has the same links.
    assert.notInclude(token, String(world.ada.id))
    assert.include(ada.text, `the advice (${appUrl()}/c/${token}/0)`)
    assert.include(ada.text, `report it at ${appUrl()}/c/${token}/1.`)
    // Footer links are left alone.
    assert.match(linkAfter(ada.text, 'Unsubscribe from all alerts'), /\/unsubscribe\//)
    assert.include(ada.html, '/unsubscribe/')

    // The resident who declined: no image, the alert's own links.
    assert.isNull(pixelOf(dev))
    assert.deepEqual(bodyLinksOf(dev), [ADVICE, REPORT])
    assert.include(dev.text, `the advice (${ADVICE})`)
    assert.include(dev.text, `report it at ${REPORT}.`)
    assert.notInclude(dev.html, '/o/')
    assert.notInclude(dev.text, '/c/')

    // Ada opens twice and follows the second link; Bert opens once; Cara does nothing.
    const image = await load(pixels[0]!)
    assert.equal(image.status, 200)
    assert.equal(image.type, 'image/gif')
    // Nothing kept by the mail app: no cookie, and no cached copy answering the next open.
    assert.deepEqual(image.cookies, [])
    assert.equal(image.cacheControl, 'no-store, private')
    await load(pixels[0]!)
    const followed = await load(adaLinks[1])
    assert.equal(followed.status, 302)
    assert.equal(followed.location, REPORT)
    await load(pixels[1]!)
    // A link scanner that names itself counts for nothing, but still gets where the link goes.
    const scanned = await load(bodyLinksOf(bert)[0], 'Mimecast Safe Links Scanner')
    assert.equal(scanned.location, ADVICE)

    assert.deepEqual(await engagementsByName(), [
      { name: 'Ada Opener', opened: true, opens: 3, clicked: true, clicks: 1 },
      { name: 'Bert Glancer', opened: true, opens: 1, clicked: false, clicks: 0 },
    ])

    // 4 emails delivered; Ada and Bert opened (2 of 4 = 50%), Ada clicked (1 of 4 = 25%).
    const browser = await signInStaff(await createStaff(world.police, 'admin'))
    const report = await browser.get(`/staff/alerts/${alert.id}/report`)
    assert.equal(report.status, 200)
    assert.equal(summaryText(report.text, 'data-rate="delivered"'), '4')
    assert.equal(summaryText(report.text, 'data-rate="open"'), '50% (2 opened)')
    assert.equal(summaryText(report.text, 'data-rate="click"'), '25% (1 clicked a link)')
    assert.include(report.text, 'Apple Mail Privacy Protection')
  })

  test('a forged token gets the same image and records nothing; links go only to the alert’s own', async ({
    assert,
  }) => {
    const world = await trackingWorld()
    const {
      mails: [ada],
    } = await sendTracked(world, 'Vans seen at night')
    const real = await load(pixelOf(ada)!)
    assert.equal(await countRows('delivery_engagements'), 1)

    for (const forged of [
      'AAAAAAAAAAAAAAAAAAAAAA',
      'not-a-token',
      '..%2F..%2Fetc',
      'x'.repeat(200),
    ]) {
      const image = await load(`${appUrl()}/o/${forged}.gif`)
      assert.equal(image.status, 200, forged)
      assert.equal(image.type, 'image/gif')
      assert.deepEqual(image.body, real.body)
      const click = await load(`${appUrl()}/c/${forged}/0`)
      assert.equal(click.status, 404, forged)
      assert.isNull(click.location)
    }
    assert.deepEqual(await engagementsByName(), [
      { name: 'Ada Opener', opened: true, opens: 1, clicked: false, clicks: 0 },
    ])

    // A real token with an index the alert has no link for, or not a number: not found, never a redirect.
    const [first] = bodyLinksOf(ada)
    for (const index of ['2', '99', '-1', 'https:%2F%2Fevil.example', '1e3']) {
      const click = await load(first.replace(/\/0$/, `/${index}`))
      assert.equal(click.status, 404, index)
      assert.isNull(click.location)
    }
    assert.deepEqual(await engagementsByName(), [
      { name: 'Ada Opener', opened: true, opens: 1, clicked: false, clicks: 0 },
    ])
    assert.equal((await load(first)).location, ADVICE)
  })

  test('with the organisation’s switch off, no email is tracked, and turning it off stops recording', async ({
    assert,
  }) => {
    const world = await trackingWorld(false)
    const { mails } = await sendTracked(world, 'Bikes stolen')
    for (const mail of mails) {
      assert.isNull(pixelOf(mail))
      assert.deepEqual(bodyLinksOf(mail), [ADVICE, REPORT])
      assert.notInclude(mail.text, '/c/')
    }

    // Sent while on, then turned off: the old emails' image and links record nothing more.
    world.police.tracksEngagement = true
    await world.police.save()
    const {
      mails: [ada],
    } = await sendTracked(world, 'Bikes stolen again')
    world.police.tracksEngagement = false
    await world.police.save()
    assert.equal((await load(pixelOf(ada)!)).status, 200)
    assert.equal((await load(bodyLinksOf(ada)[0])).location, ADVICE)
    assert.equal(await countRows('delivery_engagements'), 0)
  })

  test('opens and clicks are in the resident’s data download and go on erasure', async ({
    assert,
  }) => {
    const world = await trackingWorld()
    const {
      mails: [ada, bert],
    } = await sendTracked(world, 'Catalytic converters')
    await load(bodyLinksOf(ada)[0])
    await load(pixelOf(bert)!)

    const data = await ResidentDataExport.collect(world.ada.id)
    const rows = data.alertOpensAndClicks as Record<string, unknown>[]
    assert.lengthOf(rows, 1)
    assert.deepInclude(rows[0], { alert: 'Catalytic converters', timesOpened: 1, timesClicked: 1 })
    assert.match(String(rows[0].firstClicked), /^\d{4}-\d{2}-\d{2}T/)
    assert.isFalse((data.preferences as Record<string, unknown>).declinesTrackingOfOpens as boolean)

    await ResidentErasure.erase(world.ada.id)
    assert.deepEqual(
      (await engagementsByName()).map((row) => row.name),
      ['Bert Glancer']
    )
    // Ada's old link still leads to the advice, and records nothing.
    assert.equal((await load(bodyLinksOf(ada)[0])).location, ADVICE)
    assert.equal(await countRows('delivery_engagements'), 1)
  })
})
