import type { ApplicationService } from '@adonisjs/core/types'
import env from '#start/env'

/**
 * Wires Beacon's own services at start: the email channel, the plugins, the
 * Redis check, the embedded queue worker and the demo data.
 */
export default class BeaconProvider {
  constructor(protected app: ApplicationService) {}

  async start() {
    const { default: channelRegistry } = await import('#services/platform/channel_registry')
    const { default: EmailChannel } = await import('#channels/messaging/email_channel')
    channelRegistry.register(new EmailChannel())

    const { default: pluginHost } = await import('#services/platform/plugin_host')
    await pluginHost.discover()
    // A test's own plugins (tests/fixtures/plugins), in a Beacon it starts as a child process.
    if (this.app.inTest && process.env.BEACON_TEST_PLUGINS) {
      await pluginHost.discover(process.env.BEACON_TEST_PLUGINS)
    }
  }

  async ready() {
    const environment = this.app.getEnvironment()
    if (environment !== 'web' && environment !== 'test') return

    const { redisAnswers, redisUnreachableExplanation } =
      await import('#services/platform/redis_probe')
    const host = env.get('REDIS_HOST')
    const port = env.get('REDIS_PORT')
    if (!(await redisAnswers(host, port, env.get('REDIS_PASSWORD')))) {
      console.error(`\n${redisUnreachableExplanation(host, port)}\n`)
      process.exit(1)
    }

    const { default: pluginHost } = await import('#services/platform/plugin_host')
    await pluginHost.refresh()
    const { default: pluginSync } = await import('#services/platform/plugin_sync')
    await pluginSync.listen()

    if (env.get('QUEUE_WORKER', 'embedded') === 'embedded') {
      const { startQueueWorkers } = await import('#jobs/queue_workers')
      await startQueueWorkers()
    }

    if (environment === 'web' && env.get('DEMO_DATA', true)) {
      await this.#loadDemoData()
    }
  }

  async #loadDemoData() {
    const { default: DemoData } = await import('#database/demo/demo_data')
    const login = await DemoData.loadIfEmpty()
    if (login) {
      console.log(
        [
          '',
          'Beacon demo data loaded: Lincolnshire districts and wards, and the organisation "Lincolnshire OPCC".',
          'First admin login (shown only this once; to choose your own password, use "Forgotten your password?" on the sign-in page):',
          `  email:    ${login.email}`,
          `  password: ${login.password}`,
          `  sign in at ${env.get('APP_URL')}/staff/login`,
          '',
        ].join('\n')
      )
    }
  }

  async shutdown() {
    const { stopUpkeep } = await import('#jobs/queue_workers')
    stopUpkeep()
    const { default: workerHeartbeat } = await import('#services/platform/worker_heartbeat')
    await workerHeartbeat.stop()
    const { default: queues } = await import('#services/platform/queue')
    await queues.close()
    const { default: mailTransport } = await import('#services/platform/mail_transport')
    mailTransport.close()
  }
}
