import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import config from '@adonisjs/core/services/config'
import db from '@adonisjs/lucid/services/db'
import limiter from '@adonisjs/limiter/services/main'
import RatingShortLinks from '#services/engagement/rating_short_links'
import ResidentErasure from '#services/residents/privacy/resident_erasure'
import { BrowserLikeSession } from '#tests/helpers/http'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { ratingWorld } from '#tests/helpers/rating_fixtures'

test.group('Short rating links', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.setup(() => limiter.clear())

  test('one code per resident and alert, made once; erasure and the daily purge take them away', async ({
    assert,
  }) => {
    const { resident, neighbour, alert } = await ratingWorld()
    const first = await RatingShortLinks.forRecipients(alert.id, [resident.id, neighbour.id, 0])
    assert.deepEqual([...first.keys()].sort(), [resident.id, neighbour.id].sort())
    const again = await RatingShortLinks.forRecipients(alert.id, [resident.id])
    assert.equal(again.get(resident.id), first.get(resident.id), 'the same link when sent again')
    assert.notEqual(first.get(resident.id), first.get(neighbour.id))

    const page = await new BrowserLikeSession().get(first.get(resident.id)!)
    assert.equal(page.status, 200)
    assert.include(new URL(page.url).pathname, `/alerts/${alert.id}/ratings/${resident.id}/`)

    await ResidentErasure.erase(resident.id)
    const erased = await new BrowserLikeSession().get(first.get(resident.id)!)
    assert.equal(erased.status, 404)
    assert.include(erased.text, 'This link is not valid')

    // The neighbour's link, past its last day, goes with the daily purge.
    await db.from('rating_short_links').update({ expires_on: '2026-01-31' })
    assert.equal(await RatingShortLinks.purgeExpired(DateTime.utc(2026, 2, 1)), 1)
    assert.lengthOf(await db.from('rating_short_links'), 0)
  })

  test('codes that match nothing are limited per address; a resident’s own link never is', async ({
    assert,
    cleanup,
  }) => {
    const limit = config.get('beacon.rateLimits.shortLinkFailures')
    config.set('beacon.rateLimits.shortLinkFailures', 2)
    cleanup(() => config.set('beacon.rateLimits.shortLinkFailures', limit))
    const { resident, alert } = await ratingWorld()
    const own = (await RatingShortLinks.forRecipients(alert.id, [resident.id])).get(resident.id)!

    const browser = new BrowserLikeSession()
    for (let index = 0; index < 3; index++) assert.equal((await browser.get(own)).status, 200)
    assert.equal((await browser.get('/r/AAAAAAAAAA')).status, 404)
    assert.equal((await browser.get('/r/BBBBBBBBBB')).status, 404)
    const limited = await browser.get('/r/CCCCCCCCCC')
    assert.equal(limited.status, 429)
    assert.include(limited.text, 'Too many links tried')
  })
})
