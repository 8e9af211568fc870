import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import AuditLog from '#models/platform/audit_log'
import Organisation, { type OrganisationType } from '#models/platform/organisation'
import type User from '#models/platform/user'
import StaffInvitations from '#services/platform/staff_accounts/staff_invitations'

export interface OrganisationDetails {
  name: string
  type: OrganisationType
  contactEmail?: string | null
  contactPhone?: string | null
  website?: string | null
  address?: string | null
}

export interface NewOrganisation extends OrganisationDetails {
  /** The short name in its sign-up link; made from the name when not given. */
  slug?: string | null
  /** Invited as the organisation's first admin, by email. */
  adminEmail?: string | null
}

/** Who did it: a member of staff on the page (with their address), or nobody on the command line. */
export interface Actor {
  user: User | null
  ip: string | null
}

/** "Lincs Police & Fire" → "lincs-police-fire". */
export function slugFrom(name: string) {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 70)
    .replace(/-+$/, '')
  return slug || 'organisation'
}

/** A new organisation's warnings before sending (Settings → Approval changes them). */
export const NEW_ORGANISATION_SEND_WARNINGS = {
  officeHoursFrom: 8,
  officeHoursTo: 18,
  largeAudienceWarning: 1000,
}

/**
 * The organisations sharing an install, created and edited by install
 * admins: on the Settings → Organisations page and by
 * `node ace organisations:create`, which both come here.
 */
export default class OrganisationRegistry {
  /** Creates it and invites its first admin; answers the invitation link (printed by the command). */
  static async create(input: NewOrganisation, actor: Actor) {
    const organisation = await Organisation.create({
      ...this.#columns(input),
      slug: input.slug || (await this.#freeSlug(slugFrom(input.name))),
      ...NEW_ORGANISATION_SEND_WARNINGS,
    })
    await this.#audit(actor, organisation, 'organisation.created', {
      name: organisation.name,
      type: organisation.type,
      slug: organisation.slug,
    })
    await emitter.emit('organisation:created', { organisationId: organisation.id })
    const invitation = input.adminEmail
      ? await this.inviteAdmin(organisation, input.adminEmail, actor)
      : null
    return { organisation, invitation }
  }

  static async update(organisation: Organisation, details: OrganisationDetails, actor: Actor) {
    const before = { name: organisation.name, type: organisation.type }
    organisation.merge(this.#columns(details))
    const changed = Object.keys(organisation.$dirty)
    if (changed.length === 0) return false
    await organisation.save()
    await this.#audit(actor, organisation, 'organisation.updated', {
      changed,
      ...(changed.includes('name') ? { renamedFrom: before.name } : {}),
      ...(changed.includes('type') ? { typeFrom: before.type } : {}),
    })
    return true
  }

  /** An invitation into the organisation with the admin role; its link works once, for 7 days. */
  static async inviteAdmin(organisation: Organisation, email: string, actor: Actor) {
    const { invitation, link } = await StaffInvitations.inviteWithLink(
      organisation,
      actor.user,
      email,
      'admin'
    )
    await this.#audit(actor, organisation, 'staff_invitation.sent', {
      email: invitation.email,
      role: 'admin',
      invitationId: invitation.id,
    })
    return { email: invitation.email, link }
  }

  /** "police", then "police-2", "police-3"…: a derived short name never clashes. */
  static async #freeSlug(base: string) {
    const rows = await db.from('organisations').whereLike('slug', `${base}%`).select('slug')
    const taken = new Set(rows.map((row) => row.slug as string))
    if (!taken.has(base)) return base
    let suffix = 2
    while (taken.has(`${base}-${suffix}`)) suffix++
    return `${base}-${suffix}`
  }

  static #columns(details: OrganisationDetails) {
    return {
      name: details.name,
      type: details.type,
      contactEmail: details.contactEmail?.toLowerCase() || null,
      contactPhone: details.contactPhone || null,
      website: details.website || null,
      address: details.address || null,
    }
  }

  static async #audit(
    actor: Actor,
    organisation: Organisation,
    action: string,
    details: Record<string, unknown>
  ) {
    await AuditLog.create({
      userId: actor.user?.id ?? null,
      organisationId: organisation.id,
      action,
      subjectType: 'organisation',
      subjectId: organisation.id,
      details: actor.user ? details : { ...details, by: 'command line' },
      ip: actor.ip,
    })
  }
}
