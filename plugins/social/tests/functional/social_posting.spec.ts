import { test } from '@japa/runner'
import { eventually } from '#tests/helpers/eventually'
import { emptyQueues, queueFinished } from '#tests/helpers/queues'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import type { BrowserLikeSession } from '#tests/helpers/http'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import {
  FakeGraphApi,
  FakeXApi,
  GRAPH_EXPIRED,
  GRAPH_TEMPORARY,
  X_DUPLICATE,
  xRateLimited,
} from '../helpers/fake_apis.js'
import { accountFields, enableSocial, SETTINGS } from '../helpers/social_setup.js'
import { X_LIMIT, xWeightedLength } from '../../src/post_text.js'

const LONG_BODY = `${'Officers are asking residents near the river to move cars from the low road before the tide. '.repeat(5)}Call 101 with anything you see.`

async function startFakes(cleanup: (fn: () => Promise<void>) => void) {
  const graph = await new FakeGraphApi().start()
  const x = await new FakeXApi().start()
  cleanup(() => graph.stop())
  cleanup(() => x.stop())
  return { graph, x }
}

/** Writes an alert in the composer as a sender would (the social checkbox as they left it) and saves it. */
async function compose(
  sender: BrowserLikeSession,
  areaId: number,
  fields: Record<string, unknown>
) {
  const review = await sender.submit(
    '/staff/alerts/new',
    { 'priority': 3, 'areaIds[]': [areaId], 'social_shown': '1', ...fields },
    { action: '/staff/alerts' }
  )
  return Number(/\/staff\/alerts\/(\d+)/.exec(review.url)?.[1])
}

async function send(sender: BrowserLikeSession, alertId: number) {
  const sent = await sender.post(`/staff/alerts/${alertId}/send`)
  if (!sent.text.includes('Sending has started.')) throw new Error('The alert was not sent')
  return alertId
}

async function composeAndSend(
  sender: BrowserLikeSession,
  areaId: number,
  fields: Record<string, unknown>
) {
  return send(sender, await compose(sender, areaId, fields))
}

const TICKED = /id="social_post" name="social_post" type="checkbox" value="1"[^>]*checked/

/** The end of the background work a send started: the dispatch, the posts and the emails. */
async function sendsFinished() {
  await queueFinished('dispatch')
  await queueFinished('send-targets')
  await queueFinished('send-email')
}

test.group('Social media plugin: settings and auto-posting', (group) => {
  group.each.setup(async () => {
    await emptyQueues()
    return emptyTablesAfterwards()
  })

  test('Test connection says which account is wrong, and the form refuses half an account', async ({
    assert,
    cleanup,
  }) => {
    const { graph, x } = await startFakes(cleanup)
    const organisation = await createOrganisation()
    const { admin, disable } = await enableSocial(organisation, { graph, x })
    cleanup(disable)
    const form = `${SETTINGS}/organisation/settings`

    const wrong = await admin.post(form, {
      ...accountFields(graph, x),
      facebook_page_token: 'EAAWrong-token-0000000000',
      x_api_secret: 'not-the-secret-at-all-000',
      _intent: 'check',
    })
    assert.include(
      wrong.text,
      'Facebook refused the Page access token: it is wrong, expired or was revoked.'
    )
    assert.include(wrong.text, 'X refused the keys: one of the four is wrong or was regenerated.')
    assert.notInclude(wrong.text, 'EAAWrong-token-0000000000')

    const right = await admin.post(form, { ...accountFields(graph, x), _intent: 'check' })
    assert.include(right.text, 'Facebook: the token opens the Page “Beacon County Alerts”.')
    assert.include(right.text, 'X: the keys act for @beaconcounty.')

    const half = await admin.post(form, {
      facebook_page_id: graph.pageId,
      x_api_key: x.keys.x_api_key,
      _intent: 'save',
    })
    assert.include(half.text, 'Enter the Page’s access token, or clear the Page ID')
    assert.include(half.text, 'Enter all four X keys and secrets, or none')
    const badId = await admin.post(form, {
      facebook_page_id: 'my-page',
      facebook_page_token: graph.token,
      _intent: 'save',
    })
    assert.include(badId.text, 'Enter the Facebook Page ID as digits only')
  })

  test('a public alert is posted to the Page and to X once sent, shortened for X, and staff see where', async ({
    assert,
    cleanup,
  }) => {
    const { graph, x } = await startFakes(cleanup)
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    await createResident(central, [organisation])
    const { admin, disable } = await enableSocial(organisation, { graph, x })
    cleanup(disable)
    await admin.post(`${SETTINGS}/organisation/settings`, {
      ...accountFields(graph, x),
      _intent: 'save',
    })

    const sender = await signInStaff(await createStaff(organisation, 'sender'))
    const composer = await sender.get('/staff/alerts/new')
    assert.include(composer.text, 'Post this alert to your organisation’s Facebook and X')
    assert.match(
      composer.text,
      /id="social_post" name="social_post" type="checkbox" value="1"[^>]*checked/
    )

    const alertId = await composeAndSend(sender, central.id, {
      title: 'Flooding on the low road',
      body: LONG_BODY,
      isPublic: 'true',
      social_post: '1',
    })
    const publicUrl = `${process.env.APP_URL}/alerts/${alertId}`
    await eventually(async () => {
      assert.lengthOf(graph.posts, 1)
      assert.lengthOf(x.tweets, 1)
    })
    assert.deepEqual(graph.posts[0], {
      message: `Flooding on the low road\n\n${LONG_BODY}`,
      link: publicUrl,
    })
    // Too long for X with its text: the title and the link, which leads to the whole alert.
    assert.equal(x.tweets[0], `Flooding on the low road\n\n${publicUrl}`)
    assert.isAtMost(xWeightedLength(x.tweets[0], publicUrl), X_LIMIT)

    await eventually(async () => {
      const page = await sender.get(`/staff/alerts/${alertId}`)
      assert.match(page.text, /Social media posts:<\/strong>\s*2 delivered/)
      assert.include(
        page.text,
        `Posted to Facebook: <a class="govuk-link beacon-break-words" href="https://www.facebook.com/${graph.pageId}_9001"`
      )
      assert.include(
        page.text,
        'Posted to X: <a class="govuk-link beacon-break-words" href="https://x.com/i/web/status/1445880548472328193"'
      )
    })

    // An alert kept for residents has no public page to link to: it is not posted.
    await composeAndSend(sender, central.id, {
      title: 'Kept for residents',
      body: 'Not for the public.',
      social_post: '1',
    })
    await sendsFinished()
    assert.lengthOf(graph.posts, 1)
    assert.lengthOf(x.tweets, 1)
  })

  test('an alert the sender kept off social media in the composer is not posted', async ({
    assert,
    cleanup,
  }) => {
    const { graph, x } = await startFakes(cleanup)
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    await createResident(central, [organisation])
    const { admin, disable } = await enableSocial(organisation, { graph, x })
    cleanup(disable)
    await admin.post(`${SETTINGS}/organisation/settings`, {
      ...accountFields(graph, x),
      _intent: 'save',
    })
    const requestsBefore = graph.requests.length + x.requests.length

    const sender = await signInStaff(await createStaff(organisation, 'sender'))
    // The checkbox left unticked: the browser sends no social_post.
    const alertId = await compose(sender, central.id, {
      title: 'Road closed for a march',
      body: 'The high street is closed from noon.',
      isPublic: 'true',
    })
    const draft = await sender.get(`/staff/alerts/${alertId}/edit`)
    assert.include(draft.text, 'Post this alert to your organisation’s Facebook and X')
    assert.notMatch(draft.text, TICKED)
    // "Update the count" draws the composer again with what the sender chose, unsaved.
    const counted = await sender.post(`/staff/alerts/${alertId}`, {
      'title': 'Road closed for a march',
      'body': 'The high street is closed from noon.',
      'priority': 3,
      'areaIds[]': [central.id],
      'social_shown': '1',
      'social_post': '1',
      'intent': 'count',
    })
    assert.match(counted.text, TICKED)
    assert.notMatch((await sender.get(`/staff/alerts/${alertId}/edit`)).text, TICKED)
    await send(sender, alertId)
    const edit = await sender.get(`/staff/alerts/${alertId}`)
    assert.include(edit.text, 'Not posted to social media: the sender chose not to.')
    await sendsFinished()
    assert.equal(graph.requests.length + x.requests.length, requestsBefore)
    const page = await sender.get(`/staff/alerts/${alertId}`)
    assert.notInclude(page.text, 'Social media posts:')
  })

  test('a rate-limited X post is tried again, and one X refuses is shown to staff with the reason', async ({
    assert,
    cleanup,
  }) => {
    const { graph, x } = await startFakes(cleanup)
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    await createResident(central, [organisation])
    const { admin, disable } = await enableSocial(organisation, { graph, x })
    cleanup(disable)
    await admin.post(`${SETTINGS}/organisation/settings`, {
      ...accountFields(graph, x),
      _intent: 'save',
    })

    x.queued.push(xRateLimited(), X_DUPLICATE)
    const sender = await signInStaff(await createStaff(organisation, 'sender'))
    const alertId = await composeAndSend(sender, central.id, {
      title: 'Scam calls about bank accounts',
      body: 'Nobody from your bank will ask you to move money.',
      isPublic: 'true',
      social_post: '1',
    })

    await eventually(async () => {
      const page = await sender.get(`/staff/alerts/${alertId}`)
      assert.match(page.text, /Social media posts:<\/strong>\s*1 delivered, 1 failed/)
      assert.include(
        page.text,
        'Failed: X: X refused the post: a duplicate of a recent post, or the app may not post (it needs read and write permission) (X said: “You are not allowed to create a Tweet with duplicate content.”)'
      )
    })
    const tweets = x.requests.filter((request) => request.path === '/2/tweets')
    assert.lengthOf(tweets, 2, 'the rate-limited post and its retry')
    assert.lengthOf(graph.posts, 1, 'Facebook took it the first time')
    await sendsFinished()
  })

  test('Facebook down for a moment is tried again; an expired token is shown to staff, X still posts', async ({
    assert,
    cleanup,
  }) => {
    const { graph, x } = await startFakes(cleanup)
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    await createResident(central, [organisation])
    const { admin, disable } = await enableSocial(organisation, { graph, x })
    cleanup(disable)
    await admin.post(`${SETTINGS}/organisation/settings`, {
      ...accountFields(graph, x),
      _intent: 'save',
    })

    graph.queued.push(GRAPH_TEMPORARY, GRAPH_EXPIRED)
    const sender = await signInStaff(await createStaff(organisation, 'sender'))
    const alertId = await composeAndSend(sender, central.id, {
      title: 'Water supply off in Central',
      body: 'Bottled water at the library.',
      isPublic: 'true',
      social_post: '1',
    })

    await eventually(async () => {
      const page = await sender.get(`/staff/alerts/${alertId}`)
      assert.match(page.text, /Social media posts:<\/strong>\s*1 delivered, 1 failed/)
      assert.include(
        page.text,
        `Failed: Facebook Page ${graph.pageId}: Facebook refused the Page access token: it is wrong, expired or was revoked. Set a new one in Settings → Plugins → Social media (Facebook said: “Error validating access token: Session has expired`
      )
      assert.include(page.text, 'Posted to X: ')
      assert.notInclude(page.text, 'Posted to Facebook')
    })
    const feedPosts = graph.requests.filter((request) => request.path.endsWith('/feed'))
    assert.lengthOf(feedPosts, 2, 'the temporary error and its retry')
    assert.lengthOf(x.tweets, 1)
    await sendsFinished()
  })
})
