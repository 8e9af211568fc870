import type { ApplicationService } from '@adonisjs/core/types'
import env from '#start/env'

/**
 * Wires Beacon's own services at start: the email channel, the plugins, the
 * Redis check, the embedded queue worker and the demo data.
 */
export default class BeaconProvider {
  constructor(protected app: ApplicationService) {}

  async start() {
    const { default: channelRegistry } = await import('#services/platform/plugins/channel_registry')
    const { default: EmailChannel } = await import('#channels/messaging/email_channel')
    channelRegistry.register(new EmailChannel())

    // Plugins' privacy hooks join the residents module's registry (the platform may not import it).
    const { default: pluginPrivacy } = await import('#services/platform/plugins/plugin_privacy')
    const { default: privacyRegistry } = await import('#services/residents/privacy_registry')
    pluginPrivacy.connect((id, hooks) => privacyRegistry.register(id, hooks))
    // Plugins reach residents' contacts and the ledger's receipts through their context.
    const { default: pluginCoreServices } =
      await import('#services/platform/plugins/plugin_core_services')
    const { default: contacts } = await import('#services/residents/contacts/resident_contacts')
    const { default: receipts } = await import('#services/messaging/delivery/delivery_receipts')
    // Plugins' resident pages sit behind the residents module's session (the platform may not import it).
    const { default: pluginResidentPages } =
      await import('#services/platform/plugins/plugin_resident_pages')
    const { default: ResidentSessionMiddleware } =
      await import('#middleware/residents/resident_session_middleware')
    const residentSession = new ResidentSessionMiddleware()
    pluginResidentPages.useGuard((ctx, next) =>
      residentSession.handle(ctx, () =>
        next({ residentId: ctx.resident.id, language: ctx.resident.language })
      )
    )
    const { default: residents } = await import('#services/messaging/delivery/resident_lookup')
    const { pluginSchemes } = await import('#services/residents/lists/plugin_schemes')
    const { default: replies } = await import('#services/engagement/replies/plugin_replies')
    pluginCoreServices.provide({
      contacts,
      receipts,
      residents,
      replies,
      schemesFor: pluginSchemes,
    })

    const { default: pluginHost } = await import('#services/platform/plugins/plugin_host')
    await pluginHost.discover()
    // The tests' own plugins (disabled until a test enables them), in the test runner and in the
    // Beacon processes a test starts (NODE_ENV=test): their routes must exist before the router
    // is committed, which happens before any test runs. Kept out of plugins/, so no install has them.
    if (this.app.inTest) await pluginHost.discover(this.app.makePath('tests/fixtures/plugins'))
  }

  async ready() {
    const environment = this.app.getEnvironment()
    if (environment !== 'web' && environment !== 'test') return

    const { redisAnswers, redisUnreachableExplanation } =
      await import('#services/platform/infrastructure/redis_probe')
    const host = env.get('REDIS_HOST')
    const port = env.get('REDIS_PORT')
    if (!(await redisAnswers(host, port, env.get('REDIS_PASSWORD')))) {
      console.error(`\n${redisUnreachableExplanation(host, port)}\n`)
      process.exit(1)
    }

    const { default: pluginHost } = await import('#services/platform/plugins/plugin_host')
    await pluginHost.refresh()
    const { default: pluginSync } = await import('#services/platform/plugins/plugin_sync')
    await pluginSync.listen()

    // With several web processes (WEB_PROCESSES, bin/web_processes.ts) only the first embeds the worker.
    const webProcess = process.env.BEACON_WEB_PROCESS
    const firstWebProcess = webProcess === undefined || webProcess === '1'
    if (env.get('QUEUE_WORKER', 'embedded') === 'embedded' && firstWebProcess) {
      const { startQueueWorkers } = await import('#jobs/queue_workers')
      await startQueueWorkers()
      const { default: pluginSchedules } =
        await import('#services/platform/plugins/plugin_schedules')
      pluginSchedules.start()
    }

    if (environment === 'web' && env.get('DEMO_DATA', true) && firstWebProcess) {
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
    const { default: pluginSchedules } = await import('#services/platform/plugins/plugin_schedules')
    pluginSchedules.stop()
    const { default: workerHeartbeat } =
      await import('#services/platform/infrastructure/worker_heartbeat')
    await workerHeartbeat.stop()
    const { default: queues } = await import('#services/platform/infrastructure/queue')
    await queues.close()
    const { default: mailTransport } =
      await import('#services/platform/infrastructure/mail_transport')
    mailTransport.close()
  }
}
