import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import AccessHelpRequest from '#models/residents/access_help_request'
import Resident from '#models/residents/resident'
import MagicLinkSignIn from '#services/residents/self_service/magic_link_sign_in'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import type { PrivacyHooks } from '#contracts/privacy'

const PER_PAGE = 20
// Past this many open requests for one address in a day, more add nothing for staff to read.
const MAX_OPEN_PER_EMAIL_PER_DAY = 3

export interface AccessHelpAnswers {
  name: string
  address: string
  email: string
  contact: string
}

/** Who is reading the list: staff of one organisation, in one role. */
export interface AccessHelpReader {
  organisationId: number
  isAdmin: boolean
}

/**
 * Requests from residents who can no longer open the email they signed up
 * with. The asker is never told whether the address is registered; staff of
 * the organisations the resident consented to see the request (admins see the
 * ones that match no resident), and answer it by sending a sign-in link to
 * the address on record, never to one the asker gave.
 */
export default class AccessHelpRequests {
  /** Stores the request; says nothing back, so the form's answer is the same for anyone. */
  static async receive(answers: AccessHelpAnswers) {
    const email = answers.email.trim().toLowerCase()
    const resident = await Resident.query()
      .where('email', email)
      .whereNot('status', 'erased')
      .first()
    const recent = await AccessHelpRequest.query()
      .where('email', email)
      .whereNull('done_at')
      .where('created_at', '>', sqlTime(DateTime.now().minus({ days: 1 })))
      .count('* as total')
      .first()
    if (Number(recent?.$extras.total ?? 0) >= MAX_OPEN_PER_EMAIL_PER_DAY) return null
    return AccessHelpRequest.create({ ...answers, email, residentId: resident?.id ?? null })
  }

  /** Open requests first, newest first within each. */
  static list(reader: AccessHelpReader, page: number) {
    return this.#visibleTo(reader)
      .select('access_help_requests.*')
      .select(
        // 1 when the resident consents to the reader's organisation, whose staff can open their record.
        db.raw(
          'case when exists (select 1 from consents where consents.resident_id = access_help_requests.resident_id and consents.organisation_id = ? and consents.withdrawn_at is null) then 1 else 0 end as ours',
          [reader.organisationId]
        )
      )
      .orderByRaw('case when done_at is null then 0 else 1 end')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .paginate(page, PER_PAGE)
  }

  static async openCount(reader: AccessHelpReader) {
    const row = await this.#visibleTo(reader).whereNull('done_at').count('* as total').first()
    return Number(row?.$extras.total ?? 0)
  }

  /** Open requests that match this resident, for their record. */
  static openFor(residentId: number) {
    return AccessHelpRequest.query()
      .where('resident_id', residentId)
      .whereNull('done_at')
      .orderBy('created_at')
  }

  /** Sends the link to the resident's own address and closes their open requests; their ids, for the audit. */
  static async sendSignInLink(resident: Resident, userId: number) {
    if (!resident.email || resident.status === 'erased') return null
    await MagicLinkSignIn.sendLink(resident)
    const open = await this.openFor(resident.id)
    if (open.length > 0) {
      await AccessHelpRequest.query()
        .whereIn(
          'id',
          open.map((request) => request.id)
        )
        .update({ done_at: sqlTime(), done_by_id: userId })
    }
    return open.map((request) => request.id)
  }

  /**
   * Staff see requests from residents who consent to their organisation; admins also those no
   * organisation may answer: no resident has the address, or the resident withdrew from every one.
   */
  static #visibleTo({ organisationId, isAdmin }: AccessHelpReader) {
    return AccessHelpRequest.query().where((visible) => {
      visible.whereExists(this.#consents(organisationId))
      if (isAdmin) visible.orWhereNull('resident_id').orWhereNotExists(this.#consents(null))
    })
  }

  static #consents(organisationId: number | null) {
    return db
      .from('consents')
      .whereRaw('consents.resident_id = access_help_requests.resident_id')
      .if(organisationId !== null, (query) =>
        query.where('consents.organisation_id', organisationId!)
      )
      .whereNull('consents.withdrawn_at')
  }
}

/** What the resident asked, in their download; erasure removes every request naming their address. */
export const accessHelpPrivacy: PrivacyHooks = {
  async export(residentId) {
    const requests = await AccessHelpRequest.query().where('resident_id', residentId).orderBy('id')
    if (requests.length === 0) return null
    return requests.map((request) => ({
      askedAt: request.createdAt.toISO(),
      name: request.name,
      address: request.address,
      email: request.email,
      howToReach: request.contact,
      answered: request.doneAt !== null,
    }))
  },
  async erase({ residentId, traces }) {
    const emails = traces.filter((trace) => trace.includes('@')).map((trace) => trace.toLowerCase())
    await AccessHelpRequest.query()
      .where('resident_id', residentId)
      .if(emails.length > 0, (query) => query.orWhereIn('email', emails))
      .delete()
  },
}
