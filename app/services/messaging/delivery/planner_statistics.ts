import db from '@adonisjs/lucid/services/db'

/**
 * Tells the database's query planner about rows just written in bulk, as
 * PostgreSQL's documentation advises after a large load. Autoanalyze waits
 * until a tenth of a table has changed (or never runs, where autovacuum is
 * off), so the rows of a new message can be unknown to the planner for the
 * whole of its send: it then takes the alert's index for a few rows and
 * walks hundreds of thousands to claim a batch of 50 (270 ms a claim at 1M).
 */
export default class PlannerStatistics {
  static async refresh(table: 'deliveries') {
    // SQLite bounds the work with analysis_limit (config/database.ts); PostgreSQL samples 30,000 rows.
    await db.rawQuery(`ANALYZE ${table}`)
  }
}
