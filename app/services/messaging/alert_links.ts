import { signedUrlFor } from '@adonisjs/core/services/url_builder'
import env from '#start/env'

/**
 * Links that go out in alerts. Signed, so a resident needs no password and
 * nobody can unsubscribe someone else by guessing an id.
 */
export default class AlertLinks {
  static unsubscribePage(subscriberId: number) {
    return signedUrlFor('unsubscribe.show', { id: subscriberId }, { prefixUrl: env.get('APP_URL') })
  }

  static oneClickUnsubscribe(subscriberId: number) {
    return signedUrlFor(
      'unsubscribe.one_click',
      { id: subscriberId },
      { prefixUrl: env.get('APP_URL') }
    )
  }
}
