import { test } from '@japa/runner'
import { signedUrlFor } from '@adonisjs/core/services/url_builder'
import env from '#start/env'
import AlertLinks from '#services/messaging/alert_links'

test.group('The links in an alert', () => {
  test("are the router's own signed links, for every resident", ({ assert }) => {
    const prefixUrl = env.get('APP_URL')
    for (const id of [1, 42, 987_654_321]) {
      assert.equal(
        AlertLinks.unsubscribePage(id),
        signedUrlFor('unsubscribe.show', { id }, { prefixUrl })
      )
      assert.equal(
        AlertLinks.oneClickUnsubscribe(id),
        signedUrlFor('unsubscribe.one_click', { id }, { prefixUrl })
      )
    }
    // A link for one resident is not a link for another.
    assert.notEqual(
      new URL(AlertLinks.unsubscribePage(1)).searchParams.get('signature'),
      new URL(AlertLinks.unsubscribePage(2)).searchParams.get('signature')
    )
  })
})
