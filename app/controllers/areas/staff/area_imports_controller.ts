import type { HttpContext } from '@adonisjs/core/http'
import Area from '#models/areas/area'
import AreaImportRecord from '#models/areas/area_import_record'
import AuditLogger from '#services/platform/audit/audit_logger'
import AreaImportRuns from '#services/areas/boundaries/area_import_runs'
import { BoundaryFileError } from '#services/areas/boundaries/boundary_file'
import { describeBoundaries } from '#services/areas/boundaries/prepared_boundaries'
import { reportView } from '#services/areas/boundaries/report_view'
import { readUploadedForm } from '#services/platform/infrastructure/uploaded_form'
import {
  BOUNDARY_UPLOAD,
  boundaryOptionsValidator,
  boundaryUploadValidator,
  LOOKUP_UPLOAD,
} from '#validators/areas/area_import'

/**
 * Importing boundaries in Settings → Areas: upload a file, choose its
 * options, check it (a dry run, on the queue), then import it (on the queue).
 */
export default class AreaImportsController {
  async store(ctx: HttpContext) {
    const { request, response, bouncer, auth, session } = ctx
    await bouncer.with('InstallPolicy').authorize('manage')
    await readUploadedForm(ctx, BOUNDARY_UPLOAD)
    const chosen = request.file('file')
    try {
      const { file } = await request.validateUsing(boundaryUploadValidator, {
        data: { file: chosen },
      })
      const record = await AreaImportRecord.create({
        userId: auth.user!.id,
        filename: (file.clientName || 'boundaries').slice(0, 255),
        status: 'uploaded',
        dryRun: true,
      })
      await AreaImportRuns.keepFile(record, file, 'boundaries')
      return response.redirect().toRoute('area_imports.options', { id: record.id })
    } catch (error) {
      if (!(error instanceof BoundaryFileError)) throw error
      session.flash('inputErrorsBag', { file: [error.message] })
      return response.redirect().toRoute('areas.index')
    }
  }

  async options(ctx: HttpContext) {
    const record = await this.#record(ctx)
    if (record.isWorking || record.status === 'imported') {
      return ctx.response.redirect().toRoute('area_imports.show', { id: record.id })
    }
    let described
    try {
      described = await describeBoundaries(await AreaImportRuns.readFile(record), record.filename)
    } catch (error) {
      if (!(error instanceof BoundaryFileError)) throw error
      return ctx.view.render('pages/staff/areas/unreadable', { record, message: error.message })
    }
    const districts = await Area.query().where('level', 'district').orderBy('name')
    return ctx.view.render('pages/staff/areas/options', {
      record,
      described,
      chosen: { ...described.detected, ...(record.options ?? {}) },
      districts,
    })
  }

  async check(ctx: HttpContext) {
    const { request, response, session } = ctx
    const record = await this.#record(ctx)
    await readUploadedForm(ctx, LOOKUP_UPLOAD)
    if (record.isWorking || record.status === 'imported') {
      return response.redirect().toRoute('area_imports.show', { id: record.id })
    }
    const chosen = await request.validateUsing(boundaryOptionsValidator)
    if (chosen.parentCode && chosen.lookup) {
      session.flash('inputErrorsBag', {
        lookup: ['Choose a parent district or a lookup file, not both'],
      })
      return response.redirect().toRoute('area_imports.options', { id: record.id })
    }
    if (chosen.lookup) await AreaImportRuns.keepFile(record, chosen.lookup, 'lookup')
    const ward = chosen.level === 'ward'
    record.options = {
      level: chosen.level,
      codeProperty: chosen.codeProperty,
      nameProperty: chosen.nameProperty,
      parentCode: ward ? chosen.parentCode || null : null,
      // A lookup uploaded for an earlier check stays until a parent district is chosen instead.
      hasLookup: ward && !chosen.parentCode && Boolean(chosen.lookup || record.options?.hasLookup),
      simplifyMetres: chosen.simplifyMetres ?? 0,
      removeMissing: chosen.removeMissing ?? false,
    }
    await AreaImportRuns.start(record, true)
    await AuditLogger.record(ctx, {
      action: 'areas.checked',
      subjectType: 'area_import',
      subjectId: record.id,
      details: { filename: record.filename, ...record.options },
    })
    return response.redirect().toRoute('area_imports.show', { id: record.id })
  }

  async run(ctx: HttpContext) {
    const { response, session } = ctx
    const record = await this.#record(ctx)
    if (record.status !== 'checked') {
      session.flash('error', 'Check the file (the dry run) before importing it.')
      return response.redirect().toRoute('area_imports.show', { id: record.id })
    }
    await AreaImportRuns.start(record, false)
    await AuditLogger.record(ctx, {
      action: 'areas.import_started',
      subjectType: 'area_import',
      subjectId: record.id,
      details: { filename: record.filename, ...record.options },
    })
    return response.redirect().toRoute('area_imports.show', { id: record.id })
  }

  async show(ctx: HttpContext) {
    const record = await this.#record(ctx)
    if (record.status === 'uploaded') {
      return ctx.response.redirect().toRoute('area_imports.options', { id: record.id })
    }
    return ctx.view.render('pages/staff/areas/show', {
      record,
      progress: await AreaImportRuns.progressOf(record),
      report: record.report ? reportView(record.report, record.status === 'checked') : null,
    })
  }

  async progress(ctx: HttpContext) {
    const record = await this.#record(ctx)
    return ctx.response.json({
      status: record.status,
      ...(await AreaImportRuns.progressOf(record)),
    })
  }

  async #record({ params, bouncer }: HttpContext) {
    await bouncer.with('InstallPolicy').authorize('manage')
    return AreaImportRecord.findOrFail(params.id)
  }
}
