import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ChannelHealthController = () =>
  import('#controllers/messaging/staff/channel_health_controller')

// Settings → Channels: how each channel is doing (install admins, InstallPolicy).
router
  .get('/staff/settings/channels', [ChannelHealthController, 'index'])
  .as('channels.health')
  .use([middleware.auth(), middleware.staff()])
router
  .post('/staff/settings/channels/:id/test', [ChannelHealthController, 'test'])
  .as('channels.test')
  .where('id', /^[a-z0-9][a-z0-9-]{0,29}$/)
  .use([middleware.auth(), middleware.staff()])
