import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Alert from '#models/messaging/alert'
import env from '#start/env'
import { type BrowserLikeSession } from '#tests/helpers/http'
import { countRows, createOrganisation, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { alertFor, fetchPublic } from '#tests/helpers/archive_fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

/** The alert titles an index page lists, in the order shown. */
function listedTitles(html: string) {
  const list = html.match(/<ul class="govuk-list" id="alerts">([\s\S]*?)<\/ul>/)?.[1] ?? ''
  return [...list.matchAll(/<a class="govuk-link" href="\/alerts\/\d+">([^<]*)<\/a>/g)].map(
    (match) => match[1]
  )
}

function metaContent(html: string, attribute: 'property' | 'name', key: string) {
  const pattern = new RegExp(`<meta ${attribute}="${key}" content="([^"]*)">`)
  return html.match(pattern)?.[1]
}

test.group('Composing: category and the public archive', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('the form offers the categories and publishes by default', async ({ assert }) => {
    await seedAreas()
    const browser = await signInStaff(await createStaff(await createOrganisation(), 'sender'))
    const form = await browser.get('/staff/alerts/new')
    for (const label of [
      'Burglary',
      'Fraud and scams',
      'Anti-social behaviour',
      'Road safety',
      'Fire safety',
      'Rural crime',
      'Missing person',
      'Community news',
      'Other',
    ]) {
      assert.include(form.text, `>${label}</label>`)
    }
    assert.match(form.text, /<input[^>]*id="isPublic"[^>]*checked>/)
    assert.include(form.text, 'Publish in the public archive')
  })

  test('the category and the choice to publish are saved and shown on the message page', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const browser = await signInStaff(await createStaff(await createOrganisation(), 'sender'))
    const published = await browser.submit(
      '/staff/alerts/new',
      {
        'title': 'Sheds broken into',
        'body': 'Lock your shed.',
        'priority': 3,
        'category': 'burglary',
        'isPublic': 'true',
        'areaIds[]': [central.id],
      },
      { action: '/staff/alerts' }
    )
    assert.match(published.text, /id="alert-category">Burglary</)
    assert.include(published.text, 'Published in the public archive once it has been sent')

    const kept = await browser.submit(
      '/staff/alerts/new',
      {
        'title': 'For residents only',
        'body': 'Not for the archive.',
        'priority': 2,
        'category': 'community-news',
        'areaIds[]': [central.id],
      },
      { action: '/staff/alerts' }
    )
    assert.match(kept.text, /id="alert-category">Community news</)
    assert.include(kept.text, 'Not published: only the residents who get it can read it')

    const first = await Alert.findByOrFail('title', 'Sheds broken into')
    const second = await Alert.findByOrFail('title', 'For residents only')
    assert.equal(first.category, 'burglary')
    assert.isTrue(first.isPublic)
    assert.equal(second.category, 'community-news')
    assert.isFalse(second.isPublic)
  })

  test('a category that is not on the list is refused and the choices are kept', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const browser = await signInStaff(await createStaff(await createOrganisation(), 'sender'))
    const page = await browser.submit(
      '/staff/alerts/new',
      {
        'title': 'Title',
        'body': 'Body',
        'priority': 2,
        'category': 'weather',
        'areaIds[]': [central.id],
      },
      { action: '/staff/alerts' }
    )
    assert.include(page.text, 'Choose a category from the list')
    // The sender had unticked publishing; the form must not quietly tick it again.
    assert.notMatch(page.text, /<input[^>]*id="isPublic"[^>]*checked>/)
    assert.equal(await countRows('alerts'), 0)
  })
})

test.group('Public archive', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('with nothing published, it says so and how to get alerts', async ({ assert }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    await alertFor(organisation, [central], { status: 'draft', title: 'A draft' })

    const page = await fetchPublic('/alerts')
    assert.equal(page.status, 200)
    assert.include(page.text, 'No alerts have been published yet')
    assert.include(page.text, 'href="/sign-up"')
    assert.notInclude(page.text, 'A draft')
  })

  test('lists sent public alerts newest first, and nothing else', async ({ assert }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation('Lincolnshire Police')
    const older = await alertFor(organisation, [central], { title: 'Older alert' })
    const newer = await alertFor(organisation, [central], { title: 'Newer alert' })
    const hidden = [
      await alertFor(organisation, [central], { title: 'Draft alert', status: 'draft' }),
      await alertFor(organisation, [central], { title: 'Still sending', status: 'sending' }),
      await alertFor(organisation, [central], { title: 'Paused alert', status: 'paused' }),
      await alertFor(organisation, [central], { title: 'Cancelled alert', status: 'cancelled' }),
      await alertFor(organisation, [central], { title: 'Residents only', isPublic: false }),
    ]

    const page = await fetchPublic('/alerts')
    assert.deepEqual(listedTitles(page.text), ['Newer alert', 'Older alert'])
    assert.include(page.text, '2 alerts, newest first')
    assert.include(page.text, 'Lincolnshire Police')

    for (const alert of [older, newer]) {
      assert.equal((await fetchPublic(`/alerts/${alert.id}`)).status, 200)
    }
    for (const message of hidden) {
      const own = await fetchPublic(`/alerts/${message.id}`)
      assert.equal(own.status, 404, `${message.title} has a public page`)
      assert.notInclude(own.text, message.title)
    }
    assert.equal((await fetchPublic('/alerts/999999')).status, 404)
  })

  test('finds alerts by the words in their title or body', async ({ assert }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    await alertFor(organisation, [central], {
      title: 'Sheds broken into',
      body: 'Three sheds in Skirbeck were forced overnight.',
    })
    await alertFor(organisation, [central], {
      title: 'Shed fire',
      body: 'A fire near the river. Keep windows shut.',
    })
    await alertFor(organisation, [central], {
      title: 'Courier fraud',
      body: 'Callers pretending to be from your bank offer 50% off.',
    })

    const both = await fetchPublic('/alerts?q=SHED+skirbeck')
    assert.deepEqual(listedTitles(both.text), ['Sheds broken into'])
    assert.include(both.text, '1 alert matches your search')

    const one = await fetchPublic('/alerts?q=shed')
    assert.deepEqual(listedTitles(one.text), ['Shed fire', 'Sheds broken into'])

    // A percent sign is a character to look for, not a wildcard.
    assert.deepEqual(listedTitles((await fetchPublic('/alerts?q=50%25')).text), ['Courier fraud'])
    const wildcard = await fetchPublic('/alerts?q=5%25')
    assert.include(wildcard.text, 'No alert matches')
    assert.include(wildcard.text, 'href="/sign-up"')
    assert.include(wildcard.text, 'href="/alerts">clear the filters</a>')
  })

  test('an area shows alerts for it, for its district, and for its wards', async ({ assert }) => {
    const { boston, lincoln, central, skirbeck, abbey } = await seedAreas()
    const organisation = await createOrganisation()
    await alertFor(organisation, [boston], { title: 'All of Boston' })
    await alertFor(organisation, [central], { title: 'Central only' })
    await alertFor(organisation, [skirbeck], { title: 'Skirbeck only' })
    await alertFor(organisation, [lincoln], { title: 'All of Lincoln' })
    await alertFor(organisation, [abbey, central], { title: 'Abbey and Central' })

    const ward = await fetchPublic(`/alerts?area=${central.code}`)
    assert.deepEqual(listedTitles(ward.text), [
      'Abbey and Central',
      'Central only',
      'All of Boston',
    ])

    const district = await fetchPublic(`/alerts?area=${boston.code}`)
    assert.deepEqual(listedTitles(district.text), [
      'Abbey and Central',
      'Skirbeck only',
      'Central only',
      'All of Boston',
    ])

    const otherDistrict = await fetchPublic(`/alerts?area=${lincoln.code}`)
    assert.deepEqual(listedTitles(otherDistrict.text), ['Abbey and Central', 'All of Lincoln'])
    assert.match(otherDistrict.text, new RegExp(`<option value="${lincoln.code}" selected>`))
  })

  test('filters by category, together with the other filters', async ({ assert }) => {
    const { central, abbey } = await seedAreas()
    const organisation = await createOrganisation()
    await alertFor(organisation, [central], { title: 'Sheds', category: 'burglary' })
    await alertFor(organisation, [central], { title: 'Courier fraud', category: 'fraud-and-scams' })
    await alertFor(organisation, [abbey], { title: 'Phone scam', category: 'fraud-and-scams' })
    await alertFor(organisation, [central], { title: 'Not categorised', category: null })

    const scams = await fetchPublic('/alerts?category=fraud-and-scams')
    assert.deepEqual(listedTitles(scams.text), ['Phone scam', 'Courier fraud'])
    assert.include(scams.text, 'Fraud and scams ·')

    const scamsInCentral = await fetchPublic(
      `/alerts?category=fraud-and-scams&area=${central.code}`
    )
    assert.deepEqual(listedTitles(scamsInCentral.text), ['Courier fraud'])

    // An empty choice from the form ("Any category") is no filter at all.
    const any = await fetchPublic('/alerts?category=&area=&q=')
    assert.lengthOf(listedTitles(any.text), 4)
  })

  test('a filter it does not recognise is ignored and said so', async ({ assert }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    await alertFor(organisation, [central], { title: 'Visible alert' })
    for (const query of ['category=weather', 'area=NOT-A-CODE', 'page=-1']) {
      const page = await fetchPublic(`/alerts?${query}`)
      assert.equal(page.status, 200)
      assert.include(page.text, 'A filter in the page address was not recognised')
      assert.deepEqual(listedTitles(page.text), ['Visible alert'])
    }
  })

  test('pages through many alerts, keeping the filters', async ({ assert }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    for (let number = 1; number <= 21; number++) {
      await alertFor(organisation, [central], {
        title: `Fraud warning ${number}`,
        category: 'fraud-and-scams',
      })
    }
    await alertFor(organisation, [central], { title: 'Burglary', category: 'burglary' })

    const first = await fetchPublic('/alerts?category=fraud-and-scams')
    const firstTitles = listedTitles(first.text)
    assert.lengthOf(firstTitles, 20)
    assert.equal(firstTitles[0], 'Fraud warning 21')
    assert.include(first.text, '21 alerts match your search')
    assert.include(first.text, 'href="/alerts?category=fraud-and-scams&amp;page=2" rel="next"')

    const second = await fetchPublic('/alerts?category=fraud-and-scams&page=2')
    assert.deepEqual(listedTitles(second.text), ['Fraud warning 1'])
    assert.include(second.text, 'rel="prev"')
  })

  test('the home page links to the archive', async ({ assert }) => {
    const home = await fetchPublic('/')
    assert.match(home.text, /<a class="govuk-link" href="\/alerts">[^<]+<\/a>/)
  })
})

test.group("An alert's own page", (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('shows the organisation, priority, areas and the time it was sent in London', async ({
    assert,
  }) => {
    const { boston, central, abbey } = await seedAreas()
    const organisation = await createOrganisation('Lincolnshire Fire and Rescue')
    const summer = await alertFor(organisation, [central, boston], {
      title: 'Grass fires',
      priority: 4,
      category: 'fire-safety',
      completedAt: DateTime.fromISO('2025-06-03T13:05:00Z'),
    })
    const winter = await alertFor(organisation, [abbey], {
      title: 'Icy roads',
      category: 'road-safety',
      priority: 2,
      completedAt: DateTime.fromISO('2025-01-10T09:30:00Z'),
    })

    const page = await fetchPublic(`/alerts/${summer.id}`)
    assert.include(page.text, '<h1 class="govuk-heading-l">Grass fires</h1>')
    assert.match(page.text, /id="alert-organisation">Lincolnshire Fire and Rescue</)
    assert.match(page.text, /id="alert-priority">Priority 4: Urgent</)
    assert.match(page.text, /id="alert-areas">Boston \(whole district\), Central</)
    assert.match(page.text, /id="alert-category">Fire safety</)
    assert.match(
      page.text,
      /datetime="2025-06-03T14:05:00\+01:00" id="alert-sent">3 June 2025 at 2:05pm</
    )

    const other = await fetchPublic(`/alerts/${winter.id}`)
    assert.match(other.text, /id="alert-sent">10 January 2025 at 9:30am</)
    assert.match(other.text, /id="alert-priority">Priority 2: Advice</)
  })

  test('has Open Graph and Twitter tags for sharing', async ({ assert }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const body = `Three sheds on "Main Road" were broken into overnight.\n\nLock your shed & mark your tools. ${'Keep valuables out of sight. '.repeat(12)}`
    const alert = await alertFor(organisation, [central], { title: 'Sheds & garages', body })

    const page = await fetchPublic(`/alerts/${alert.id}`)
    const url = env.get('APP_URL').replace(/\/$/, '')
    assert.equal(metaContent(page.text, 'property', 'og:type'), 'article')
    assert.equal(metaContent(page.text, 'property', 'og:title'), 'Sheds &amp; garages')
    assert.equal(metaContent(page.text, 'property', 'og:url'), `${url}/alerts/${alert.id}`)
    assert.equal(metaContent(page.text, 'name', 'twitter:card'), 'summary')
    const description = metaContent(page.text, 'property', 'og:description')!
    assert.isTrue(
      description.startsWith(
        'Three sheds on &quot;Main Road&quot; were broken into overnight. Lock your shed &amp; mark your tools.'
      ),
      description
    )
    assert.isTrue(description.endsWith('…'))
    assert.isAtMost(description.replaceAll(/&\w+;/g, '_').length, 200)
  })

  test('shows the body’s Markdown with its line breaks, never the sender’s own markup', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const alert = await alertFor(organisation, [central], {
      title: '<b>Bold</b> title',
      body: 'First line <script>alert(1)</script>\nSecond line with **stars**',
    })
    const page = await fetchPublic(`/alerts/${alert.id}`)
    assert.notInclude(page.text, '<script>alert(1)</script>')
    assert.notInclude(page.text, '<b>Bold</b>')
    assert.include(page.text, '&lt;b&gt;Bold&lt;/b&gt; title')
    assert.include(
      page.text,
      'id="alert-body"><p>First line &lt;script&gt;alert(1)&lt;/script&gt;<br>Second line with <strong>stars</strong></p><'
    )
  })

  test('staff see the public address of a sent public alert on its message page', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const alert = await alertFor(organisation, [central], { title: 'Published alert' })
    const browser: BrowserLikeSession = await signInStaff(await createStaff(organisation, 'sender'))
    const page = await browser.get(`/staff/alerts/${alert.id}`)
    assert.include(page.text, `href="/alerts/${alert.id}"`)
  })
})
