import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const PluginsController = () => import('#controllers/platform/staff/plugins_controller')
const PluginSwitchesController = () =>
  import('#controllers/platform/staff/plugin_switches_controller')
const PluginSettingsController = () =>
  import('#controllers/platform/staff/plugin_settings_controller')

// Settings → Plugins: install admins for the install, organisation admins for theirs (PluginPolicy).
router
  .group(() => {
    router.get('/', [PluginsController, 'index']).as('plugins.index')
    router
      .group(() => {
        router.get('/', [PluginsController, 'show']).as('plugins.show')
        router.post('/', [PluginSwitchesController, 'updateInstall']).as('plugins.update')
        router.get('/disable', [PluginSwitchesController, 'confirmInstall']).as('plugins.disable')
        router.post('/settings', [PluginSettingsController, 'updateInstall']).as('plugins.settings')
        router
          .post('/organisation', [PluginSwitchesController, 'updateOrganisation'])
          .as('plugins.organisation.update')
        router
          .get('/organisation/disable', [PluginSwitchesController, 'confirmOrganisation'])
          .as('plugins.organisation.disable')
        router
          .post('/organisation/settings', [PluginSettingsController, 'updateOrganisation'])
          .as('plugins.organisation.settings')
      })
      .prefix('/:id')
      .where('id', /^[a-z0-9][a-z0-9-]{0,59}$/)
  })
  .prefix('/staff/settings/plugins')
  .use([middleware.auth(), middleware.staff()])
