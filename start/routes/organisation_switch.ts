import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const OrganisationSwitchController = () =>
  import('#controllers/platform/staff/organisation_switch_controller')

// "Switch organisation" in the staff header, for staff of more than one organisation.
router
  .post('/staff/organisation', [OrganisationSwitchController, 'store'])
  .as('staff.organisation_switch')
  .use([middleware.auth(), middleware.staff()])
