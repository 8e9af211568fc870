import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const SitePagesController = () => import('#controllers/platform/site_pages_controller')
const SiteSettingsController = () => import('#controllers/platform/staff/site_settings_controller')
const AuditLogController = () => import('#controllers/platform/staff/audit_log_controller')

// The pages every footer links to.
for (const page of ['privacy', 'accessibility', 'cookies']) {
  router.get(`/${page}`, [SitePagesController, 'show']).as(`site.${page}`)
}
router.get('/contact', [SitePagesController, 'contact']).as('site.contact')

// The install's own words: install admins only (InstallPolicy).
router
  .group(() => {
    router.get('/settings/site', [SiteSettingsController, 'edit']).as('site_settings.edit')
    router.post('/settings/site', [SiteSettingsController, 'update']).as('site_settings.update')
  })
  .prefix('/staff')
  .use([middleware.auth(), middleware.staff()])

// Reports → Audit log: the organisation's own entries, for its admins (SettingsPolicy).
router
  .get('/staff/audit-log', [AuditLogController, 'index'])
  .as('audit_log.index')
  .use([middleware.auth(), middleware.staff()])
