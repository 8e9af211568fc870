import app from '@adonisjs/core/services/app'
import { defineConfig, formatters, loaders } from '@adonisjs/i18n'

/**
 * The resident pages' own words (sign-up, "My alerts", the fixed parts of
 * residents' emails), in resources/lang/<locale>/. English is the default and
 * the fallback; Welsh is offered when the install turns it on (site settings).
 * Staff pages stay in English.
 */
const i18nConfig = defineConfig({
  defaultLocale: 'en',
  supportedLocales: ['en', 'cy'],
  formatter: formatters.icu(),
  loaders: [loaders.fs({ location: app.languageFilesPath() })],
})

export default i18nConfig
