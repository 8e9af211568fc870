import { signedUrlFor } from '@adonisjs/core/services/url_builder'
import env from '#start/env'

/**
 * Links that go out in alerts. Signed, so a resident needs no password and
 * nobody can unsubscribe someone else by guessing an id.
 */
export default class AlertLinks {
  static unsubscribePage(residentId: number) {
    return signedUrlFor('unsubscribe.show', { id: residentId }, { prefixUrl: env.get('APP_URL') })
  }

  static oneClickUnsubscribe(residentId: number) {
    return signedUrlFor(
      'unsubscribe.one_click',
      { id: residentId },
      { prefixUrl: env.get('APP_URL') }
    )
  }
}
