import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import Alert from '#models/messaging/alert'
import AlertCompletion from '#services/messaging/delivery/alert_completion'
import SiteSettings from '#services/platform/site/site_settings'
import PublicPageCache from '#services/platform/infrastructure/public_page_cache'
import env from '#start/env'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { createOrganisation, seedAreas } from '#tests/helpers/fixtures'
import { alertFor } from '#tests/helpers/archive_fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { eventually } from '#tests/helpers/eventually'

interface Answer {
  status: number
  etag: string | null
  lastModified: string | null
  cacheControl: string | null
  contentSecurityPolicy: string | null
  setsCookie: boolean
  text: string
}

async function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(new URL(path, env.get('APP_URL')), { headers, redirect: 'manual' })
  return {
    status: response.status,
    etag: response.headers.get('etag'),
    lastModified: response.headers.get('last-modified'),
    cacheControl: response.headers.get('cache-control'),
    contentSecurityPolicy: response.headers.get('content-security-policy'),
    setsCookie: response.headers.getSetCookie().length > 0,
    text: await response.text(),
  }
}

const PUBLIC = ['/alerts', '/alerts/feed.rss', '/alerts/feed.atom', '/alerts/feed.cap']

/** Everything a reader can fetch about the archive, by address. */
async function everything(alertId: number) {
  const answers: Record<string, Answer> = {}
  for (const path of [...PUBLIC, `/alerts/${alertId}`, `/alerts/${alertId}.cap`]) {
    answers[path] = await get(path)
  }
  return answers
}

/** An alert whose send is finishing: its last delivery is done, and completion publishes it. */
async function alertAboutToComplete(title: string) {
  const { central } = await seedAreas()
  const organisation = await createOrganisation('Lincolnshire Police')
  const alert = await alertFor(organisation, [central], {
    title,
    body: 'Lock **sheds** tonight.',
    status: 'sending',
    completedAt: null,
  })
  return alert
}

/**
 * The last send job closes the send. Dispatched only now: the worker's sweeper
 * also closes finished sends, and may be the one that does (either raises the event).
 */
async function complete(alertId: number) {
  await db.from('alerts').where('id', alertId).update({ dispatched_at: sqlTime() })
  await AlertCompletion.closeIfFinished(alertId)
  const row = await db.from('alerts').where('id', alertId).select('status').first()
  return row.status as string
}

test.group('Cached public pages and feeds', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('publishing, changing and withdrawing an alert changes every page and feed, and their ETags', async ({
    assert,
  }) => {
    const alert = await alertAboutToComplete('Sheds broken into')
    const before = await everything(alert.id)
    for (const path of PUBLIC) {
      assert.equal(before[path].status, 200, path)
      assert.notInclude(before[path].text, 'Sheds broken into', path)
    }
    assert.equal(before[`/alerts/${alert.id}`].status, 404)

    // Published: the send completes (as the last send job does).
    assert.equal(await complete(alert.id), 'sent')
    // Whoever closed the send raised the event that renders the pages again.
    const published = await eventually(async () => {
      const answers = await everything(alert.id)
      assert.include(answers['/alerts/feed.rss'].text, 'Sheds broken into')
      return answers
    })
    for (const path of [...PUBLIC, `/alerts/${alert.id}`, `/alerts/${alert.id}.cap`]) {
      assert.equal(published[path].status, 200, path)
      assert.include(published[path].text, 'Sheds broken into', path)
    }
    for (const path of PUBLIC) assert.notEqual(published[path].etag, before[path].etag, path)
    // The Markdown rendered when the alert was saved is what the page and the feed show.
    assert.include(published[`/alerts/${alert.id}`].text, '<strong>sheds</strong>')
    assert.include(published['/alerts/feed.rss'].text, '<strong>sheds</strong>')
    const stored = await Alert.findOrFail(alert.id)
    assert.equal(stored.bodyHtml, '<p>Lock <strong>sheds</strong> tonight.</p>')

    // Asked again, the same version is served.
    assert.equal((await get('/alerts')).etag, published['/alerts'].etag)

    // Changed: a correction to the published alert.
    stored.merge({ title: 'Sheds and garages broken into', body: 'Lock _garages_ too.' })
    await stored.save()
    const changed = await everything(alert.id)
    for (const path of [...PUBLIC, `/alerts/${alert.id}`, `/alerts/${alert.id}.cap`]) {
      assert.include(changed[path].text, 'Sheds and garages broken into', path)
      assert.notEqual(changed[path].etag, published[path].etag, path)
    }
    assert.include(changed[`/alerts/${alert.id}`].text, '<em>garages</em>')

    // Withdrawn from the archive: gone from the page and every feed.
    stored.isPublic = false
    await stored.save()
    const withdrawn = await everything(alert.id)
    assert.equal(withdrawn[`/alerts/${alert.id}`].status, 404)
    assert.equal(withdrawn[`/alerts/${alert.id}.cap`].status, 404)
    for (const path of PUBLIC) {
      assert.equal(withdrawn[path].status, 200)
      assert.notInclude(withdrawn[path].text, 'garages broken into', path)
    }
  })

  test('a client holding the current version gets 304; the feeds may be kept a minute', async ({
    assert,
  }) => {
    const alert = await alertAboutToComplete('Scam calls')
    await complete(alert.id)
    for (const path of [...PUBLIC, `/alerts/${alert.id}`, `/alerts/${alert.id}.cap`]) {
      const first = await get(path)
      assert.equal(first.status, 200, path)
      assert.match(first.etag ?? '', /^"[\w-]+"$/, path)
      assert.isNotNull(first.lastModified, path)
      assert.equal(
        first.cacheControl,
        path.endsWith('.rss') || path.endsWith('.atom') || path.endsWith('.cap')
          ? 'public, max-age=60'
          : 'public, no-cache',
        path
      )

      // Served from the cache: the same page and security headers, and no visitor's cookie.
      const again = await get(path)
      assert.equal(again.text, first.text, path)
      assert.equal(again.etag, first.etag, path)
      assert.equal(again.contentSecurityPolicy, first.contentSecurityPolicy, path)
      assert.include(again.contentSecurityPolicy ?? '', "default-src 'self'", path)
      assert.isFalse(again.setsCookie, path)

      const unchanged = await get(path, { 'If-None-Match': first.etag! })
      assert.equal(unchanged.status, 304, path)
      assert.equal(unchanged.text, '', path)
      assert.equal(unchanged.etag, first.etag, path)
      assert.equal((await get(path, { 'If-Modified-Since': first.lastModified! })).status, 304)

      const stale = await get(path, { 'If-None-Match': '"an-older-version"' })
      assert.equal(stale.status, 200, path)
      assert.include(stale.text, 'Scam calls', path)
    }

    // Once the site's name changes, the old version is no longer current.
    const before = await get('/alerts')
    await SiteSettings.update({ serviceName: 'Wolds Community Alert' })
    const after = await get('/alerts', { 'If-None-Match': before.etag! })
    assert.equal(after.status, 200)
    assert.include(after.text, 'Wolds Community Alert')
  })

  test('each filter is its own page, and the area filter lists the areas', async ({ assert }) => {
    const { boston, lincoln } = await seedAreas()
    const organisation = await createOrganisation()
    await alertFor(organisation, [boston], { title: 'Boston only' })
    await alertFor(organisation, [lincoln], { title: 'Lincoln only' })

    const all = await get('/alerts')
    const inBoston = await get(`/alerts?area=${boston.code}`)
    const bostonFeed = await get(`/alerts/feed.rss?area=${boston.code}`)
    assert.include(all.text, 'Lincoln only')
    assert.include(inBoston.text, 'Boston only')
    assert.notInclude(inBoston.text, 'Lincoln only')
    assert.notInclude(bostonFeed.text, 'Lincoln only')
    assert.notEqual(all.etag, inBoston.etag)
    assert.include(all.text, `<option value="${boston.code}"`)

    // An area code no area has, or a page past the last, is rendered but never kept.
    for (const invented of [
      '/alerts?area=E05999999',
      '/alerts?page=999',
      '/alerts?category=nothing_here',
    ]) {
      const answer = await get(invented)
      assert.equal(answer.status, 200, invented)
      assert.isNull(answer.etag, invented)
      assert.isNull((await PublicPageCache.read(invented))?.page ?? null, `${invented} not stored`)
    }

    // A search is one visitor's own: rendered each time, never kept.
    const search = await get('/alerts?q=Boston')
    assert.include(search.text, 'Boston only')
    assert.notInclude(search.text, 'Lincoln only')
    assert.isNull(search.etag)
    assert.equal(search.cacheControl, 'private, no-store')
  })

  test('private pages and forms are never cached or shared', async ({ assert }) => {
    for (const path of ['/sign-up', '/staff/login', '/my-alerts']) {
      const first = await get(path)
      const second = await get(path)
      assert.equal(first.status, 200, path)
      assert.equal(first.cacheControl, 'private, no-store', path)
      assert.isNull(first.etag, path)
      const token = (page: Answer) => page.text.match(/name='_csrf' value='([^']+)'/)?.[1]
      if (token(first)) assert.notEqual(token(first), token(second), path)
    }
  })
})
