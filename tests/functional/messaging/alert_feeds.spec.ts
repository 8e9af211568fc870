import { readFile } from 'node:fs/promises'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { DateTime } from 'luxon'
import { validateXML } from 'xmllint-wasm'
import env from '#start/env'
import { createOrganisation, seedAreas } from '#tests/helpers/fixtures'
import { alertFor, fetchPublic, importLincolnshire } from '#tests/helpers/archive_fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const base = env.get('APP_URL').replace(/\/$/, '')

/** What a CAP reader sees: the document checked against the official OASIS CAP 1.2 schema. */
async function assertValidCap(assert: any, document: string) {
  const schema = await readFile(app.makePath('tests/fixtures/cap/CAP-v1.2.xsd'), 'utf8')
  const result = await validateXML({
    xml: [{ fileName: 'alert.xml', contents: document }],
    schema: [{ fileName: 'CAP-v1.2.xsd', contents: schema }],
  })
  assert.isTrue(
    result.valid,
    `The CAP document does not match the schema:\n${result.errors.map((error) => error.rawMessage).join('\n')}`
  )
}

/** Checks that XML is well formed, as a feed reader's parser would. */
async function assertWellFormed(assert: any, document: string) {
  const result = await validateXML({
    xml: [{ fileName: 'feed.xml', contents: document }],
    normalization: 'format',
  })
  assert.isTrue(result.valid, result.errors.map((error) => error.rawMessage).join('\n'))
}

function elements(document: string, name: string) {
  return [...document.matchAll(new RegExp(`<${name}(?: [^>]*)?>([\\s\\S]*?)</${name}>`, 'g'))].map(
    (match) => match[1]
  )
}

function polygonPoints(polygon: string) {
  return polygon.split(' ').map((pair) => pair.split(',').map(Number) as [number, number])
}

test.group('Feeds of the public archive', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('RSS lists the newest public alerts with their links, and nothing unpublished', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation('Lincolnshire Police')
    const older = await alertFor(organisation, [central], { title: 'Older alert' })
    const newer = await alertFor(organisation, [central], {
      title: 'Sheds & <garages>',
      body: 'Line one\nLine <two>',
    })
    await alertFor(organisation, [central], { title: 'Residents only', isPublic: false })
    await alertFor(organisation, [central], { title: 'Draft alert', status: 'draft' })

    const feed = await fetchPublic('/alerts/feed.rss')
    assert.equal(feed.status, 200)
    assert.equal(feed.contentType, 'application/rss+xml; charset=utf-8')
    await assertWellFormed(assert, feed.text)
    const items = elements(feed.text, 'item')
    assert.lengthOf(items, 2)
    // Readers treat an item's title as HTML: the sender's text arrives as text.
    assert.include(items[0], '<title><![CDATA[Sheds &amp; &lt;garages&gt;]]></title>')
    assert.include(items[0], `<link>${base}/alerts/${newer.id}</link>`)
    assert.include(items[0], '<p>Line one<br>Line &lt;two&gt;</p>')
    assert.include(items[0], '<category>Burglary</category>')
    assert.include(items[1], `<link>${base}/alerts/${older.id}</link>`)
    assert.notInclude(feed.text, 'Residents only')
    assert.notInclude(feed.text, 'Draft alert')
  })

  test('Atom carries the same filters as the archive page', async ({ assert }) => {
    const { boston, central, abbey } = await seedAreas()
    const organisation = await createOrganisation()
    await alertFor(organisation, [boston], { title: 'Boston scam', category: 'fraud-and-scams' })
    await alertFor(organisation, [central], { title: 'Central burglary', category: 'burglary' })
    await alertFor(organisation, [abbey], { title: 'Abbey scam', category: 'fraud-and-scams' })

    const feed = await fetchPublic(
      `/alerts/feed.atom?area=${central.code}&category=fraud-and-scams`
    )
    assert.equal(feed.status, 200)
    assert.equal(feed.contentType, 'application/atom+xml; charset=utf-8')
    await assertWellFormed(assert, feed.text)
    const entries = elements(feed.text, 'entry')
    assert.lengthOf(entries, 1)
    assert.include(entries[0], 'Boston scam')
    assert.include(
      feed.text,
      '<title>Alerts in Central, about fraud and scams – Community alerts</title>'
    )
    assert.include(
      feed.text,
      `<link rel="self" href="${base}/alerts/feed.atom?area=${central.code}&amp;category=fraud-and-scams"/>`
    )

    const words = await fetchPublic('/alerts/feed.rss?q=flood')
    assert.lengthOf(elements(words.text, 'item'), 0)
    const scams = await fetchPublic('/alerts/feed.rss?q=scam')
    assert.lengthOf(elements(scams.text, 'item'), 2)
  })

  test('a feed address with a filter it does not know is refused in words', async ({ assert }) => {
    for (const path of ['/alerts/feed.rss?category=weather', '/alerts/feed.atom?area=NOWHERE']) {
      const feed = await fetchPublic(path)
      assert.equal(feed.status, 400)
      assert.include(feed.text, 'This feed address has a filter Beacon does not recognise')
    }
  })

  test('the archive page links to feeds with its filters', async ({ assert }) => {
    const { central } = await seedAreas()
    await alertFor(await createOrganisation(), [central], { title: 'Visible' })
    const page = await fetchPublic(`/alerts?category=burglary&area=${central.code}`)
    const query = `?area=${central.code}&amp;category=burglary`
    assert.include(page.text, `href="/alerts/feed.rss${query}"`)
    assert.include(page.text, `href="/alerts/feed.atom${query}"`)
    assert.include(page.text, `href="/alerts/feed.cap${query}"`)
    assert.include(page.text, `<link rel="alternate" type="application/rss+xml"`)
  })
})

test.group('Common Alerting Protocol', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('the CAP feed is an Atom index whose entries point at each CAP document', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const alert = await alertFor(organisation, [central], { title: 'Shed fire' })
    await alertFor(organisation, [central], { title: 'Residents only', isPublic: false })

    const feed = await fetchPublic('/alerts/feed.cap')
    assert.equal(feed.status, 200)
    assert.equal(feed.contentType, 'application/atom+xml; charset=utf-8')
    await assertWellFormed(assert, feed.text)
    const entries = elements(feed.text, 'entry')
    assert.lengthOf(entries, 1)
    assert.include(
      entries[0],
      `<link rel="alternate" type="application/cap+xml" href="${base}/alerts/${alert.id}.cap"/>`
    )
    assert.include(
      entries[0],
      `<link rel="related" type="text/html" href="${base}/alerts/${alert.id}"/>`
    )

    const document = await fetchPublic(`/alerts/${alert.id}.cap`)
    assert.equal(document.status, 200)
    assert.equal(document.contentType, 'application/cap+xml; charset=utf-8')
    await assertValidCap(assert, document.text)
  })

  test('an alert for a ward is a valid CAP 1.2 document with its outline', async ({ assert }) => {
    const { central } = await importLincolnshire()
    const organisation = await createOrganisation('Lincolnshire Police')
    const alert = await alertFor(organisation, [central], {
      title: 'Burglaries <tonight> & "later"',
      body: 'Sheds forced in Central ward.\nLock up & report anything odd.',
      priority: 4,
      category: 'burglary',
      completedAt: DateTime.fromISO('2025-06-03T13:05:07Z'),
    })

    const { text } = await fetchPublic(`/alerts/${alert.id}.cap`)
    await assertValidCap(assert, text)

    const host = new URL(base).hostname
    assert.include(text, '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">')
    assert.include(text, `<identifier>beacon-${host}-${alert.id}</identifier>`)
    assert.include(text, '<sent>2025-06-03T14:05:07+01:00</sent>')
    assert.include(text, '<status>Actual</status>')
    assert.include(text, '<msgType>Alert</msgType>')
    assert.include(text, '<scope>Public</scope>')
    assert.include(text, '<language>en-GB</language>')
    assert.include(text, '<category>Security</category>')
    assert.include(text, '<event>Burglary</event>')
    assert.include(text, '<urgency>Immediate</urgency>')
    assert.include(text, '<severity>Severe</severity>')
    assert.include(text, '<certainty>Likely</certainty>')
    assert.include(text, '<senderName>Lincolnshire Police</senderName>')
    assert.include(text, '<headline>Burglaries &lt;tonight&gt; &amp; &quot;later&quot;</headline>')
    assert.include(
      text,
      '<description>Sheds forced in Central ward.\nLock up &amp; report anything odd.</description>'
    )
    assert.include(text, `<web>${base}/alerts/${alert.id}</web>`)
    assert.include(text, '<areaDesc>Central</areaDesc>')

    const polygons = elements(text, 'polygon')
    assert.lengthOf(polygons, 1)
    const points = polygonPoints(polygons[0])
    assert.deepEqual(points[0], points[points.length - 1])
    assert.isAtLeast(points.length, 4)
    // "lat,lon": Boston lies at about 53°N, just west of the meridian.
    for (const [lat, lon] of points) {
      assert.isTrue(lat > 52.9 && lat < 53.05 && lon > -0.1 && lon < 0.05, `${lat},${lon}`)
    }
    // Central's 32 points are few enough to keep whole.
    assert.lengthOf(points, 32)
  })

  test('an alert for a district made of several parts has one simplified polygon per part', async ({
    assert,
  }) => {
    const { boston } = await importLincolnshire()
    const organisation = await createOrganisation()
    const alert = await alertFor(organisation, [boston], {
      title: 'Flood warning',
      priority: 5,
      category: 'other',
    })

    const { text } = await fetchPublic(`/alerts/${alert.id}.cap`)
    await assertValidCap(assert, text)
    assert.include(text, '<areaDesc>Boston</areaDesc>')
    assert.include(text, '<category>Other</category>')
    assert.include(text, '<urgency>Immediate</urgency>')
    assert.include(text, '<severity>Extreme</severity>')
    assert.include(text, '<certainty>Observed</certainty>')

    const polygons = elements(text, 'polygon').map(polygonPoints)
    // Boston is a MultiPolygon: a small island of 9 points and the mainland of 635.
    assert.lengthOf(polygons, 2)
    const [island, mainland] = [...polygons].sort((a, b) => a.length - b.length)
    assert.lengthOf(island, 9)
    assert.isAbove(mainland.length, 100)
    assert.isAtMost(mainland.length, 200)
    for (const points of polygons) {
      assert.deepEqual(points[0], points[points.length - 1])
      assert.isAtLeast(points.length, 4)
    }
  })

  test('a ward inside a targeted district adds no second outline', async ({ assert }) => {
    const { boston, central } = await importLincolnshire()
    const alert = await alertFor(await createOrganisation(), [boston, central])
    const { text } = await fetchPublic(`/alerts/${alert.id}.cap`)
    await assertValidCap(assert, text)
    assert.include(text, '<areaDesc>Boston, Central</areaDesc>')
    assert.lengthOf(elements(text, 'polygon'), 2)
  })

  test('a shape drawn on the map is in the CAP area: a closed polygon or a circle in kilometres', async ({
    assert,
  }) => {
    const { central } = await importLincolnshire()
    const organisation = await createOrganisation()
    const withPolygon = await alertFor(organisation, [central], { title: 'Drawn polygon' })
    withPolygon.criteria = {
      areaIds: [central.id],
      shape: {
        type: 'polygon',
        coordinates: [
          [-0.03, 52.97],
          [0.01, 52.97],
          [0.01, 53.0],
        ],
      },
    }
    await withPolygon.save()
    const polygonDocument = await fetchPublic(`/alerts/${withPolygon.id}.cap`)
    await assertValidCap(assert, polygonDocument.text)
    assert.include(polygonDocument.text, '<areaDesc>Central, an area drawn on the map</areaDesc>')
    const polygons = elements(polygonDocument.text, 'polygon')
    assert.lengthOf(polygons, 2, "the ward's outline and the drawn polygon")
    assert.equal(polygons[1], '52.97,-0.03 52.97,0.01 53,0.01 52.97,-0.03')

    const withCircle = await alertFor(organisation, [], { title: 'Drawn circle' })
    withCircle.criteria = {
      areaIds: [],
      shape: { type: 'circle', center: [-0.0234, 52.9781], radiusMetres: 1500 },
    }
    await withCircle.save()
    const circleDocument = await fetchPublic(`/alerts/${withCircle.id}.cap`)
    await assertValidCap(assert, circleDocument.text)
    assert.include(circleDocument.text, '<areaDesc>an area drawn on the map</areaDesc>')
    assert.lengthOf(elements(circleDocument.text, 'polygon'), 0)
    assert.deepEqual(elements(circleDocument.text, 'circle'), ['52.9781,-0.0234 1.5'])
  })

  test('drafts, unsent and unpublished alerts have no CAP document', async ({ assert }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    for (const options of [
      { status: 'draft' as const },
      { status: 'sending' as const },
      { isPublic: false },
    ]) {
      const alert = await alertFor(organisation, [central], { title: 'Hidden', ...options })
      const document = await fetchPublic(`/alerts/${alert.id}.cap`)
      assert.equal(document.status, 404)
      assert.notInclude(document.text, 'Hidden')
    }
  })
})
