import { assert } from '@japa/assert'
import { apiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import type { Config } from '@japa/runner/types'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import testUtils from '@adonisjs/core/services/test_utils'
import { browserClient } from '@japa/browser-client'
import { sessionApiClient } from '@adonisjs/session/plugins/api_client'
import { sessionBrowserClient } from '@adonisjs/session/plugins/browser_client'
import { authApiClient } from '@adonisjs/auth/plugins/api_client'
import { shieldApiClient } from '@adonisjs/shield/plugins/api_client'
import { chromium } from 'playwright'
import env from '#start/env'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { ensurePostgresDatabase, removeQueueKeys } from '#tests/helpers/services'
import pluginHost from '#services/platform/plugins/plugin_host'
import { emptyTablesAfterwards, migrateTestDatabase } from '#tests/helpers/database'

export const plugins: Config['plugins'] = [
  assert(),
  apiClient(),
  pluginAdonisJS(app),
  sessionApiClient(app),
  authApiClient(app),
  shieldApiClient(),
  browserClient({
    runInSuites: ['browser'],
    // Debian's Chromium: Playwright downloads no browser of its own here.
    launcher: (options) =>
      chromium.launch({
        ...options,
        headless: true,
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      }),
  }),
  sessionBrowserClient(app),
]

export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [
    async () => {
      console.log(`Database: ${env.get('DB_CONNECTION', 'sqlite')}`)
      await ensurePostgresDatabase()
      await migrateTestDatabase()
      // A run that was killed may have left rows behind.
      const emptyTables = await emptyTablesAfterwards()
      await emptyTables()
      await pluginHost.refresh()
    },
    async () => {
      await smtpSink.start(env.get('SMTP_PORT', 2526))
      return async () => {
        await smtpSink.stop()
        await removeQueueKeys()
      }
    },
  ],
  teardown: [],
}

export const configureSuite: Config['configureSuite'] = (suite) => {
  if (['browser', 'functional'].includes(suite.name)) {
    return suite.setup(() => testUtils.httpServer().start())
  }
}
