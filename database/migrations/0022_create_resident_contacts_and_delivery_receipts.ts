import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Channels declare the contact they need (app/contracts/contacts.ts):
 * - resident_contacts keeps the contacts that are not columns of the
 *   resident's record (a push subscription per browser, a plugin's own
 *   kind). Targeting reads it, so it notes its changes in audience_changes
 *   like the tables of migration 0014.
 * - a dead mobile or landline number is suppressed as a bounced email
 *   address is; a trigger clears the mark when the number changes, whatever
 *   path writes it.
 * - a receipt finds its delivery by (channel, provider_id).
 * The audience index's facts are now named by contact rather than by
 * channel: forgetting the index's generation makes the next count rebuild it.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('resident_contacts', (table) => {
      table.increments('id')
      table
        .integer('resident_id')
        .unsigned()
        .notNullable()
        .references('residents.id')
        .onDelete('CASCADE')
      table.string('kind', 40).notNullable()
      // Encrypted with APP_KEY when the plugin says it is personal data (see `encrypted`).
      table.text('value').notNullable()
      table.boolean('encrypted').notNullable()
      // A keyed hash of the value: finds a contact (and a duplicate) without decrypting every row.
      table.string('value_hash', 64).notNullable()
      table.string('label', 120).nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('last_used_at').nullable()
      table.timestamp('invalid_at').nullable()
      table.unique(['resident_id', 'kind', 'value_hash'])
      table.index(['kind', 'value_hash'])
    })

    this.schema.alterTable('residents', (table) => {
      table.timestamp('phone_invalid_at').nullable()
      table.timestamp('landline_invalid_at').nullable()
    })

    this.schema.alterTable('deliveries', (table) => {
      table.index(['channel', 'provider_id'])
    })

    this.defer(async (db) => {
      const statements = db.dialect.name === 'postgres' ? postgresTriggers() : sqliteTriggers()
      for (const statement of statements) await db.rawQuery(statement)
      await db.from('audience_index').delete()
    })
  }

  async down() {
    this.defer(async (db) => {
      if (db.dialect.name === 'postgres') {
        await db.rawQuery(
          'DROP TRIGGER IF EXISTS resident_contacts_audience_change ON resident_contacts'
        )
        await db.rawQuery('DROP TRIGGER IF EXISTS residents_number_changed ON residents')
        await db.rawQuery('DROP FUNCTION IF EXISTS residents_clear_number_marks()')
      } else {
        for (const event of ['insert', 'update', 'delete']) {
          await db.rawQuery(`DROP TRIGGER IF EXISTS resident_contacts_audience_${event}`)
        }
        await db.rawQuery('DROP TRIGGER IF EXISTS residents_phone_changed')
        await db.rawQuery('DROP TRIGGER IF EXISTS residents_landline_changed')
      }
      await db.from('audience_index').delete()
    })
    this.schema.alterTable('deliveries', (table) => {
      table.dropIndex(['channel', 'provider_id'])
    })
    // Plain DROP COLUMN, not knex's: on SQLite knex copies the table and drops the original,
    // which cascades to every table that references residents and loses their triggers.
    this.defer(async (db) => {
      await db.rawQuery('ALTER TABLE residents DROP COLUMN phone_invalid_at')
      await db.rawQuery('ALTER TABLE residents DROP COLUMN landline_invalid_at')
    })
    this.schema.dropTable('resident_contacts')
  }
}

function postgresTriggers() {
  return [
    // audience_note_member() is migration 0014's.
    `CREATE TRIGGER resident_contacts_audience_change AFTER INSERT OR UPDATE OR DELETE ON resident_contacts
     FOR EACH ROW EXECUTE FUNCTION audience_note_member()`,
    `CREATE OR REPLACE FUNCTION residents_clear_number_marks() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF NEW.phone IS DISTINCT FROM OLD.phone THEN NEW.phone_invalid_at := NULL; END IF;
       IF NEW.landline IS DISTINCT FROM OLD.landline THEN NEW.landline_invalid_at := NULL; END IF;
       RETURN NEW;
     END $$`,
    `CREATE TRIGGER residents_number_changed BEFORE UPDATE ON residents
     FOR EACH ROW EXECUTE FUNCTION residents_clear_number_marks()`,
  ]
}

function sqliteTriggers() {
  const note = (event: string, values: string) =>
    `CREATE TRIGGER resident_contacts_audience_${event} AFTER ${event.toUpperCase()} ON resident_contacts
     BEGIN INSERT INTO audience_changes (resident_id) ${values}; END`
  const clear = (column: string) =>
    `CREATE TRIGGER residents_${column}_changed AFTER UPDATE OF ${column} ON residents
     WHEN NEW.${column} IS NOT OLD.${column} AND NEW.${column}_invalid_at IS NOT NULL
     BEGIN UPDATE residents SET ${column}_invalid_at = NULL WHERE id = NEW.id; END`
  return [
    note('insert', 'VALUES (NEW.resident_id)'),
    note('update', 'SELECT NEW.resident_id UNION SELECT OLD.resident_id'),
    note('delete', 'VALUES (OLD.resident_id)'),
    clear('phone'),
    clear('landline'),
  ]
}
