import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The "About you" answers in the daily figures (0094), so that Who we reach
 * at a past UK midnight counts them from a few rows per ward and answer
 * rather than from every consent, one scan per question.
 *
 * resident_answer_log: each resident's answers as they gave them, written by
 * triggers on demographics (so no write path can skip it): a row of the
 * new answers at demographics.updated_at when they are given or changed, a
 * row of none when they are deleted. demographics keeps only the answers of
 * now, so this is the only history there is; the rows copied from
 * demographics by this migration have no date: they stand for every day
 * before it (what a resident answered before then is not known).
 *
 * answer_day_figures: per organisation, UK day, area, question and answer,
 * the residents who started to count with that answer that day and who
 * stopped (they stopped counting, or changed the answer). answer_figure_entries
 * holds what each resident adds now, so a change takes back exactly what it
 * added. The triggers also name the resident in report_resident_changes,
 * as 0094's do, and the reports settle it before they count.
 */
const COLUMNS = ['age_band', 'sex', 'ethnicity', 'disability', 'main_language']

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('resident_answer_log', (table) => {
      table.bigIncrements('id')
      table.integer('resident_id').notNullable().index()
      // Null: given before the figures started.
      table.timestamp('answered_at').nullable()
      table.string('age_band', 20).nullable()
      table.string('sex', 30).nullable()
      table.string('ethnicity', 60).nullable()
      table.string('disability', 30).nullable()
      table.string('main_language', 40).nullable()
    })
    this.schema.createTable('answer_day_figures', (table) => {
      table.integer('organisation_id').notNullable()
      table.integer('area_id').notNullable()
      table.string('day', 10).notNullable()
      table.string('dimension', 20).notNullable()
      table.string('answer', 60).notNullable()
      table.integer('started').notNullable()
      table.integer('stopped').notNullable()
      table.primary(['organisation_id', 'dimension', 'area_id', 'answer', 'day'])
    })
    this.schema.createTable('answer_figure_entries', (table) => {
      table.integer('resident_id').notNullable().index()
      table.integer('organisation_id').notNullable()
      table.integer('area_id').notNullable()
      table.string('dimension', 20).notNullable()
      table.string('answer', 60).notNullable()
      table.string('start_day', 10).notNullable()
      table.string('end_day', 10).nullable()
    })

    this.defer(async (db) => {
      const columns = COLUMNS.join(', ')
      // Today's answers stand for every day before the figures started.
      await db.rawQuery(
        `INSERT INTO resident_answer_log (resident_id, answered_at, ${columns})
         SELECT resident_id, NULL, ${columns} FROM demographics`
      )
      // Residents with answers are settled on first use (or by reports:rebuild), as 0094's are.
      await db.rawQuery(
        `INSERT INTO report_resident_changes (resident_id)
         SELECT resident_id FROM demographics
         WHERE EXISTS (SELECT 1 FROM consents WHERE consents.resident_id = demographics.resident_id)`
      )
      const statements = db.dialect.name === 'postgres' ? postgresTriggers() : sqliteTriggers()
      for (const statement of statements) await db.rawQuery(statement)
    })
  }

  async down() {
    this.defer(async (db) => {
      if (db.dialect.name === 'postgres') {
        await db.rawQuery('DROP TRIGGER IF EXISTS demographics_answer_log ON demographics')
        await db.rawQuery('DROP FUNCTION IF EXISTS report_log_answers()')
      } else {
        for (const event of ['insert', 'update', 'delete']) {
          await db.rawQuery(`DROP TRIGGER IF EXISTS demographics_answer_${event}`)
        }
      }
    })
    this.schema.dropTable('answer_figure_entries')
    this.schema.dropTable('answer_day_figures')
    this.schema.dropTable('resident_answer_log')
  }
}

/*
 * The answers date from updated_at, which Beacon sets with them (so an
 * import or a test can say when they were given); a write that leaves it
 * as it was (a hand-written fix) dates from the moment it is made.
 */
function postgresTriggers() {
  const columns = COLUMNS.join(', ')
  const pgWhen = `CASE WHEN TG_OP = 'UPDATE' AND NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at
    THEN CURRENT_TIMESTAMP ELSE NEW.updated_at END`
  return [
    `CREATE OR REPLACE FUNCTION report_log_answers() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND NEW.resident_id <> OLD.resident_id) THEN
         INSERT INTO resident_answer_log (resident_id, answered_at) VALUES (OLD.resident_id, CURRENT_TIMESTAMP);
         INSERT INTO report_resident_changes (resident_id) VALUES (OLD.resident_id);
       END IF;
       IF TG_OP <> 'DELETE' THEN
         INSERT INTO resident_answer_log (resident_id, answered_at, ${columns})
         VALUES (NEW.resident_id, ${pgWhen}, ${COLUMNS.map((column) => `NEW.${column}`).join(', ')});
         INSERT INTO report_resident_changes (resident_id) VALUES (NEW.resident_id);
       END IF;
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER demographics_answer_log AFTER INSERT OR UPDATE OR DELETE ON demographics
     FOR EACH ROW EXECUTE FUNCTION report_log_answers()`,
  ]
}

function sqliteTriggers() {
  const columns = COLUMNS.join(', ')
  const logNew = (
    when: string
  ) => `INSERT INTO resident_answer_log (resident_id, answered_at, ${columns})
      VALUES (NEW.resident_id, ${when}, ${COLUMNS.map((column) => `NEW.${column}`).join(', ')});
    INSERT INTO report_resident_changes (resident_id) VALUES (NEW.resident_id);`
  // CURRENT_TIMESTAMP is UTC text, as the stored times are read (uk_days.ts).
  const logNone = `INSERT INTO resident_answer_log (resident_id, answered_at) VALUES (OLD.resident_id, CURRENT_TIMESTAMP);
    INSERT INTO report_resident_changes (resident_id) VALUES (OLD.resident_id);`
  return [
    `CREATE TRIGGER demographics_answer_insert AFTER INSERT ON demographics BEGIN ${logNew('NEW.updated_at')} END`,
    `CREATE TRIGGER demographics_answer_update AFTER UPDATE ON demographics BEGIN
       INSERT INTO resident_answer_log (resident_id, answered_at)
         SELECT OLD.resident_id, CURRENT_TIMESTAMP WHERE NEW.resident_id <> OLD.resident_id;
       INSERT INTO report_resident_changes (resident_id)
         SELECT OLD.resident_id WHERE NEW.resident_id <> OLD.resident_id;
       ${logNew('CASE WHEN NEW.updated_at IS OLD.updated_at THEN CURRENT_TIMESTAMP ELSE NEW.updated_at END')} END`,
    `CREATE TRIGGER demographics_answer_delete AFTER DELETE ON demographics BEGIN ${logNone} END`,
  ]
}
