import type { HttpContext } from '@adonisjs/core/http'
import config from '@adonisjs/core/services/config'
import limiter from '@adonisjs/limiter/services/main'
import type Alert from '#models/messaging/alert'
import type Organisation from '#models/platform/organisation'
import Resident from '#models/residents/resident'
import { REPLY_MAX_LENGTH } from '#models/engagement/alert_reply'
import { readUploadedForm } from '#services/platform/infrastructure/uploaded_form'
import { emergencyGuidance } from '#services/engagement/reports/emergency_guidance'
import ReportIntake from '#services/engagement/reports/report_intake'
import ReportLinks from '#services/engagement/reports/report_links'
import { REPORT_UPLOAD, checkReportFiles } from '#services/engagement/reports/report_upload'
import {
  REPORT_MAX_FILES,
  REPORT_MAX_FILE_MB,
  REPORT_MAX_TOTAL_MB,
  REPORT_TYPE_NAMES,
} from '#services/engagement/reports/report_files'
import { reportValidator } from '#validators/engagement/resident_reports'

/** Who is reporting, to whom they may, and where the form lives. */
interface ReportSubject {
  resident: Resident
  organisations: Organisation[]
  aboutAlert: Alert | null
  formPath: string
}

const limits = {
  maxFiles: REPORT_MAX_FILES,
  maxFileMb: REPORT_MAX_FILE_MB,
  maxTotalMb: REPORT_MAX_TOTAL_MB,
  typeNames: REPORT_TYPE_NAMES,
  maxLength: REPLY_MAX_LENGTH,
}

/**
 * "Tell us something": a resident's non-emergency report to an organisation,
 * into its inbox. The emergency guidance comes first, on a page of its own.
 * The form is for a resident we know: signed in (/my-alerts/tell-us/report),
 * or from the signed link in an alert's email, which names them. A visitor is
 * asked to sign in (or told of Crimestoppers to stay anonymous): a report is
 * answered through the resident's own channel, and files from nobody in
 * particular are not taken in.
 */
export default class TellUsController {
  /** The guidance, for anyone; "Continue" leads to the signed-in form. */
  async guidance({ request, view }: HttpContext) {
    const alert = await this.#alertFromQuery(request.input('alert'))
    const query = alert ? `?alert=${alert.id}` : ''
    return view.render('pages/tell_us/guidance', {
      guidance: emergencyGuidance(alert?.organisation),
      aboutAlert: alert,
      continuePath: `/my-alerts/tell-us/report${query}`,
    })
  }

  async form(ctx: HttpContext) {
    const subject = await this.#signedInSubject(ctx)
    return this.#renderForm(ctx, subject)
  }

  async store(ctx: HttpContext) {
    return this.#submit(ctx, await this.#signedInSubject(ctx))
  }

  /** The guidance from an alert's email: "Continue" leads to the signed form. */
  async signedGuidance(ctx: HttpContext) {
    const subject = await this.#signedSubject(ctx)
    if (typeof subject === 'string') return subject
    return ctx.view.render('pages/tell_us/guidance', {
      guidance: emergencyGuidance(subject.aboutAlert?.organisation),
      aboutAlert: subject.aboutAlert,
      continuePath: subject.formPath,
    })
  }

  async signedForm(ctx: HttpContext) {
    const subject = await this.#signedSubject(ctx)
    if (typeof subject === 'string') return subject
    return this.#renderForm(ctx, subject)
  }

  async signedStore(ctx: HttpContext) {
    const subject = await this.#signedSubject(ctx)
    if (typeof subject === 'string') return subject
    return this.#submit(ctx, subject)
  }

  async sent({ view, session }: HttpContext) {
    return view.render('pages/tell_us/sent', { sent: session.flashMessages.get('reportSent') })
  }

  #renderForm({ view }: HttpContext, subject: ReportSubject) {
    return view.render('pages/tell_us/form', {
      ...limits,
      subject,
      guidance: emergencyGuidance(subject.aboutAlert?.organisation),
    })
  }

  async #submit(ctx: HttpContext, subject: ReportSubject) {
    const { request, response, session } = ctx
    const back = () => response.redirect().toPath(subject.formPath)
    // Per resident, whatever address they send from (the route limits each address too).
    const perResident = limiter.use({
      requests: config.get<number>('beacon.rateLimits.residentReports'),
      duration: '1 hour',
    })
    if ((await perResident.remaining(`report:${subject.resident.id}`)) <= 0) {
      response.status(429)
      return ctx.view.render('pages/tell_us/too_many', { guidance: emergencyGuidance() })
    }
    await readUploadedForm(ctx, REPORT_UPLOAD)
    const [errors, valid] = await request.tryValidateUsing(reportValidator)
    const checked = await checkReportFiles(request.files('attachments'))
    const organisation = valid
      ? subject.organisations.find((choice) => choice.id === valid.organisationId)
      : undefined
    const fileError = 'error' in checked ? checked.error : null
    if (errors || !organisation || fileError) {
      const bag: Record<string, string[]> = {}
      for (const error of (errors?.messages ?? []) as { field: string; message: string }[]) {
        bag[error.field] ??= [error.message]
      }
      if (valid && !organisation) bag.organisationId = ['Choose who to tell from the list']
      if (fileError) {
        bag.attachments = [
          `${fileError}. Files are not kept when the form has a mistake: attach them again`,
        ]
      }
      session.flashAll()
      session.flash('inputErrorsBag', bag)
      return back()
    }
    await perResident.increment(`report:${subject.resident.id}`)
    const thread = await ReportIntake.submit({
      residentId: subject.resident.id,
      organisationId: organisation.id,
      aboutAlertId:
        subject.aboutAlert?.organisationId === organisation.id ? subject.aboutAlert.id : null,
      body: valid!.body,
      place: valid!.place ?? null,
      happenedAt: valid!.happenedAt ?? null,
      contactPhone: valid!.contactPhone ?? null,
      files: 'files' in checked ? checked.files : [],
    })
    session.flash('reportSent', {
      reference: `R${thread.id}`,
      organisationName: organisation.name,
      email: subject.resident.email,
    })
    return response.redirect().toPath('/tell-us/sent')
  }

  async #signedInSubject(ctx: HttpContext): Promise<ReportSubject> {
    const alert = await this.#alertFromQuery(ctx.request.input('alert'))
    const organisations = await ReportIntake.organisationsFor(ctx.resident.id)
    const query = alert ? `?alert=${alert.id}` : ''
    return {
      resident: ctx.resident,
      // From an alert, its organisation, whether or not they hear from it.
      organisations: alert ? [alert.organisation] : organisations,
      aboutAlert: alert,
      formPath: `/my-alerts/tell-us/report${query}`,
    }
  }

  async #alertFromQuery(value: unknown) {
    const id = Number(value)
    return Number.isSafeInteger(id) && id > 0 ? ReportIntake.aboutAlert(id) : null
  }

  async #signedSubject(ctx: HttpContext): Promise<ReportSubject | string> {
    const { request, params, response, view } = ctx
    const refuse = (reason: 'invalid' | 'expired' | 'test') => {
      response.status(reason === 'invalid' ? 404 : reason === 'expired' ? 410 : 200)
      return view.render('pages/tell_us/refused', { reason })
    }
    if (!ReportLinks.isSigned(request)) return refuse('invalid')
    if (ReportLinks.isExpired(params.expires)) return refuse('expired')
    if (Number(params.residentId) === 0) return refuse('test')
    const alert = await ReportIntake.aboutAlert(Number(params.alertId))
    const resident = await Resident.find(Number(params.residentId))
    if (!alert || !resident || resident.status === 'erased') return refuse('invalid')
    response.header('Cache-Control', 'no-store')
    return {
      resident,
      organisations: [alert.organisation],
      aboutAlert: alert,
      formPath: ReportLinks.form(resident.id, alert.id, params.expires),
    }
  }
}
