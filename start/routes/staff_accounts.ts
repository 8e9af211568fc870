import router from '@adonisjs/core/services/router'
import config from '@adonisjs/core/services/config'
import limiter from '@adonisjs/limiter/services/main'
import { middleware } from '#start/kernel'
import StaffSignIn from '#services/platform/staff_accounts/staff_sign_in'

const TwoFactorController = () => import('#controllers/platform/staff/two_factor_controller')
const RecoveryCodesController = () =>
  import('#controllers/platform/staff/recovery_codes_controller')
const AccountController = () => import('#controllers/platform/staff/account_controller')
const TeamController = () => import('#controllers/platform/staff/team_controller')
const InvitationsController = () => import('#controllers/platform/staff/invitations_controller')
const InvitationAcceptanceController = () =>
  import('#controllers/platform/staff/invitation_acceptance_controller')
const PasswordResetsController = () =>
  import('#controllers/platform/staff/password_resets_controller')
const TwoFactorResetsController = () =>
  import('#controllers/platform/staff/two_factor_resets_controller')

const id = router.matchers.number()

/*
| Codes from an authenticator app, per person waiting to sign in: 10 tries
| in 10 minutes against a million codes. Read on each request, so a test can
| change it in config/beacon.ts.
*/
export const staffTwoFactorThrottle = limiter.define('staffTwoFactor', (ctx) => {
  return limiter
    .allowRequests(config.get<number>('beacon.rateLimits.staffTwoFactor', 10))
    .every('10 minutes')
    .usingKey(`2fa:${StaffSignIn.pendingEmail(ctx) ?? `ip:${ctx.request.ip()}`}`)
})

/*
| "Forgotten your password?" emails, limited as the login form is: per
| address and email, with a count of its own.
*/
export const staffPasswordResetThrottle = limiter.define('staffPasswordReset', (ctx) => {
  const email = String(ctx.request.input('email', '')).toLowerCase().slice(0, 254)
  return limiter
    .allowRequests(config.get<number>('beacon.rateLimits.staffLogin'))
    .every('10 minutes')
    .usingKey(`password-reset:${ctx.request.ip()}:${email}`)
})

router
  .group(() => {
    router
      .get('/forgotten-password', [PasswordResetsController, 'create'])
      .as('staff.password_reset.create')
    router
      .post('/forgotten-password', [PasswordResetsController, 'store'])
      .as('staff.password_reset.store')
      .use(staffPasswordResetThrottle)
    router
      .get('/forgotten-password/check-your-email', [PasswordResetsController, 'sent'])
      .as('staff.password_reset.sent')
  })
  .prefix('/staff')
  .use(middleware.guest())

// The link in the email, signed in or not: a new password signs this browser out.
router
  .get('/staff/reset-password/:token', [PasswordResetsController, 'edit'])
  .as('staff.password_reset.edit')
router
  .post('/staff/reset-password/:token', [PasswordResetsController, 'update'])
  .as('staff.password_reset.update')

// The second step of signing in: nobody is signed in yet.
router
  .group(() => {
    router.get('/two-factor', [TwoFactorController, 'show']).as('staff.two_factor.show')
    router
      .post('/two-factor', [TwoFactorController, 'verify'])
      .as('staff.two_factor.verify')
      .use(staffTwoFactorThrottle)
    router.get('/two-factor/setup', [TwoFactorController, 'setup']).as('staff.two_factor.setup')
    router
      .post('/two-factor/setup', [TwoFactorController, 'confirm'])
      .as('staff.two_factor.confirm')
      .use(staffTwoFactorThrottle)
  })
  .prefix('/staff')
  .use(middleware.guest())

// The link in an invitation email, for someone signed in or not.
router
  .get('/staff/invitations/:token', [InvitationAcceptanceController, 'show'])
  .as('staff_invitations.show')
router
  .post('/staff/invitations/:token', [InvitationAcceptanceController, 'store'])
  .as('staff_invitations.store')

router
  .group(() => {
    router.get('/account', [AccountController, 'show']).as('account.show')
    router
      .get('/account/sign-out-everywhere', [AccountController, 'confirmSignOutEverywhere'])
      .as('account.confirm_sign_out_everywhere')
    router
      .post('/account/sign-out-everywhere', [AccountController, 'signOutEverywhere'])
      .as('account.sign_out_everywhere')
    router
      .get('/account/recovery-codes', [RecoveryCodesController, 'confirm'])
      .as('recovery_codes.confirm')
    router
      .post('/account/recovery-codes', [RecoveryCodesController, 'regenerate'])
      .as('recovery_codes.regenerate')

    router.get('/team', [TeamController, 'index']).as('team.index')
    router
      .get('/team/members/:id/role', [TeamController, 'editRole'])
      .as('team.edit_role')
      .where('id', id)
    router
      .post('/team/members/:id/role', [TeamController, 'updateRole'])
      .as('team.update_role')
      .where('id', id)
    router
      .get('/team/members/:id/remove', [TeamController, 'confirmRemove'])
      .as('team.confirm_remove')
      .where('id', id)
    router
      .post('/team/members/:id/remove', [TeamController, 'remove'])
      .as('team.remove')
      .where('id', id)
    router
      .get('/team/members/:id/reset-two-factor', [TwoFactorResetsController, 'confirm'])
      .as('team.confirm_two_factor_reset')
      .where('id', id)
    router
      .post('/team/members/:id/reset-two-factor', [TwoFactorResetsController, 'store'])
      .as('team.two_factor_reset')
      .where('id', id)

    router.get('/team/invitations/new', [InvitationsController, 'create']).as('invitations.create')
    router.post('/team/invitations', [InvitationsController, 'store']).as('invitations.store')
    router
      .post('/team/invitations/:id/resend', [InvitationsController, 'resend'])
      .as('invitations.resend')
      .where('id', id)
    router
      .get('/team/invitations/:id/revoke', [InvitationsController, 'confirmRevoke'])
      .as('invitations.confirm_revoke')
      .where('id', id)
    router
      .post('/team/invitations/:id/revoke', [InvitationsController, 'revoke'])
      .as('invitations.revoke')
      .where('id', id)
  })
  .prefix('/staff')
  .use([middleware.auth(), middleware.staff()])
