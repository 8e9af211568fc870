import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import ResidentImportRecord from '#models/residents/resident_import_record'
import type { CsvTable } from '#services/residents/import/csv_table'
import type { ColumnMapping } from '#services/residents/import/import_mapping'
import { checkImportRow, loadImportLookups } from '#services/residents/import/import_row_check'
import {
  markAlreadyRegistered,
  markDuplicatesInFile,
} from '#services/residents/import/import_duplicates'
import { importReportOf } from '#services/residents/import/import_report'
import { saveImportBatch } from '#services/residents/import/import_saving'
import { inChunks, type ImportContext } from '#services/residents/import/import_rows'

/**
 * Imports residents from another system's CSV export for one organisation.
 * A dry run reports what would happen to every row; the import does it.
 * Either way each row ends up imported, skipped as a duplicate or rejected
 * with its reasons, so the three always add up to the rows in the file.
 * Each step has its own file: checking a row (import_row_check), finding
 * duplicates (import_duplicates), saving (import_saving), the report
 * (import_report).
 */
export default class ResidentImport {
  static async dryRun(
    table: CsvTable,
    mapping: ColumnMapping,
    context: ImportContext,
    previous?: ResidentImportRecord | null
  ) {
    const candidates = await this.#analyse(table, mapping)
    const report = importReportOf(table, mapping, candidates)
    const record = previous ?? new ResidentImportRecord()
    record.merge({
      userId: context.userId,
      organisationId: context.organisationId,
      filename: context.filename,
      status: 'dry_run',
      totalRows: report.counts.total,
      importedRows: report.counts.imported,
      rejectedRows: report.counts.rejected,
      report: report as unknown as Record<string, unknown>,
    })
    await record.save()
    return record
  }

  static async run(
    table: CsvTable,
    mapping: ColumnMapping,
    context: ImportContext,
    record: ResidentImportRecord
  ) {
    // The database may have changed since the dry run: every row is checked again.
    const candidates = await this.#analyse(table, mapping)
    // One transaction per batch, so that a long import does not hold SQLite's write lock
    // throughout; after a failure, importing again skips the rows already in as duplicates.
    for (const batch of inChunks(candidates.filter((candidate) => candidate.resident))) {
      const added = await db.transaction((trx) => saveImportBatch(batch, context, record.id, trx))
      // Imported residents arrive confirmed (the organisation holds their consent): said once committed.
      for (const residentId of added) await emitter.emit('resident:confirmed', { residentId })
    }
    const report = importReportOf(table, mapping, candidates)
    record.merge({
      userId: context.userId,
      status: 'imported',
      createdAt: DateTime.now(),
      totalRows: report.counts.total,
      importedRows: report.counts.imported,
      rejectedRows: report.counts.rejected,
      report: report as unknown as Record<string, unknown>,
    })
    await record.save()
    return record
  }

  /** Every row checked on its own, then against the other rows and against Beacon's residents. */
  static async #analyse(table: CsvTable, mapping: ColumnMapping) {
    const lookups = await loadImportLookups()
    const candidates = table.rows.map((row) =>
      checkImportRow(row, table.headers.length, mapping, lookups)
    )
    markDuplicatesInFile(candidates)
    await markAlreadyRegistered(candidates)
    return candidates
  }
}
