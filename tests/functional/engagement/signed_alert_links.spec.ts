import { test } from '@japa/runner'
import encryption from '@adonisjs/core/services/encryption'
import AlertRatingLinks, { RATING_PURPOSE } from '#services/engagement/alert_rating_links'
import AlertShareLinks, { SHARE_PURPOSE } from '#services/engagement/alert_share_links'
import ReplyLinks, { REPLY_PURPOSE } from '#services/engagement/replies/reply_links'
import ReportLinks from '#services/engagement/reports/report_links'
import SurveyLinks from '#services/engagement/surveys/survey_links'
import { BrowserLikeSession } from '#tests/helpers/http'
import { ratingWorld } from '#tests/helpers/rating_fixtures'
import { countRows } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const BROWSER = { 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0' }

const signatureOf = (relative: string) =>
  new URL(`http://x${relative}`).searchParams.get('signature')!
const withSignature = (relative: string, signature: string) =>
  `${relative.split('?')[0]}?signature=${signature}`

// As links were signed before one signature was shared by a recipient's links (2026-12-07).
const signedAlone = (path: string, purpose: string) =>
  `${path}?signature=${encryption.getMessageVerifier().sign(path, undefined, purpose)}`

test.group('Signed links in an alert', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('each kind of link takes its own signature: another kind’s, for the same resident and alert, is refused', async ({
    assert,
  }) => {
    const { resident, alert } = await ratingWorld()
    const browser = new BrowserLikeSession({ headers: BROWSER })
    const expires = AlertRatingLinks.expiry()
    const links = {
      rating: AlertRatingLinks.page(resident.id, alert.id, expires),
      share: AlertShareLinks.page(resident.id, alert.id, expires),
      reply: ReplyLinks.page(resident.id, alert.id, expires),
      report: ReportLinks.guidance(resident.id, alert.id, expires),
      survey: SurveyLinks.page(resident.id, alert.id, expires),
    }
    const signatures = Object.values(links).map(signatureOf)
    assert.lengthOf(new Set(signatures), 5)

    for (const own of ['rating', 'share'] as const) {
      const page = await browser.get(links[own])
      assert.equal(page.status, 200, links[own])
      for (const [kind, link] of Object.entries(links)) {
        if (kind === own) continue
        const borrowed = await browser.get(withSignature(links[own], signatureOf(link)))
        assert.equal(borrowed.status, 404, `${own} with ${kind}'s signature`)
        assert.include(borrowed.text, 'This link is not valid')
      }
    }
    assert.equal(await countRows('alert_ratings'), 0)
  })

  test('links sent before their signatures were shared still work; signed for another purpose they do not', async ({
    assert,
  }) => {
    const { resident, neighbour, alert } = await ratingWorld()
    const browser = new BrowserLikeSession({ headers: BROWSER })
    const expires = AlertRatingLinks.expiry()
    const ratingPath = `/alerts/${alert.id}/ratings/${resident.id}/${expires}`
    const sharePath = `/alerts/${alert.id}/share/${resident.id}/${expires}`

    const rating = await browser.get(`${signedAlone(ratingPath, RATING_PURPOSE)}&choice=useful`)
    assert.equal(rating.status, 200)
    assert.include(rating.text, 'Rate this alert')
    const share = await browser.get(signedAlone(sharePath, SHARE_PURPOSE))
    assert.equal(share.status, 200)

    for (const address of [
      signedAlone(ratingPath, REPLY_PURPOSE),
      signedAlone(
        ratingPath.replace(`/${resident.id}/`, `/${neighbour.id}/`),
        RATING_PURPOSE
      ).replace(`/${neighbour.id}/`, `/${resident.id}/`),
      // The new signature's length, but not a signature of this link.
      withSignature(ratingPath, 'A'.repeat(16)),
      // The path written another way (a leading zero) is not the one signed.
      AlertRatingLinks.page(resident.id, alert.id, expires).replace(
        `/ratings/${resident.id}/`,
        `/ratings/0${resident.id}/`
      ),
    ]) {
      const refused = await browser.get(address)
      assert.equal(refused.status, 404, address)
      assert.include(refused.text, 'This link is not valid')
    }
    assert.equal(await countRows('alert_ratings'), 0)
  })
})
