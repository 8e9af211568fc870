import { test } from '@japa/runner'
import ResidentDataExport from '#services/residents/privacy/resident_data_export'
import ResidentErasure from '#services/residents/privacy/resident_erasure'
import { BrowserLikeSession } from '#tests/helpers/http'
import { countRows } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import {
  alertTo,
  residentOf,
  seedSelfService,
  signedInAs,
} from '#tests/helpers/self_service_fixtures'
import {
  checkedRating,
  formAction,
  linkFor,
  ratingsOf,
  ratingWorld,
} from '#tests/helpers/rating_fixtures'

test.group('Ratings and the resident’s own pages and data', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('the resident’s list of alerts received offers the same links, for them alone', async ({
    assert,
  }) => {
    const place = await seedSelfService()
    const resident = await residentOf(place)
    const alert = await alertTo(resident, place.opcc, 'Sheds broken into')
    const browser = await signedInAs(resident)

    const received = await browser.get('/my-alerts/received')
    assert.include(received.text, 'Was this alert useful? Tell us with one click:')
    const links = [...received.text.matchAll(/<a class="govuk-link" href="([^"]+)">([^<]+)</g)]
      .filter((match) => match[1].includes('/ratings/'))
      .map((match) => ({ url: match[1].replaceAll('&amp;', '&'), label: match[2] }))
    assert.deepEqual(
      links.map((link) => link.label),
      ['Useful', 'Not useful', 'This helped me avoid becoming a victim of crime']
    )
    assert.include(links[1].url, `/alerts/${alert.id}/ratings/${resident.id}/`)

    const page = await browser.get(links[1].url)
    assert.equal(checkedRating(page.text), 'not_useful')
    await browser.post(formAction(page.text), { rating: 'not_useful' })
    assert.deepEqual(await ratingsOf(resident.id), [{ rating: 'not_useful', comment: null }])
  })

  test('ratings are in the resident’s data download and go on erasure, with their links', async ({
    assert,
  }) => {
    const { resident, neighbour, alert } = await ratingWorld()
    for (const [who, rating] of [
      [resident, 'not_useful'],
      [neighbour, 'useful'],
    ] as const) {
      const browser = new BrowserLikeSession()
      const page = await browser.get(linkFor(who.id, alert.id, rating))
      const rated = await browser.post(formAction(page.text), { rating })
      if (who === resident) {
        await browser.post(formAction(rated.text, 'comment'), { comment: 'Too vague to act on' })
      }
    }

    const data = await ResidentDataExport.collect(resident.id)
    const ratings = data.alertRatings as Record<string, unknown>[]
    assert.lengthOf(ratings, 1)
    assert.deepInclude(ratings[0], {
      alert: 'Sheds broken into',
      from: 'Lincolnshire Police',
      rating: 'Not useful',
      comment: 'Too vague to act on',
    })
    assert.match(String(ratings[0].ratedAt), /^\d{4}-\d{2}-\d{2}T/)
    assert.include(ResidentDataExport.toCsv(data), 'alertRatings,1,comment,Too vague to act on')

    await ResidentErasure.erase(resident.id)
    assert.deepEqual(await ratingsOf(resident.id), [])
    assert.deepEqual(await ratingsOf(neighbour.id), [{ rating: 'useful', comment: null }])

    // Their old link records nothing and brings nothing back.
    const browser = new BrowserLikeSession()
    const page = await browser.get(linkFor(resident.id, alert.id, 'useful'))
    assert.equal(page.status, 404)
    assert.include(page.text, 'This link is not valid')
    assert.equal(await countRows('alert_ratings'), 1)
  })
})
