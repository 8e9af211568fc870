import { urlFor } from '@adonisjs/core/services/url_builder'
import env from '#start/env'

export const signUpLinks = {
  confirmation(secret: string) {
    return urlFor('confirmations.show', { token: secret }, { prefixUrl: env.get('APP_URL') })
  },
  signUp() {
    return urlFor('signups.create', {}, { prefixUrl: env.get('APP_URL') })
  },
}
