import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The audience index (Redis bitmaps, see app/services/targeting/audience_index.ts)
 * learns what changed from audience_changes, which triggers fill on every
 * write to the tables targeting reads. Triggers, not application code, so
 * that no write path (imports, cascades, plugins, a DBA's fix) can leave
 * the index behind. audience_index names the generation of bitmaps that
 * matches this database: a restored backup or an emptied database no
 * longer matches, and the bitmaps are rebuilt.
 */
const SUBSCRIBER_TABLE = 'subscribers'
const MEMBER_TABLES = [
  'subscriber_areas',
  'subscriber_interests',
  'scheme_members',
  'consents',
  'channel_preferences',
  'demographics',
]

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('audience_changes', (table) => {
      table.bigIncrements('id')
      table.integer('subscriber_id').notNullable()
    })
    this.schema.createTable('audience_index', (table) => {
      table.increments('id')
      table.string('generation', 40).notNullable()
      table.timestamp('built_at').notNullable()
    })

    this.defer(async (db) => {
      const statements = db.dialect.name === 'postgres' ? postgresTriggers() : sqliteTriggers()
      for (const statement of statements) await db.rawQuery(statement)
    })
  }

  async down() {
    this.defer(async (db) => {
      if (db.dialect.name === 'postgres') {
        for (const table of [SUBSCRIBER_TABLE, ...MEMBER_TABLES]) {
          await db.rawQuery(`DROP TRIGGER IF EXISTS ${table}_audience_change ON ${table}`)
        }
        await db.rawQuery('DROP FUNCTION IF EXISTS audience_note_subscriber()')
        await db.rawQuery('DROP FUNCTION IF EXISTS audience_note_member()')
      } else {
        for (const table of [SUBSCRIBER_TABLE, ...MEMBER_TABLES]) {
          for (const event of ['insert', 'update', 'delete']) {
            await db.rawQuery(`DROP TRIGGER IF EXISTS ${table}_audience_${event}`)
          }
        }
      }
    })
    this.schema.dropTable('audience_index')
    this.schema.dropTable('audience_changes')
  }
}

function postgresTriggers() {
  return [
    `CREATE OR REPLACE FUNCTION audience_note_subscriber() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP = 'DELETE' THEN
         INSERT INTO audience_changes (subscriber_id) VALUES (OLD.id);
       ELSE
         INSERT INTO audience_changes (subscriber_id) VALUES (NEW.id);
       END IF;
       RETURN NULL;
     END $$`,
    `CREATE OR REPLACE FUNCTION audience_note_member() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP <> 'INSERT' THEN
         INSERT INTO audience_changes (subscriber_id) VALUES (OLD.subscriber_id);
       END IF;
       IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.subscriber_id <> OLD.subscriber_id) THEN
         INSERT INTO audience_changes (subscriber_id) VALUES (NEW.subscriber_id);
       END IF;
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER ${SUBSCRIBER_TABLE}_audience_change AFTER INSERT OR UPDATE OR DELETE ON ${SUBSCRIBER_TABLE}
     FOR EACH ROW EXECUTE FUNCTION audience_note_subscriber()`,
    ...MEMBER_TABLES.map(
      (table) =>
        `CREATE TRIGGER ${table}_audience_change AFTER INSERT OR UPDATE OR DELETE ON ${table}
         FOR EACH ROW EXECUTE FUNCTION audience_note_member()`
    ),
  ]
}

function sqliteTriggers() {
  const note = (table: string, event: string, values: string) =>
    `CREATE TRIGGER ${table}_audience_${event} AFTER ${event.toUpperCase()} ON ${table}
     BEGIN INSERT INTO audience_changes (subscriber_id) ${values}; END`
  return [
    note(SUBSCRIBER_TABLE, 'insert', 'VALUES (NEW.id)'),
    note(SUBSCRIBER_TABLE, 'update', 'VALUES (NEW.id)'),
    note(SUBSCRIBER_TABLE, 'delete', 'VALUES (OLD.id)'),
    ...MEMBER_TABLES.flatMap((table) => [
      note(table, 'insert', 'VALUES (NEW.subscriber_id)'),
      note(table, 'update', 'SELECT NEW.subscriber_id UNION SELECT OLD.subscriber_id'),
      note(table, 'delete', 'VALUES (OLD.subscriber_id)'),
    ]),
  ]
}
