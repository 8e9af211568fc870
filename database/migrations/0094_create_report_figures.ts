import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Daily figures for the organisation reports (app/services/engagement/reports/
 * daily_figures/), read instead of every consent and every delivery.
 *
 * resident_day_figures: per organisation, UK day, source and area (0: every
 * area), the residents who started to count that day and who stopped.
 * The count at any UK midnight is the started less the stopped of the days
 * before it. resident_figure_entries holds what each resident adds
 * now, so that a change to them takes back exactly what they added before.
 * report_resident_changes names the residents whose consents, status,
 * source or areas changed since: triggers fill it, as for the audience
 * index (0014), so no write path (imports, cascades, erasure, a DBA's fix)
 * can leave the figures behind; the reports settle it before they count.
 *
 * alert_delivery_figures: a finished alert's deliveries by channel and
 * status, keyed by alert (an alert may count in more than one
 * organisation's report); alert_figure_seals says which alerts have them.
 * An alert without a seal is counted from the ledger.
 */
const MEMBER_TABLES = ['consents', 'resident_areas']

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('report_resident_changes', (table) => {
      table.bigIncrements('id')
      table.integer('resident_id').notNullable()
    })
    this.schema.createTable('resident_day_figures', (table) => {
      table.integer('organisation_id').notNullable()
      table.integer('area_id').notNullable()
      table.string('day', 10).notNullable()
      table.string('source', 40).notNullable()
      // Residents who started to count that day, and who stopped.
      table.integer('started').notNullable()
      table.integer('stopped').notNullable()
      table.primary(['organisation_id', 'area_id', 'day', 'source'])
    })
    this.schema.createTable('resident_figure_entries', (table) => {
      table.integer('resident_id').notNullable().index()
      table.integer('organisation_id').notNullable()
      table.integer('area_id').notNullable()
      table.string('source', 40).notNullable()
      table.string('start_day', 10).notNullable()
      table.string('end_day', 10).nullable()
    })
    this.schema.createTable('alert_delivery_figures', (table) => {
      table.integer('alert_id').unsigned().notNullable().references('alerts.id').onDelete('CASCADE')
      table.string('channel', 40).notNullable()
      table.string('status', 20).notNullable()
      table.integer('total').notNullable()
      table.primary(['alert_id', 'channel', 'status'])
    })
    this.schema.createTable('alert_figure_seals', (table) => {
      table
        .integer('alert_id')
        .unsigned()
        .notNullable()
        .primary()
        .references('alerts.id')
        .onDelete('CASCADE')
      table.timestamp('sealed_at').notNullable()
    })

    this.defer(async (db) => {
      const statements = db.dialect.name === 'postgres' ? postgresTriggers() : sqliteTriggers()
      for (const statement of statements) await db.rawQuery(statement)
    })
  }

  async down() {
    this.defer(async (db) => {
      if (db.dialect.name === 'postgres') {
        for (const table of ['residents', ...MEMBER_TABLES]) {
          await db.rawQuery(`DROP TRIGGER IF EXISTS ${table}_report_change ON ${table}`)
        }
        await db.rawQuery('DROP FUNCTION IF EXISTS report_note_resident()')
        await db.rawQuery('DROP FUNCTION IF EXISTS report_note_member()')
      } else {
        await db.rawQuery('DROP TRIGGER IF EXISTS residents_report_update')
        for (const table of MEMBER_TABLES) {
          for (const event of ['insert', 'update', 'delete']) {
            await db.rawQuery(`DROP TRIGGER IF EXISTS ${table}_report_${event}`)
          }
        }
      }
    })
    this.schema.dropTable('alert_figure_seals')
    this.schema.dropTable('alert_delivery_figures')
    this.schema.dropTable('resident_figure_entries')
    this.schema.dropTable('resident_day_figures')
    this.schema.dropTable('report_resident_changes')
  }
}

// Only the resident's columns the figures read: sign-ins and contact changes write nothing here.
const RESIDENT_COLUMNS = 'status, unsubscribed_at, source'

function postgresTriggers() {
  return [
    `CREATE OR REPLACE FUNCTION report_note_resident() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       INSERT INTO report_resident_changes (resident_id) VALUES (NEW.id);
       RETURN NULL;
     END $$`,
    `CREATE OR REPLACE FUNCTION report_note_member() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP <> 'INSERT' THEN
         INSERT INTO report_resident_changes (resident_id) VALUES (OLD.resident_id);
       END IF;
       IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.resident_id <> OLD.resident_id) THEN
         INSERT INTO report_resident_changes (resident_id) VALUES (NEW.resident_id);
       END IF;
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER residents_report_change AFTER UPDATE OF ${RESIDENT_COLUMNS} ON residents
     FOR EACH ROW EXECUTE FUNCTION report_note_resident()`,
    ...MEMBER_TABLES.map(
      (table) =>
        `CREATE TRIGGER ${table}_report_change AFTER INSERT OR UPDATE OR DELETE ON ${table}
         FOR EACH ROW EXECUTE FUNCTION report_note_member()`
    ),
  ]
}

function sqliteTriggers() {
  const note = (table: string, event: string, values: string) =>
    `CREATE TRIGGER ${table}_report_${event} AFTER ${event.toUpperCase()} ON ${table}
     BEGIN INSERT INTO report_resident_changes (resident_id) ${values}; END`
  return [
    `CREATE TRIGGER residents_report_update AFTER UPDATE OF ${RESIDENT_COLUMNS} ON residents
     BEGIN INSERT INTO report_resident_changes (resident_id) VALUES (NEW.id); END`,
    ...MEMBER_TABLES.flatMap((table) => [
      note(table, 'insert', 'VALUES (NEW.resident_id)'),
      note(table, 'update', 'SELECT NEW.resident_id UNION SELECT OLD.resident_id'),
      note(table, 'delete', 'VALUES (OLD.resident_id)'),
    ]),
  ]
}
