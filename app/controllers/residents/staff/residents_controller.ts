import type { HttpContext } from '@adonisjs/core/http'
import AreaDirectory from '#services/areas/area_directory'
import AuditLogger from '#services/platform/audit/audit_logger'
import ListFilterMemory from '#services/platform/site/list_filter_memory'
import ResidentDirectory, {
  RESIDENT_CHANNELS,
  RESIDENT_SORTS,
  RESIDENT_SOURCES,
  RESIDENT_STATUSES,
} from '#services/residents/records/resident_directory'
import ResidentEditing from '#services/residents/records/resident_editing'
import ResidentHistory from '#services/residents/records/resident_history'
import residentRecordSections from '#services/residents/records/resident_record_sections'
import PhoneNumbers from '#services/residents/contacts/phone_numbers'
import AccessHelpRequests from '#services/residents/self_service/access_help_requests'
import ContactChanges from '#services/residents/contacts/contact_changes'
import { pendingContactMessage } from '#services/residents/contacts/contact_change_wording'
import {
  chosenFilters,
  residentFiltersValidator,
  residentValidator,
  statusesStaffMaySet,
} from '#validators/residents/resident'

const labels = {
  statuses: RESIDENT_STATUSES,
  sources: RESIDENT_SOURCES,
  channels: RESIDENT_CHANNELS,
  sorts: RESIDENT_SORTS,
  statusTags: {
    pending: 'govuk-tag--yellow',
    active: 'govuk-tag--green',
    unsubscribed: 'govuk-tag--grey',
    erased: 'govuk-tag--red',
  },
  displayPhone: (e164: string | null) => PhoneNumbers.display(e164),
}

export default class ResidentsController {
  async index(ctx: HttpContext) {
    const { request, response, view, membership, bouncer } = ctx
    await bouncer.with('ResidentPolicy').authorize('viewList', membership.organisationId)
    const remembered = ListFilterMemory.remembered(ctx, 'residents', '/staff/residents')
    if (remembered) return response.redirect().toPath(remembered)
    // A filter form cannot send a wrong value; an edited address can, and gets the whole list.
    const [invalid, valid] = await request.tryValidateUsing(residentFiltersValidator, {
      data: chosenFilters(request.qs()),
    })
    const { page, ...filters } = valid ?? {}
    ListFilterMemory.remember(ctx, 'residents', filters)
    const residents = await ResidentDirectory.search(membership.organisationId, filters, page ?? 1)
    residents.baseUrl('/staff/residents').queryString(filters)
    // The order is not a filter: every resident is still listed.
    const filtered = Object.keys(filters).some((name) => name !== 'sort')
    // Who looked through the register and for what: one entry a page, not one a resident shown.
    await AuditLogger.record(ctx, {
      action: filtered ? 'residents.searched' : 'residents.listed',
      organisationId: membership.organisationId,
      subjectType: 'organisation',
      subjectId: membership.organisationId,
      details: { ...filters, page: page ?? 1, found: residents.total },
    })
    return view.render('pages/staff/residents/index', {
      ...labels,
      residents,
      filters,
      filtered,
      unrecognisedFilter: invalid !== null,
      anyResident: filtered
        ? (await ResidentDirectory.countAll(membership.organisationId)) > 0
        : residents.total > 0,
      districts: await AreaDirectory.districtsWithWards(),
      canImport: await bouncer.with('ResidentPolicy').allows('import', membership.organisationId),
      openAccessRequests: await AccessHelpRequests.openCount({
        organisationId: membership.organisationId,
        isAdmin: membership.role === 'admin',
      }),
    })
  }

  async show(ctx: HttpContext) {
    const { params, view, membership, bouncer } = ctx
    await bouncer.with('ResidentPolicy').authorize('viewList', membership.organisationId)
    const resident = await ResidentDirectory.find(membership.organisationId, params.id)
    await AuditLogger.record(ctx, {
      action: 'resident.viewed',
      organisationId: membership.organisationId,
      subjectType: 'resident',
      subjectId: resident.id,
    })
    return view.render('pages/staff/residents/show', {
      ...labels,
      resident,
      profile: await ResidentDirectory.profile(membership.organisationId, resident),
      history: await ResidentHistory.of(membership.organisationId, resident.id),
      pendingContacts: await ContactChanges.pendingFor(resident.id),
      accessRequests: await AccessHelpRequests.openFor(resident.id),
      canEdit: await bouncer.with('ResidentPolicy').allows('edit', membership.organisationId),
      // Later modules' parts of the record (the resident's replies to alerts).
      sections: await residentRecordSections.parts({
        residentId: resident.id,
        organisationId: membership.organisationId,
      }),
    })
  }

  async edit({ params, view, membership, bouncer }: HttpContext) {
    await bouncer.with('ResidentPolicy').authorize('edit', membership.organisationId)
    const resident = await ResidentDirectory.find(membership.organisationId, params.id)
    return view.render('pages/staff/residents/edit', {
      ...labels,
      resident,
      editableStatuses: statusesStaffMaySet(resident.status),
      pendingContacts: await ContactChanges.pendingFor(resident.id),
    })
  }

  async update(ctx: HttpContext) {
    const { params, request, response, membership, bouncer, session } = ctx
    await bouncer.with('ResidentPolicy').authorize('edit', membership.organisationId)
    const resident = await ResidentDirectory.find(membership.organisationId, params.id)
    if (resident.status === 'erased') {
      session.flash(
        'error',
        'This resident’s personal data has been erased, so there is nothing to edit.'
      )
      return response.redirect().toRoute('residents.show', { id: resident.id })
    }
    const payload = await request.validateUsing(residentValidator, {
      meta: {
        residentId: resident.id,
        currentStatus: resident.status,
        currentEmail: resident.email,
      },
    })
    const previousEmail = resident.email
    const { changes, linksSent } = await ResidentEditing.update(
      resident,
      {
        name: payload.name,
        email: payload.email ?? null,
        phone: payload.phone ?? null,
        landline: payload.landline ?? null,
        status: payload.status,
        knownToOfficer: payload.knownToOfficer ?? false,
        communityInfluencer: payload.communityInfluencer ?? false,
      },
      {
        userId: ctx.auth.user!.id,
        organisationId: membership.organisationId,
        organisationName: membership.organisation.name,
      }
    )
    if (Object.keys(changes).length === 0) {
      session.flash('success', 'Nothing was changed.')
    } else {
      await AuditLogger.record(ctx, {
        action: 'resident.updated',
        organisationId: membership.organisationId,
        subjectType: 'resident',
        subjectId: resident.id,
        details: { changes },
      })
      const applied = Object.values(changes).some((change) => !change.pending)
      session.flash(
        'success',
        [
          applied ? 'The resident’s details have been saved.' : '',
          ...Object.entries(linksSent).map(([field, sent]) =>
            pendingContactMessage(field as keyof typeof linksSent, sent, {
              newValue: String(changes[field].to),
              currentEmail: previousEmail,
            })
          ),
        ]
          .filter(Boolean)
          .join(' ')
      )
    }
    return response.redirect().toRoute('residents.show', { id: resident.id })
  }
}
