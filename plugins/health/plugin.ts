import { definePlugin } from '#contracts/plugin'

/**
 * A small plugin that proves the plugin host: once enabled, it answers
 * GET /plugins/health with the state of the database, for load balancers.
 * It asks the core (#contracts/checks) rather than querying the database itself.
 */
export default definePlugin({
  id: 'health',
  name: 'Health check',
  description:
    'Answers GET /plugins/health with the state of the database, for load balancers and monitoring.',
  version: '1.0.0',
  register({ routes, checks }) {
    routes((router) => {
      router.get('/', async ({ response }) => {
        if (await checks.database()) return response.ok({ status: 'ok', database: 'ok' })
        return response.serviceUnavailable({ status: 'failing', database: 'unreachable' })
      })
    })
  },
})
