import type { HttpContext } from '@adonisjs/core/http'
import { Exception } from '@adonisjs/core/exceptions'
import ResidentImportRecord from '#models/residents/resident_import_record'
import AuditLogger from '#services/platform/audit/audit_logger'
import { CsvFileError, MAX_IMPORT_ROWS } from '#services/residents/import/csv_table'
import {
  guessMapping,
  IMPORT_FIELDS,
  REQUIRED_IMPORT_FIELDS,
  type ColumnMapping,
} from '#services/residents/import/import_mapping'
import { importReportCsv, outcomeLabel } from '#services/residents/import/import_report_csv'
import ImportUploads, {
  UploadBusyError,
  type ImportUpload,
} from '#services/residents/import/import_uploads'
import ResidentImport from '#services/residents/import/resident_import'
import type { ImportReport } from '#services/residents/import/import_report'
import { readUploadedForm } from '#services/platform/infrastructure/uploaded_form'
import {
  importMappingValidator,
  importUploadValidator,
  RESIDENT_CSV_UPLOAD,
} from '#validators/residents/resident_import'

const SHOWN_ROWS = 1000

/**
 * Importing residents from another system's CSV export: upload, choose the
 * columns, check (a dry run), import, and the report.
 */
export default class ResidentImportsController {
  async create({ view, membership, bouncer }: HttpContext) {
    await bouncer.with('ResidentPolicy').authorize('import', membership.organisationId)
    const imports = await ResidentImportRecord.query()
      .where('organisation_id', membership.organisationId)
      .where('status', 'imported')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(10)
    return view.render('pages/staff/imports/upload', { imports, maxRows: MAX_IMPORT_ROWS })
  }

  async store(ctx: HttpContext) {
    const { request, response, membership, bouncer, session, auth } = ctx
    await bouncer.with('ResidentPolicy').authorize('import', membership.organisationId)
    await readUploadedForm(ctx, RESIDENT_CSV_UPLOAD)
    let upload: ImportUpload
    try {
      const { file } = await request.validateUsing(importUploadValidator, {
        data: { file: request.file('file') },
      })
      upload = await ImportUploads.store(file, {
        organisationId: membership.organisationId,
        userId: auth.user!.id,
      })
    } catch (error) {
      if (!(error instanceof CsvFileError)) throw error
      session.flash('inputErrorsBag', { file: [error.message] })
      return response.redirect().toRoute('resident_imports.create')
    }
    return response.redirect().toRoute('resident_imports.mapping', { upload: upload.id })
  }

  async mapping(ctx: HttpContext) {
    const upload = await this.#upload(ctx)
    if (upload.imported) {
      return ctx.response.redirect().toRoute('resident_imports.show', { id: upload.importId! })
    }
    const table = await ImportUploads.table(upload)
    const mapping = upload.mapping ?? guessMapping(table.headers)
    return ctx.view.render('pages/staff/imports/mapping', {
      upload,
      fields: IMPORT_FIELDS,
      requiredFields: REQUIRED_IMPORT_FIELDS,
      columns: table.headers.map((heading, index) => ({
        index,
        heading,
        example: table.rows.find((row) => row.cells[index])?.cells[index] ?? '',
      })),
      chosen: mapping,
      rowCount: table.rows.length,
    })
  }

  async check(ctx: HttpContext) {
    const { request, response, membership, auth } = ctx
    const upload = await this.#upload(ctx)
    if (upload.imported) {
      return response.redirect().toRoute('resident_imports.show', { id: upload.importId! })
    }
    const table = await ImportUploads.table(upload)
    const payload = await request.validateUsing(importMappingValidator, {
      meta: { columnCount: table.headers.length },
    })
    const mapping = Object.fromEntries(
      Object.entries(payload).filter(([, column]) => column !== undefined)
    ) as ColumnMapping
    const previous = upload.importId
      ? await ResidentImportRecord.query()
          .where('id', upload.importId)
          .where('status', 'dry_run')
          .first()
      : null
    const record = await ResidentImport.dryRun(
      table,
      mapping,
      {
        organisationId: membership.organisationId,
        userId: auth.user!.id,
        ip: request.ip(),
        filename: upload.filename,
      },
      previous
    )
    await ImportUploads.save({ ...upload, mapping, importId: record.id })
    return response.redirect().toRoute('resident_imports.dry_run', { upload: upload.id })
  }

  async dryRun(ctx: HttpContext) {
    const upload = await this.#upload(ctx)
    if (upload.imported) {
      return ctx.response.redirect().toRoute('resident_imports.show', { id: upload.importId! })
    }
    if (!upload.importId) {
      return ctx.response.redirect().toRoute('resident_imports.mapping', { upload: upload.id })
    }
    const record = await this.#record(ctx, upload.importId)
    return ctx.view.render('pages/staff/imports/dry_run', {
      upload,
      record,
      ...this.#shown(record),
    })
  }

  async run(ctx: HttpContext) {
    const { request, response, membership, auth, session } = ctx
    const upload = await this.#upload(ctx)
    if (upload.imported) {
      return response.redirect().toRoute('resident_imports.show', { id: upload.importId! })
    }
    if (!upload.importId || !upload.mapping) {
      return response.redirect().toRoute('resident_imports.mapping', { upload: upload.id })
    }
    const record = await this.#record(ctx, upload.importId)

    let table
    try {
      table = await ImportUploads.claim(upload)
    } catch (error) {
      if (!(error instanceof UploadBusyError)) throw error
      session.flash('error', error.message)
      return response.redirect().toRoute('resident_imports.dry_run', { upload: upload.id })
    }
    try {
      await ResidentImport.run(
        table,
        upload.mapping,
        {
          organisationId: membership.organisationId,
          userId: auth.user!.id,
          ip: request.ip(),
          filename: upload.filename,
        },
        record
      )
    } catch (error) {
      await ImportUploads.release(upload)
      throw error
    }
    await ImportUploads.finish(upload)

    const { counts } = record.report as unknown as ImportReport
    await AuditLogger.record(ctx, {
      action: 'residents.imported',
      organisationId: membership.organisationId,
      subjectType: 'resident_import_record',
      subjectId: record.id,
      details: { filename: upload.filename, ...counts },
    })
    session.flash(
      'success',
      `${counts.imported} ${counts.imported === 1 ? 'resident was' : 'residents were'} imported.`
    )
    return response.redirect().toRoute('resident_imports.show', { id: record.id })
  }

  async show(ctx: HttpContext) {
    await ctx.bouncer.with('ResidentPolicy').authorize('import', ctx.membership.organisationId)
    const record = await this.#record(ctx, ctx.params.id)
    return ctx.view.render('pages/staff/imports/show', { record, ...this.#shown(record) })
  }

  async report(ctx: HttpContext) {
    await ctx.bouncer.with('ResidentPolicy').authorize('import', ctx.membership.organisationId)
    const record = await this.#record(ctx, ctx.params.id)
    const csv = importReportCsv(
      record.report as unknown as ImportReport,
      record.status === 'dry_run'
    )
    ctx.response.header('Content-Type', 'text/csv; charset=utf-8')
    ctx.response.header(
      'Content-Disposition',
      `attachment; filename="beacon-import-${record.id}-report.csv"`
    )
    return csv
  }

  async #upload({ params, membership, bouncer, auth }: HttpContext) {
    await bouncer.with('ResidentPolicy').authorize('import', membership.organisationId)
    const upload = await ImportUploads.find(params.upload, {
      organisationId: membership.organisationId,
      userId: auth.user!.id,
    })
    // Gone (imported long ago, swept) or someone else's: either way, not found.
    if (!upload)
      throw new Exception('Upload not found', { status: 404, code: 'E_UPLOAD_NOT_FOUND' })
    return upload
  }

  #record({ membership }: HttpContext, id: number) {
    return ResidentImportRecord.query()
      .where('id', id)
      .where('organisation_id', membership.organisationId)
      .firstOrFail()
  }

  /** The rows that were not (or would not be) imported, with their reasons. */
  #shown(record: ResidentImportRecord) {
    const report = record.report as unknown as ImportReport
    const problems = report.rows.filter((row) => row.outcome !== 'new')
    return {
      report,
      counts: report.counts,
      problems: problems.slice(0, SHOWN_ROWS),
      hiddenProblems: Math.max(0, problems.length - SHOWN_ROWS),
      outcomeLabel: (outcome: Parameters<typeof outcomeLabel>[0]) =>
        outcomeLabel(outcome, record.status === 'dry_run'),
      mappedFields: IMPORT_FIELDS.filter((field) => report.mapping[field.key] !== undefined).map(
        (field) => ({ label: field.label, heading: report.headers[report.mapping[field.key]!] })
      ),
    }
  }
}
