import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const AlertReportsController = () => import('#controllers/messaging/staff/alert_reports_controller')

const id = router.matchers.number()

// An alert's delivery report (AlertPolicy.view): the page, its chart's figures and its failures as CSV.
router
  .group(() => {
    router
      .get('/alerts/:id/report', [AlertReportsController, 'show'])
      .as('staff.alerts.report')
      .where('id', id)
    router
      .get('/alerts/:id/report/timeline.csv', [AlertReportsController, 'timelineCsv'])
      .as('staff.alerts.report_timeline_csv')
      .where('id', id)
    router
      .get('/alerts/:id/report/failures.csv', [AlertReportsController, 'failuresCsv'])
      .as('staff.alerts.report_failures_csv')
      .where('id', id)
  })
  .prefix('/staff')
  .use([middleware.auth(), middleware.staff()])
