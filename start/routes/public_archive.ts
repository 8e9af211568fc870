import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const PublicAlertsController = () => import('#controllers/messaging/public_alerts_controller')
const FeedsController = () => import('#controllers/messaging/feeds_controller')

const id = router.matchers.number()
// The matcher sees the whole segment, ".cap" included; the value handed on is the number.
const capId = { match: /^\d+\.cap$/, cast: (value: string) => Number(value) }

// The public archive: sent alerts their senders published. Anyone may read them.
// They read the same for everyone, so their rendered output is cached until public content changes.
router
  .group(() => {
    router.get('/alerts', [PublicAlertsController, 'index']).as('alerts.index')
    router.get('/alerts/feed.rss', [FeedsController, 'rss']).as('alerts.feed_rss')
    router.get('/alerts/feed.atom', [FeedsController, 'atom']).as('alerts.feed_atom')
    router.get('/alerts/feed.cap', [FeedsController, 'cap']).as('alerts.feed_cap')
    router.get('/alerts/:id', [PublicAlertsController, 'show']).as('alerts.show').where('id', id)
    router
      .get('/alerts/:id.cap', [FeedsController, 'capDocument'])
      .as('alerts.cap')
      .where('id', capId)
  })
  .use(middleware.publicPageCache())
