import db from '@adonisjs/lucid/services/db'
import { definePlugin } from '#contracts/plugin'

/**
 * A small plugin that proves the plugin host: once enabled, it answers
 * GET /plugins/health with the state of the database, for load balancers.
 */
export default definePlugin({
  id: 'health',
  name: 'Health check',
  description:
    'Answers GET /plugins/health with the state of the database, for load balancers and monitoring.',
  version: '1.0.0',
  register({ routes }) {
    routes((router) => {
      router.get('/', async ({ response }) => {
        try {
          await db.rawQuery('select 1')
          return response.ok({ status: 'ok', database: 'ok' })
        } catch {
          return response.serviceUnavailable({ status: 'failing', database: 'unreachable' })
        }
      })
    })
  },
})
