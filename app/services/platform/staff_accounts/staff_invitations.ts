import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { createHash, randomBytes } from 'node:crypto'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import StaffInvitation from '#models/platform/staff_invitation'
import Membership, { type Role } from '#models/platform/membership'
import User from '#models/platform/user'
import type Organisation from '#models/platform/organisation'
import TransactionalMail from '#services/platform/infrastructure/transactional_mail'
import SiteSettings from '#services/platform/site/site_settings'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

export const INVITATION_LIFETIME_DAYS = 7

export type InvitationState = 'ready' | 'accepted' | 'expired' | 'revoked' | 'invalid'
export type InvitationCheck =
  | { state: 'ready'; invitation: StaffInvitation }
  | { state: Exclude<InvitationState, 'ready'>; invitation?: StaffInvitation }

export class InvitationRefusedError extends Error {
  constructor(
    readonly field: 'email',
    message: string
  ) {
    super(message)
  }
}

function hashOf(secret: string) {
  return createHash('sha256').update(secret).digest('hex')
}

function newSecret() {
  const secret = randomBytes(32).toString('base64url')
  return { secret, tokenHash: hashOf(secret) }
}

/**
 * Invitations to an organisation's staff, by email. The link's secret exists
 * only in the email; the link works once, for seven days.
 */
export default class StaffInvitations {
  static async invite(organisation: Organisation, invitedBy: User, email: string, role: Role) {
    const { invitation } = await this.inviteWithLink(organisation, invitedBy, email, role)
    return invitation
  }

  /**
   * Also answers the link, for the command line (which prints it, so it works without SMTP).
   * `invitedBy` is null when nobody signed in sent it: the command line.
   */
  static async inviteWithLink(
    organisation: Organisation,
    invitedBy: User | null,
    email: string,
    role: Role
  ) {
    const address = email.trim().toLowerCase()
    const member = await Membership.query()
      .where('organisation_id', organisation.id)
      .whereHas('user', (query) => query.where('email', address))
      .first()
    if (member) {
      throw new InvitationRefusedError(
        'email',
        `${address} is already a member of ${organisation.name}`
      )
    }
    const earlier = await this.open(organisation.id).where('email', address).first()
    if (earlier && earlier.expiresAt > DateTime.now()) {
      throw new InvitationRefusedError(
        'email',
        `${address} has already been invited. You can send the invitation again from the team page`
      )
    }
    // An expired invitation to the same address is renewed rather than listed twice.
    if (earlier) {
      earlier.role = role
      earlier.invitedByUserId = invitedBy?.id ?? null
      const link = await this.resend(earlier, organisation, invitedBy)
      return { invitation: earlier, link }
    }
    const { secret, tokenHash } = newSecret()
    const invitation = await StaffInvitation.create({
      organisationId: organisation.id,
      email: address,
      role,
      tokenHash,
      invitedByUserId: invitedBy?.id ?? null,
      expiresAt: DateTime.now().plus({ days: INVITATION_LIFETIME_DAYS }),
      sentAt: DateTime.now(),
    })
    const link = await this.#send(invitation, organisation, invitedBy, secret)
    return { invitation, link }
  }

  /** A new link and seven more days; the earlier link stops working. */
  static async resend(
    invitation: StaffInvitation,
    organisation: Organisation,
    sentBy: User | null
  ) {
    const { secret, tokenHash } = newSecret()
    invitation.tokenHash = tokenHash
    invitation.expiresAt = DateTime.now().plus({ days: INVITATION_LIFETIME_DAYS })
    invitation.sentAt = DateTime.now()
    await invitation.save()
    return this.#send(invitation, organisation, sentBy, secret)
  }

  static async revoke(invitation: StaffInvitation) {
    if (invitation.revokedAt || invitation.acceptedAt) return false
    invitation.revokedAt = DateTime.now()
    await invitation.save()
    return true
  }

  /** Not accepted or revoked: waiting, or expired and waiting to be sent again. */
  static open(organisationId: number) {
    return StaffInvitation.query()
      .where('organisation_id', organisationId)
      .whereNull('accepted_at')
      .whereNull('revoked_at')
  }

  /** Answers "not found" for another organisation's invitation, as for one that does not exist. */
  static find(organisationId: number, id: number) {
    return StaffInvitation.query()
      .where('organisation_id', organisationId)
      .where('id', id)
      .firstOrFail()
  }

  static async check(secret: string): Promise<InvitationCheck> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(secret)) return { state: 'invalid' }
    const invitation = await StaffInvitation.query()
      .where('token_hash', hashOf(secret))
      .preload('organisation')
      .first()
    if (!invitation) return { state: 'invalid' }
    if (invitation.acceptedAt) return { state: 'accepted', invitation }
    if (invitation.revokedAt) return { state: 'revoked', invitation }
    if (invitation.expiresAt < DateTime.now()) return { state: 'expired', invitation }
    return { state: 'ready', invitation }
  }

  /**
   * Adds the membership and marks the invitation used, once: a second click
   * or a second tab finds it used. An existing member keeps their role.
   */
  static async accept(invitation: StaffInvitation, user: User) {
    return db.transaction(async (trx) => {
      const claimed = await trx
        .from('staff_invitations')
        .where('id', invitation.id)
        .whereNull('accepted_at')
        .whereNull('revoked_at')
        .where('expires_at', '>', sqlTime())
        .update({ accepted_at: sqlTime(), accepted_by_user_id: user.id })
      if (Number(Array.isArray(claimed) ? claimed[0] : claimed) === 0) return false
      const existing = await Membership.query({ client: trx })
        .where('user_id', user.id)
        .where('organisation_id', invitation.organisationId)
        .first()
      if (!existing) {
        const membership = await Membership.create(
          { userId: user.id, organisationId: invitation.organisationId, role: invitation.role },
          { client: trx }
        )
        await this.#giveSchemes(trx, invitation, membership)
      }
      return true
    })
  }

  /** A person new to Beacon: their account is made with the invited address. */
  static async acceptAsNewUser(
    invitation: StaffInvitation,
    details: { fullName: string; password: string }
  ) {
    return db.transaction(async (trx) => {
      const claimed = await trx
        .from('staff_invitations')
        .where('id', invitation.id)
        .whereNull('accepted_at')
        .whereNull('revoked_at')
        .where('expires_at', '>', sqlTime())
        .update({ accepted_at: sqlTime() })
      if (Number(Array.isArray(claimed) ? claimed[0] : claimed) === 0) return null
      const user = await User.create(
        { fullName: details.fullName, email: invitation.email, password: details.password },
        { client: trx }
      )
      await trx
        .from('staff_invitations')
        .where('id', invitation.id)
        .update({ accepted_by_user_id: user.id })
      const membership = await Membership.create(
        { userId: user.id, organisationId: invitation.organisationId, role: invitation.role },
        { client: trx }
      )
      await this.#giveSchemes(trx, invitation, membership)
      return user
    })
  }

  /** A coordinator's schemes, chosen when they were invited: those that still exist. */
  static async #giveSchemes(
    trx: TransactionClientContract,
    invitation: StaffInvitation,
    membership: Membership
  ) {
    const ids = invitation.coordinatorSchemeIds ?? []
    if (membership.role !== 'coordinator' || ids.length === 0) return
    const schemes = await trx.from('schemes').whereIn('id', ids).select('id')
    if (schemes.length === 0) return
    await trx.table('coordinator_schemes').multiInsert(
      schemes.map((scheme) => ({
        membership_id: membership.id,
        scheme_id: scheme.id,
        created_at: sqlTime(),
      }))
    )
  }

  static async #send(
    invitation: StaffInvitation,
    organisation: Organisation,
    sender: User | null,
    secret: string
  ) {
    const acceptUrl = new URL(`/staff/invitations/${secret}`, env.get('APP_URL')).href
    const { serviceName } = await SiteSettings.current()
    await TransactionalMail.queue(
      invitation.email,
      `You are invited to join ${organisation.name} on ${serviceName}`,
      'staff_invitation',
      {
        organisationName: organisation.name,
        inviterName: sender?.fullName ?? 'The administrator of this install',
        role: invitation.role,
        acceptUrl,
        lifetimeDays: INVITATION_LIFETIME_DAYS,
      }
    )
    return acceptUrl
  }
}
