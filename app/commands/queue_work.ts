import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import env from '#start/env'

export default class QueueWork extends BaseCommand {
  static commandName = 'queue:work'
  static description = 'Run a Beacon queue worker (dispatch, send and mail jobs) in this process'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  async run() {
    const { redisAnswers, redisUnreachableExplanation } =
      await import('#services/platform/infrastructure/redis_probe')
    const host = env.get('REDIS_HOST')
    const port = env.get('REDIS_PORT')
    if (!(await redisAnswers(host, port, env.get('REDIS_PASSWORD')))) {
      this.logger.error(redisUnreachableExplanation(host, port))
      this.exitCode = 1
      await this.terminate()
      return
    }

    const { default: pluginHost } = await import('#services/platform/plugins/plugin_host')
    await pluginHost.refresh()
    const { default: pluginSync } = await import('#services/platform/plugins/plugin_sync')
    await pluginSync.listen()
    const { startQueueWorkers } = await import('#jobs/queue_workers')
    await startQueueWorkers()
    // Plugins' scheduled jobs run in workers only, once per install (a Redis claim per slot).
    const { default: pluginSchedules } = await import('#services/platform/plugins/plugin_schedules')
    pluginSchedules.start()
    this.logger.info(
      'Beacon worker is processing dispatch, send and mail jobs. Stop it with Ctrl+C.'
    )

    this.app.terminating(async () => {
      this.logger.info('Worker stopping')
    })
  }
}
