import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import Alert from '#models/messaging/alert'
import AlertTemplate from '#models/messaging/alert_template'
import OutboxEmail from '#models/platform/outbox_email'
import Segment from '#models/targeting/segment'
import Membership, { type Role } from '#models/platform/membership'
import StaffInvitation from '#models/platform/staff_invitation'
import ResidentImportRecord from '#models/residents/resident_import_record'
import type Organisation from '#models/platform/organisation'
import type User from '#models/platform/user'
import ApiTokens from '#services/platform/organisations/api_tokens'
import { BrowserLikeSession } from '#tests/helpers/http'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { createInterest } from '#tests/helpers/resident_fixtures'
import { alertFor } from '#tests/helpers/archive_fixtures'
import { received } from '#tests/helpers/reply_fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { surveyMatrixRows } from '#tests/helpers/survey_access_rows'
import { coordinationMatrixRows } from '#tests/helpers/coordination_access_rows'

/*
| Who may do what, for every staff page and action: each row is one action,
| and each is tried by every role of the "home" organisation, by an admin of
| another organisation, by an install admin (an admin of that other
| organisation too), and by someone signed out. To cover a new page, add a
| row to ROWS. Install-wide settings (switching plugins for the install, the
| outbox, the interest and scheme lists) are marked installWide: only the
| install admin may use them.
*/

type Outcome =
  /** 200, the page or the action's result. */
  | 'allowed'
  /** 403, the page that says you cannot see it. */
  | 'forbidden'
  /** 404, as if it did not exist (another organisation's records). */
  | 'not_found'
  /** The same page for their own organisation: 200, without the home organisation's data. */
  | 'own'

type Actor = Role | 'other organisation' | 'install admin' | 'signed out'

const ROLES: Role[] = ['admin', 'approver', 'sender', 'officer', 'analyst', 'coordinator']
const ACTORS: Actor[] = [...ROLES, 'other organisation', 'install admin', 'signed out']

interface World {
  home: Organisation
  other: Organisation
  staff: Record<Role, User>
  otherAdmin: User
  installAdmin: User
  draft: Alert
  segmentId: number
  templateId: number
  outboxEmailId: number
  residentId: number
  importId: number
  tokenId: number
  invitationId: number
  senderMembershipId: number
  replyId: number
  /** Each call makes a new record, for actions that change or use one up. */
  freshDraft(): Promise<Alert>
  /** Submitted for approval by the sender, who wrote it: anyone else may approve it. */
  freshSubmitted(): Promise<Alert>
  freshScheduled(): Promise<Alert>
  freshSegment(): Promise<number>
  freshTemplate(): Promise<number>
  freshMembership(): Promise<Membership>
  freshInvitation(): Promise<StaffInvitation>
  freshToken(): Promise<number>
  /** A resident's reply to a fresh sent alert of the home organisation. */
  freshReply(): Promise<number>
}

interface Row {
  action: string
  method: 'GET' | 'POST'
  path: (world: World) => string | Promise<string>
  fields?: Record<string, unknown> | ((world: World) => Record<string, unknown>)
  /** The home organisation's roles that may do it; the others get 403. */
  allowed: readonly Role[]
  /** What an admin of another organisation gets. */
  otherOrganisation: 'forbidden' | 'not_found' | 'own'
  /** Text of the home organisation's data: allowed roles see it, nobody else does. */
  secret?: (world: World) => string
  /** The roles that see the secret, when not every allowed role does. */
  secretSeenBy?: readonly Role[]
  /**
   * Shared by every organisation: only install admins, whatever their role;
   * every role of every organisation gets 403 (allowed is then empty).
   */
  installWide?: boolean
  /** What the allowed see once the action is done: it was not only let through, it happened. */
  done?: string
  /** Roles that may use such pages, but not for this record (a coordinator and another scheme): 404. */
  notFoundFor?: readonly Role[]
}

const SENDERS = ['admin', 'approver', 'sender'] as const
const READERS = ['admin', 'approver', 'sender', 'analyst'] as const
const ADMIN = ['admin'] as const
// The organisation reports: the organisation's figures as a whole.
const REPORT_READERS = ['admin', 'analyst'] as const

/** Alerts → Surveys: the organisation's admins and senders (tests/helpers/survey_access_rows.ts). */
const surveyRows = () => surveyMatrixRows<World, Row>(['admin', 'sender'])

/** A draft of `owner` that invites `cosigner` to co-sign it. */
function invitedBy(owner: Organisation, cosigner: Organisation) {
  return Alert.create({
    organisationId: owner.id,
    title: 'A joint alert to co-sign',
    body: 'Words to co-sign',
    priority: 2,
    status: 'draft',
    criteria: { areaIds: [], cosigningOrganisationIds: [cosigner.id] },
    cosignerOrganisationId: cosigner.id,
    cosignStatus: 'invited',
  })
}

const ROWS: Row[] = [
  {
    action: 'dashboard',
    method: 'GET',
    path: () => '/staff',
    allowed: ROLES,
    otherOrganisation: 'own',
    secret: (world) => world.draft.title,
    secretSeenBy: READERS,
  },
  {
    action: 'your account',
    method: 'GET',
    path: () => '/staff/account',
    allowed: ROLES,
    otherOrganisation: 'own',
  },
  {
    action: 'compose a message',
    method: 'GET',
    path: () => '/staff/alerts/new',
    allowed: SENDERS,
    otherOrganisation: 'own',
  },
  {
    action: 'create a message',
    method: 'POST',
    path: () => '/staff/alerts',
    fields: {},
    allowed: SENDERS,
    otherOrganisation: 'own',
  },
  {
    action: 'view a message',
    method: 'GET',
    path: (world) => `/staff/alerts/${world.draft.id}`,
    allowed: READERS,
    otherOrganisation: 'forbidden',
    secret: (world) => world.draft.body,
  },
  {
    action: 'message progress',
    method: 'GET',
    path: (world) => `/staff/alerts/${world.draft.id}/progress`,
    allowed: READERS,
    otherOrganisation: 'forbidden',
  },
  {
    action: 'delivery report',
    method: 'GET',
    path: (world) => `/staff/alerts/${world.draft.id}/report`,
    allowed: READERS,
    otherOrganisation: 'forbidden',
    secret: (world) => world.draft.title,
  },
  {
    action: 'delivery report: the chart as CSV',
    method: 'GET',
    path: (world) => `/staff/alerts/${world.draft.id}/report/timeline.csv`,
    allowed: READERS,
    otherOrganisation: 'forbidden',
  },
  {
    action: 'delivery report: the failures as CSV',
    method: 'GET',
    path: (world) => `/staff/alerts/${world.draft.id}/report/failures.csv`,
    allowed: READERS,
    otherOrganisation: 'forbidden',
  },
  {
    action: 'send a message',
    method: 'POST',
    path: async (world) => `/staff/alerts/${(await world.freshDraft()).id}/send`,
    allowed: SENDERS,
    otherOrganisation: 'forbidden',
  },
  {
    action: 'pause a message',
    method: 'POST',
    path: async (world) => `/staff/alerts/${(await world.freshDraft()).id}/pause`,
    allowed: SENDERS,
    otherOrganisation: 'forbidden',
  },
  {
    action: 'confirm cancelling a message',
    method: 'GET',
    path: (world) => `/staff/alerts/${world.draft.id}/cancel`,
    allowed: SENDERS,
    otherOrganisation: 'forbidden',
  },
  {
    action: 'cancel a message',
    method: 'POST',
    path: async (world) => `/staff/alerts/${(await world.freshDraft()).id}/cancel`,
    allowed: SENDERS,
    otherOrganisation: 'forbidden',
  },
  {
    action: 'audience count',
    method: 'GET',
    path: () => '/staff/audience/count?priority=1',
    allowed: SENDERS,
    otherOrganisation: 'own',
  },
  {
    action: 'audit log',
    method: 'GET',
    path: () => '/staff/audit-log',
    allowed: ADMIN,
    otherOrganisation: 'own',
  },
  {
    action: 'alert ratings report',
    method: 'GET',
    path: () => '/staff/reports/ratings',
    allowed: READERS,
    otherOrganisation: 'own',
  },
  ...surveyRows(),
  {
    action: 'forwarding and reach report',
    method: 'GET',
    path: () => '/staff/reports/forwards',
    allowed: READERS,
    otherOrganisation: 'own',
  },
  {
    action: 'residents report',
    method: 'GET',
    path: () => '/staff/reports/residents',
    allowed: REPORT_READERS,
    otherOrganisation: 'own',
  },
  {
    action: 'residents report: a table as CSV',
    method: 'GET',
    path: () => '/staff/reports/residents/wards.csv?period=last-90-days',
    allowed: REPORT_READERS,
    otherOrganisation: 'own',
  },
  {
    action: 'alerts and deliveries report',
    method: 'GET',
    path: () => '/staff/reports/alerts',
    allowed: REPORT_READERS,
    otherOrganisation: 'own',
  },
  {
    action: 'alerts and deliveries report: a table as CSV',
    method: 'GET',
    path: () => '/staff/reports/alerts/deliveries.csv?period=this-year',
    allowed: REPORT_READERS,
    otherOrganisation: 'own',
  },
  {
    action: 'alerts and deliveries report: the open and click rates as CSV',
    method: 'GET',
    path: () => '/staff/reports/alerts/opens-and-clicks/opens-and-clicks.csv?period=this-year',
    allowed: REPORT_READERS,
    otherOrganisation: 'own',
  },
  {
    action: 'send a test of an alert to oneself',
    method: 'POST',
    path: (world) => `/staff/alerts/${world.draft.id}/test`,
    allowed: SENDERS,
    otherOrganisation: 'forbidden',
  },
  {
    action: 'residents list',
    method: 'GET',
    path: () => '/staff/residents',
    allowed: SENDERS,
    otherOrganisation: 'own',
    secret: () => 'Home Resident',
  },
  {
    action: 'a resident',
    method: 'GET',
    path: (world) => `/staff/residents/${world.residentId}`,
    allowed: SENDERS,
    otherOrganisation: 'not_found',
    secret: () => 'Home Resident',
  },
  {
    action: 'replies inbox',
    method: 'GET',
    path: () => '/staff/inbox',
    allowed: SENDERS,
    otherOrganisation: 'own',
    secret: () => 'Home reply about the sheds',
  },
  {
    action: 'a reply',
    method: 'GET',
    path: (world) => `/staff/inbox/${world.replyId}`,
    allowed: SENDERS,
    otherOrganisation: 'not_found',
    secret: () => 'Home reply about the sheds',
  },
  {
    action: 'assign a reply',
    method: 'POST',
    path: (world) => `/staff/inbox/${world.replyId}/assign`,
    fields: (world) => ({ userId: world.staff.sender.id }),
    allowed: SENDERS,
    otherOrganisation: 'not_found',
    done: 'Assigned to Test sender.',
  },
  {
    action: 'answer a reply',
    method: 'POST',
    path: (world) => `/staff/inbox/${world.replyId}/answer`,
    fields: {},
    allowed: SENDERS,
    otherOrganisation: 'not_found',
    done: 'Write your answer to the resident',
  },
  {
    action: 'confirm closing a reply',
    method: 'GET',
    path: (world) => `/staff/inbox/${world.replyId}/close`,
    allowed: SENDERS,
    otherOrganisation: 'not_found',
  },
  {
    action: 'close a reply',
    method: 'POST',
    path: async (world) => `/staff/inbox/${await world.freshReply()}/close`,
    allowed: SENDERS,
    otherOrganisation: 'not_found',
    done: 'The reply is closed.',
  },
  {
    action: 'reopen a reply',
    method: 'POST',
    path: (world) => `/staff/inbox/${world.replyId}/reopen`,
    allowed: SENDERS,
    otherOrganisation: 'not_found',
  },
  {
    action: 'edit a resident',
    method: 'GET',
    path: (world) => `/staff/residents/${world.residentId}/edit`,
    allowed: ADMIN,
    otherOrganisation: 'not_found',
    secret: () => 'Home Resident',
  },
  {
    action: 'save a resident',
    method: 'POST',
    path: (world) => `/staff/residents/${world.residentId}`,
    fields: {},
    allowed: ADMIN,
    otherOrganisation: 'not_found',
  },
  {
    action: 'start an import',
    method: 'GET',
    path: () => '/staff/residents/import',
    allowed: ADMIN,
    otherOrganisation: 'own',
  },
  {
    action: 'the list of imports',
    method: 'GET',
    path: () => '/staff/residents/imports',
    allowed: ADMIN,
    otherOrganisation: 'own',
  },
  {
    action: 'an import',
    method: 'GET',
    path: (world) => `/staff/residents/imports/${world.importId}`,
    allowed: ADMIN,
    otherOrganisation: 'not_found',
    secret: () => 'home-residents.csv',
  },
  {
    action: 'doorstep sign-up',
    method: 'GET',
    path: () => '/staff/doorstep',
    allowed: ['admin', 'officer'],
    otherOrganisation: 'own',
  },
  {
    // With no code waiting, it leads back to the doorstep sign-up.
    action: 'doorstep code',
    method: 'GET',
    path: () => '/staff/doorstep/verify',
    allowed: ['admin', 'officer'],
    otherOrganisation: 'own',
  },
  {
    // Interests and schemes are shared by the install's organisations.
    action: 'interests and schemes',
    method: 'GET',
    path: () => '/staff/settings/lists',
    allowed: [],
    otherOrganisation: 'forbidden',
    installWide: true,
    secret: () => 'Home-made interest',
  },
  {
    action: 'add an interest',
    method: 'GET',
    path: () => '/staff/settings/lists/interests/new',
    allowed: [],
    otherOrganisation: 'forbidden',
    installWide: true,
  },
  {
    action: 'save an interest',
    method: 'POST',
    path: () => '/staff/settings/lists/interests',
    fields: {},
    allowed: [],
    otherOrganisation: 'forbidden',
    installWide: true,
  },
  {
    action: 'add a scheme',
    method: 'GET',
    path: () => '/staff/settings/lists/schemes/new',
    allowed: [],
    otherOrganisation: 'forbidden',
    installWide: true,
  },
  {
    // Boundaries are shared by every organisation.
    action: 'areas and boundary uploads',
    method: 'GET',
    path: () => '/staff/settings/areas',
    allowed: [],
    otherOrganisation: 'forbidden',
    installWide: true,
  },
  {
    // Install admins manage plugins for the install; an organisation's admins see them, and
    // switch and set those made per organisation for their own organisation.
    action: 'plugin settings',
    method: 'GET',
    path: () => '/staff/settings/plugins',
    allowed: ADMIN,
    otherOrganisation: 'own',
  },
  {
    action: 'channel health',
    method: 'GET',
    path: () => '/staff/settings/channels',
    allowed: [],
    otherOrganisation: 'forbidden',
    installWide: true,
  },
  {
    action: 'a plugin’s page',
    method: 'GET',
    path: () => '/staff/settings/plugins/health',
    allowed: ADMIN,
    otherOrganisation: 'own',
  },
  {
    action: 'switch a plugin off',
    method: 'POST',
    path: () => '/staff/settings/plugins/health',
    fields: { enabled: 'false' },
    allowed: [],
    otherOrganisation: 'forbidden',
    installWide: true,
    done: 'Health check is now disabled.',
  },
  {
    // Every organisation on the install: install admins only, even for another organisation's admin.
    action: 'organisations',
    method: 'GET',
    path: () => '/staff/settings/organisations',
    allowed: [],
    otherOrganisation: 'forbidden',
    installWide: true,
    secret: () => 'Residents consenting',
  },
  {
    action: 'an organisation',
    method: 'GET',
    path: (world) => `/staff/settings/organisations/${world.home.id}`,
    allowed: [],
    otherOrganisation: 'forbidden',
    installWide: true,
    secret: (world) => `/sign-up?organisation=${world.home.slug}`,
  },
  {
    // Refused by validation when allowed (nothing to create), so no row changes the world.
    action: 'create an organisation',
    method: 'POST',
    path: () => '/staff/settings/organisations',
    fields: {},
    allowed: [],
    otherOrganisation: 'forbidden',
    installWide: true,
  },
  {
    action: 'an organisation’s branding',
    method: 'GET',
    path: (world) => `/staff/settings/organisations/${world.home.id}/branding`,
    allowed: [],
    otherOrganisation: 'forbidden',
    installWide: true,
    secret: () => 'Home footer words',
  },
  {
    action: 'confirm suspending an organisation',
    method: 'GET',
    path: (world) => `/staff/settings/organisations/${world.home.id}/suspend`,
    allowed: [],
    otherOrganisation: 'forbidden',
    installWide: true,
  },
  {
    action: 'suspend an organisation (without a reason)',
    method: 'POST',
    path: (world) => `/staff/settings/organisations/${world.home.id}/suspend`,
    fields: {},
    allowed: [],
    otherOrganisation: 'forbidden',
    installWide: true,
  },
  {
    action: 'invite an organisation’s admin',
    method: 'GET',
    path: (world) => `/staff/settings/organisations/${world.home.id}/invite`,
    allowed: [],
    otherOrganisation: 'forbidden',
    installWide: true,
  },
  {
    action: 'confirm reactivating an organisation',
    method: 'GET',
    path: (world) => `/staff/settings/organisations/${world.home.id}/reactivate`,
    allowed: [],
    otherOrganisation: 'forbidden',
    installWide: true,
  },
  {
    action: 'API tokens',
    method: 'GET',
    path: () => '/staff/settings/api-tokens',
    allowed: ADMIN,
    otherOrganisation: 'own',
    secret: () => 'Home control room',
  },
  {
    action: 'confirm revoking an API token',
    method: 'GET',
    path: (world) => `/staff/settings/api-tokens/${world.tokenId}/revoke`,
    allowed: ADMIN,
    otherOrganisation: 'not_found',
    secret: () => 'Home control room',
  },
  {
    action: 'revoke an API token',
    method: 'POST',
    path: async (world) => `/staff/settings/api-tokens/${await world.freshToken()}/revoke`,
    allowed: ADMIN,
    otherOrganisation: 'not_found',
  },
  {
    // Every organisation's email: invitation links, residents' sign-in links.
    action: 'outbox',
    method: 'GET',
    path: () => '/staff/outbox',
    allowed: [],
    otherOrganisation: 'forbidden',
    installWide: true,
    secret: () => 'Join Home Police on Community alerts',
  },
  {
    action: 'an email in the outbox',
    method: 'GET',
    path: (world) => `/staff/outbox/${world.outboxEmailId}`,
    allowed: [],
    otherOrganisation: 'forbidden',
    installWide: true,
    secret: () => 'home-invitation-token',
  },
  {
    action: 'team',
    method: 'GET',
    path: () => '/staff/team',
    allowed: ADMIN,
    otherOrganisation: 'own',
    secret: (world) => world.staff.sender.email,
  },
  {
    action: 'change a role',
    method: 'GET',
    path: (world) => `/staff/team/members/${world.senderMembershipId}/role`,
    allowed: ADMIN,
    otherOrganisation: 'not_found',
  },
  {
    action: 'save a role',
    method: 'POST',
    path: (world) => `/staff/team/members/${world.senderMembershipId}/role`,
    fields: { role: 'sender' },
    allowed: ADMIN,
    otherOrganisation: 'not_found',
  },
  {
    action: 'remove a member',
    method: 'POST',
    path: async (world) => `/staff/team/members/${(await world.freshMembership()).id}/remove`,
    allowed: ADMIN,
    otherOrganisation: 'not_found',
  },
  {
    action: 'invite someone',
    method: 'GET',
    path: () => '/staff/team/invitations/new',
    allowed: ADMIN,
    otherOrganisation: 'own',
  },
  {
    action: 'send an invitation',
    method: 'POST',
    path: () => '/staff/team/invitations',
    fields: {},
    allowed: ADMIN,
    otherOrganisation: 'own',
  },
  {
    action: 'confirm revoking an invitation',
    method: 'GET',
    path: (world) => `/staff/team/invitations/${world.invitationId}/revoke`,
    allowed: ADMIN,
    otherOrganisation: 'not_found',
    secret: () => 'invited@home.test',
  },
  {
    action: 'revoke an invitation',
    method: 'POST',
    path: async (world) => `/staff/team/invitations/${(await world.freshInvitation()).id}/revoke`,
    allowed: ADMIN,
    otherOrganisation: 'not_found',
  },
  {
    action: 'send an invitation again',
    method: 'POST',
    path: async (world) => `/staff/team/invitations/${(await world.freshInvitation()).id}/resend`,
    allowed: ADMIN,
    otherOrganisation: 'not_found',
  },
  {
    action: 'edit a draft',
    method: 'GET',
    path: (world) => `/staff/alerts/${world.draft.id}/edit`,
    allowed: SENDERS,
    otherOrganisation: 'forbidden',
    secret: (world) => world.draft.title,
  },
  {
    action: 'save a draft',
    method: 'POST',
    path: async (world) => `/staff/alerts/${(await world.freshDraft()).id}`,
    fields: {},
    allowed: SENDERS,
    otherOrganisation: 'forbidden',
  },
  {
    action: 'segments',
    method: 'GET',
    path: () => '/staff/segments',
    allowed: SENDERS,
    otherOrganisation: 'own',
    secret: () => 'Home segment',
  },
  {
    action: 'save a segment',
    method: 'POST',
    path: () => '/staff/segments',
    fields: {},
    allowed: SENDERS,
    otherOrganisation: 'own',
  },
  {
    action: 'confirm deleting a segment',
    method: 'GET',
    path: (world) => `/staff/segments/${world.segmentId}/delete`,
    allowed: SENDERS,
    otherOrganisation: 'not_found',
    secret: () => 'Home segment',
  },
  {
    action: 'delete a segment',
    method: 'POST',
    path: async (world) => `/staff/segments/${await world.freshSegment()}/delete`,
    allowed: SENDERS,
    otherOrganisation: 'not_found',
    done: 'has been deleted.',
  },
  {
    action: 'preview a message',
    method: 'GET',
    path: (world) => `/staff/alerts/${world.draft.id}/preview`,
    allowed: READERS,
    otherOrganisation: 'forbidden',
    secret: (world) => world.draft.title,
  },
  {
    action: 'the email in a preview',
    method: 'GET',
    path: (world) => `/staff/alerts/${world.draft.id}/preview/email`,
    allowed: READERS,
    otherOrganisation: 'forbidden',
    secret: (world) => world.draft.title,
  },
  {
    action: 'branding',
    method: 'GET',
    path: () => '/staff/settings/branding',
    allowed: ADMIN,
    otherOrganisation: 'own',
    secret: () => 'Home footer words',
  },
  {
    action: 'save branding',
    method: 'POST',
    path: () => '/staff/settings/branding',
    // The home organisation's own values, so the rows after see them unchanged.
    fields: { senderName: 'Home Police Alerts', emailFooter: 'Home footer words' },
    allowed: ADMIN,
    otherOrganisation: 'own',
    done: 'Branding saved.',
  },
  {
    action: 'submit for approval',
    method: 'POST',
    path: async (world) => `/staff/alerts/${(await world.freshDraft()).id}/submit`,
    allowed: SENDERS,
    otherOrganisation: 'forbidden',
    done: 'The alert was submitted for approval.',
  },
  {
    action: 'withdraw from approval',
    method: 'POST',
    path: async (world) => `/staff/alerts/${(await world.freshSubmitted()).id}/withdraw`,
    allowed: SENDERS,
    otherOrganisation: 'forbidden',
    done: 'The alert was withdrawn from approval',
  },
  {
    action: 'approve',
    method: 'POST',
    path: async (world) => `/staff/alerts/${(await world.freshSubmitted()).id}/approve`,
    allowed: ['admin', 'approver'],
    otherOrganisation: 'forbidden',
    done: 'The alert is approved.',
  },
  {
    action: 'invite another organisation to co-sign',
    method: 'POST',
    path: async (world) => `/staff/alerts/${(await world.freshDraft()).id}/cosigner`,
    fields: (world) => ({ organisationId: world.other.id }),
    allowed: SENDERS,
    otherOrganisation: 'forbidden',
    done: 'is invited to co-sign this alert',
  },
  {
    action: 'remove the co-signer',
    method: 'POST',
    path: async (world) => `/staff/alerts/${(await world.freshDraft()).id}/cosigner/remove`,
    allowed: SENDERS,
    otherOrganisation: 'forbidden',
  },
  {
    action: 'joint alerts to co-sign',
    method: 'GET',
    path: () => '/staff/joint-alerts',
    allowed: ['admin', 'approver'],
    otherOrganisation: 'own',
  },
  {
    action: 'read a joint alert to co-sign',
    method: 'GET',
    path: async (world) => `/staff/joint-alerts/${(await invitedBy(world.other, world.home)).id}`,
    allowed: ['admin', 'approver'],
    otherOrganisation: 'forbidden',
    secret: () => 'Words to co-sign',
  },
  {
    action: 'approve co-signing',
    method: 'POST',
    path: async (world) =>
      `/staff/joint-alerts/${(await invitedBy(world.other, world.home)).id}/approve`,
    allowed: ['admin', 'approver'],
    otherOrganisation: 'forbidden',
    done: 'You approved co-signing this alert.',
  },
  {
    action: 'decline co-signing',
    method: 'POST',
    path: async (world) =>
      `/staff/joint-alerts/${(await invitedBy(world.other, world.home)).id}/decline`,
    fields: { reason: 'Not ours to say.' },
    allowed: ['admin', 'approver'],
    otherOrganisation: 'forbidden',
    done: 'You declined co-signing this alert.',
  },
  {
    action: 'return with a comment',
    method: 'POST',
    path: async (world) => `/staff/alerts/${(await world.freshSubmitted()).id}/return`,
    fields: { comment: 'Add the date of the meeting' },
    allowed: ['admin', 'approver'],
    otherOrganisation: 'forbidden',
    done: 'The alert was returned to its author',
  },
  {
    action: 'schedule',
    method: 'POST',
    path: async (world) => `/staff/alerts/${(await world.freshDraft()).id}/schedule`,
    fields: {},
    allowed: SENDERS,
    otherOrganisation: 'forbidden',
  },
  {
    action: 'confirm cancelling a schedule',
    method: 'GET',
    path: async (world) => `/staff/alerts/${(await world.freshScheduled()).id}/schedule/cancel`,
    allowed: SENDERS,
    otherOrganisation: 'forbidden',
  },
  {
    action: 'cancel a schedule',
    method: 'POST',
    path: async (world) => `/staff/alerts/${(await world.freshScheduled()).id}/schedule/cancel`,
    allowed: SENDERS,
    otherOrganisation: 'forbidden',
    done: 'was cancelled. The alert is',
  },
  {
    action: 'templates',
    method: 'GET',
    path: () => '/staff/templates',
    allowed: SENDERS,
    otherOrganisation: 'own',
    secret: () => 'Home burglary template',
  },
  {
    action: 'new template',
    method: 'GET',
    path: () => '/staff/templates/new',
    allowed: SENDERS,
    otherOrganisation: 'own',
  },
  {
    action: 'save a new template',
    method: 'POST',
    path: () => '/staff/templates',
    fields: {},
    allowed: SENDERS,
    otherOrganisation: 'own',
  },
  {
    action: 'edit a template',
    method: 'GET',
    path: (world) => `/staff/templates/${world.templateId}/edit`,
    allowed: SENDERS,
    otherOrganisation: 'forbidden',
    secret: () => 'Home burglary template',
  },
  {
    action: 'save a template',
    method: 'POST',
    path: (world) => `/staff/templates/${world.templateId}`,
    fields: {},
    allowed: SENDERS,
    otherOrganisation: 'forbidden',
  },
  {
    action: 'confirm deleting a template',
    method: 'GET',
    path: (world) => `/staff/templates/${world.templateId}/delete`,
    allowed: SENDERS,
    otherOrganisation: 'forbidden',
    secret: () => 'Home burglary template',
  },
  {
    action: 'delete a template',
    method: 'POST',
    path: async (world) => `/staff/templates/${await world.freshTemplate()}/delete`,
    allowed: SENDERS,
    otherOrganisation: 'forbidden',
    done: 'has been deleted.',
  },
  {
    action: 'use a template',
    method: 'POST',
    path: async (world) => `/staff/templates/${await world.freshTemplate()}/use`,
    allowed: SENDERS,
    otherOrganisation: 'forbidden',
    done: 'A new draft was made from',
  },
  {
    // Staff of the home organisation choose it; anyone else is refused and stays where they were.
    action: 'switch organisation',
    method: 'POST',
    path: () => '/staff/organisation',
    fields: (world) => ({ organisationId: world.home.id }),
    allowed: ROLES,
    otherOrganisation: 'own',
    done: 'You are now working as',
  },
  {
    action: 'approval settings',
    method: 'GET',
    path: () => '/staff/settings/approval',
    allowed: ADMIN,
    otherOrganisation: 'own',
  },
  {
    action: 'save approval settings',
    method: 'POST',
    path: () => '/staff/settings/approval',
    fields: {},
    allowed: ADMIN,
    otherOrganisation: 'own',
    done: 'Alerts no longer need approval',
  },
  {
    action: 'tracking settings',
    method: 'GET',
    path: () => '/staff/settings/tracking',
    allowed: ADMIN,
    otherOrganisation: 'own',
  },
  {
    action: 'save tracking settings',
    method: 'POST',
    path: () => '/staff/settings/tracking',
    fields: {},
    allowed: ADMIN,
    otherOrganisation: 'own',
    done: 'Opens and clicks are no longer tracked',
  },
  {
    action: 'confirm resetting a member’s two-factor sign-in',
    method: 'GET',
    path: (world) => `/staff/team/members/${world.senderMembershipId}/reset-two-factor`,
    allowed: ADMIN,
    otherOrganisation: 'not_found',
    secret: (world) => world.staff.sender.email,
  },
  {
    // A fresh member each time: resetting signs the member out everywhere.
    action: 'reset a member’s two-factor sign-in',
    method: 'POST',
    path: async (world) =>
      `/staff/team/members/${(await world.freshMembership()).id}/reset-two-factor`,
    allowed: ADMIN,
    otherOrganisation: 'not_found',
    done: 'has been reset. They will set up an authenticator app the next time they sign in.',
  },
  // Coordinators: their schemes, members, alerts and requests to join (last: the admin's save of
  // the coordinator's schemes runs at the end).
  ...coordinationMatrixRows<World, Row>(),
]

async function buildWorld(): Promise<World> {
  const { abbey, central } = await seedAreas()
  const home = await createOrganisation('Home Police')
  const other = await createOrganisation('Other Fire')
  const staff = {} as Record<Role, User>
  for (const role of ROLES) staff[role] = await createStaff(home, role)
  const otherAdmin = await createStaff(other, 'admin')
  const installAdmin = await createStaff(other, 'admin', { installAdmin: true })
  // Approval on, so that submitting is a step that happens; the last rows turn it off.
  home.merge({
    senderName: 'Home Police Alerts',
    emailFooter: 'Home footer words',
    requiresApproval: true,
  })
  await home.save()
  await createInterest('Home-made interest')
  await createResident(central, [other], { name: 'Other Resident' })
  const resident = await createResident(central, [home], { name: 'Home Resident' })

  let drafts = 0
  const freshDraft = () =>
    Alert.create({
      organisationId: home.id,
      authorId: staff.sender.id,
      title: `Home draft ${++drafts}`,
      body: 'The home organisation’s unsent words',
      priority: 2,
      status: 'draft',
      // Nobody lives there: a send that is allowed stops at "nobody to send to".
      criteria: { areaIds: [abbey.id] },
    })
  const freshSubmitted = async () => {
    const alert = await freshDraft()
    alert.merge({
      status: 'submitted',
      submittedAt: DateTime.now(),
      submittedById: staff.sender.id,
    })
    await alert.save()
    return alert
  }
  const freshScheduled = async () => {
    const alert = await freshDraft()
    alert.merge({ status: 'scheduled', scheduledAt: DateTime.now().plus({ days: 1 }) })
    await alert.save()
    return alert
  }
  let segments = 0
  const freshSegment = async () =>
    (
      await Segment.create({
        organisationId: home.id,
        name: segments++ === 0 ? 'Home segment' : `Home segment ${segments}`,
        criteria: { areaIds: [abbey.id] },
        createdBy: staff.sender.id,
      })
    ).id
  let templates = 0
  const freshTemplate = async () =>
    (
      await AlertTemplate.create({
        organisationId: home.id,
        name: templates++ === 0 ? 'Home burglary template' : `Home template ${templates}`,
        title: 'Burglaries this week',
        body: 'Lock your doors.',
        priority: 2,
        category: null,
        createdById: staff.sender.id,
      })
    ).id
  const outboxEmail = await OutboxEmail.create({
    toAddress: 'invited@home.test',
    subject: 'Join Home Police on Community alerts',
    textBody: 'Accept at http://localhost/staff/invitations/home-invitation-token',
    htmlBody: null,
    headers: {},
    messageId: '<home-invitation@beacon.test>',
  })
  let invitations = 0
  const freshInvitation = () =>
    StaffInvitation.create({
      organisationId: home.id,
      email: invitations++ === 0 ? 'invited@home.test' : `invited-${invitations}@home.test`,
      role: 'sender',
      tokenHash: `${'0'.repeat(56)}${String(invitations).padStart(8, '0')}`,
      invitedByUserId: staff.admin.id,
      expiresAt: DateTime.now().plus({ days: 7 }),
      sentAt: DateTime.now(),
    })
  let members = 0
  const freshMembership = async () => {
    const user = await createStaff(home, 'analyst', `member-${++members}@home.test`)
    return Membership.query().where('user_id', user.id).firstOrFail()
  }
  const freshToken = async () =>
    (await ApiTokens.issue(home.id, staff.admin.id, 'Home control room')).token.id

  const record = await ResidentImportRecord.create({
    organisationId: home.id,
    userId: staff.admin.id,
    filename: 'home-residents.csv',
    status: 'imported',
    totalRows: 0,
    importedRows: 0,
    rejectedRows: 0,
    report: {
      headers: ['email'],
      mapping: { email: 0 },
      encoding: 'utf-8',
      blankRows: [],
      counts: { total: 0, imported: 0, duplicates: 0, rejected: 0 },
      rows: [],
    },
  })
  const senderMembership = await Membership.query().where('user_id', staff.sender.id).firstOrFail()
  let replies = 0
  const freshReply = async () => {
    const sent = await alertFor(home, [central], { title: `Home sent alert ${++replies}` })
    return (await received(resident.id, sent.id, 'Home reply about the sheds'))!.id
  }

  return {
    home,
    other,
    staff,
    otherAdmin,
    installAdmin,
    draft: await freshDraft(),
    segmentId: await freshSegment(),
    templateId: await freshTemplate(),
    outboxEmailId: outboxEmail.id,
    residentId: resident.id,
    importId: record.id,
    tokenId: await freshToken(),
    invitationId: (await freshInvitation()).id,
    senderMembershipId: senderMembership.id,
    replyId: await freshReply(),
    freshDraft,
    freshSubmitted,
    freshScheduled,
    freshSegment,
    freshTemplate,
    freshMembership,
    freshInvitation,
    freshToken,
    freshReply,
  }
}

function expected(row: Row, actor: Actor): Outcome | 'login' {
  if (actor === 'signed out') return 'login'
  if (row.installWide) return actor === 'install admin' ? 'allowed' : 'forbidden'
  // Being an install admin gives nothing in an organisation they do not belong to.
  if (actor === 'other organisation' || actor === 'install admin') return row.otherOrganisation
  if (row.notFoundFor?.includes(actor)) return 'not_found'
  return row.allowed.includes(actor) ? 'allowed' : 'forbidden'
}

test.group('Access matrix: role × action × organisation', (group) => {
  let world: World
  const browsers = new Map<Actor, BrowserLikeSession>()

  group.setup(async () => {
    // Empties the tables now, and again once the group is done.
    const emptyTables = await emptyTablesAfterwards()
    await emptyTables()
    world = await buildWorld()
    return emptyTables
  })

  async function browserFor(actor: Actor) {
    if (!browsers.has(actor)) {
      const browser =
        actor === 'signed out'
          ? new BrowserLikeSession()
          : await signInStaff(
              actor === 'other organisation'
                ? world.otherAdmin
                : actor === 'install admin'
                  ? world.installAdmin
                  : world.staff[actor]
            )
      browsers.set(actor, browser)
    }
    return browsers.get(actor)!
  }

  for (const row of ROWS) {
    for (const actor of ACTORS) {
      const outcome = expected(row, actor)
      test(`${row.action} (${row.method}): ${actor} → ${outcome}`, async ({ assert }) => {
        const browser = await browserFor(actor)
        const path = await row.path(world)
        // A form is sent from a page, with that page's CSRF token.
        if (row.method === 'POST')
          await browser.get(actor === 'signed out' ? '/staff/login' : '/staff/account')
        const page =
          row.method === 'GET'
            ? await browser.get(path)
            : await browser.post(
                path,
                typeof row.fields === 'function' ? row.fields(world) : (row.fields ?? {})
              )
        const pathname = new URL(page.url).pathname
        const secret = row.secret?.(world)

        if (outcome === 'login') {
          assert.equal(pathname, '/staff/login')
          assert.include(page.text, 'Staff sign in')
        } else if (outcome === 'allowed' || outcome === 'own') {
          assert.equal(page.status, 200, page.text.slice(0, 500))
          assert.notEqual(pathname, '/staff/login')
          assert.notInclude(page.text, 'You cannot see this page')
          if (outcome === 'allowed' && row.done) assert.include(page.text, row.done)
        } else {
          assert.equal(page.status, outcome === 'forbidden' ? 403 : 404)
        }

        if (secret) {
          const seenBy = row.secretSeenBy ?? row.allowed
          const sees = row.installWide ? actor === 'install admin' : seenBy.includes(actor as Role)
          if (outcome === 'allowed' && sees) {
            assert.include(page.text, secret)
          } else {
            assert.notInclude(page.text, secret)
          }
        }
      })
    }
  }
})
