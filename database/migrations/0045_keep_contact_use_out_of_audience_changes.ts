import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A contact's last use (last_used_at, written for every push sent) or its
 * label changes nobody's audience: only a contact's kind, owner and whether it
 * works do. Migration 0022's trigger noted every update of resident_contacts
 * as an audience change, so a send to 10,000 browsers queued 10,000 changes
 * for the audience index. The update trigger now watches those columns only.
 */
export default class extends BaseSchema {
  async up() {
    this.defer(async (db) => {
      if (db.dialect.name === 'postgres') {
        await db.rawQuery(
          'DROP TRIGGER IF EXISTS resident_contacts_audience_change ON resident_contacts'
        )
        await db.rawQuery(
          `CREATE TRIGGER resident_contacts_audience_change
           AFTER INSERT OR DELETE OR UPDATE OF resident_id, kind, invalid_at ON resident_contacts
           FOR EACH ROW EXECUTE FUNCTION audience_note_member()`
        )
      } else {
        await db.rawQuery('DROP TRIGGER IF EXISTS resident_contacts_audience_update')
        await db.rawQuery(
          `CREATE TRIGGER resident_contacts_audience_update
           AFTER UPDATE OF resident_id, kind, invalid_at ON resident_contacts
           BEGIN INSERT INTO audience_changes (resident_id) SELECT NEW.resident_id UNION SELECT OLD.resident_id; END`
        )
      }
    })
  }

  async down() {
    this.defer(async (db) => {
      if (db.dialect.name === 'postgres') {
        await db.rawQuery(
          'DROP TRIGGER IF EXISTS resident_contacts_audience_change ON resident_contacts'
        )
        await db.rawQuery(
          `CREATE TRIGGER resident_contacts_audience_change AFTER INSERT OR UPDATE OR DELETE ON resident_contacts
           FOR EACH ROW EXECUTE FUNCTION audience_note_member()`
        )
      } else {
        await db.rawQuery('DROP TRIGGER IF EXISTS resident_contacts_audience_update')
        await db.rawQuery(
          `CREATE TRIGGER resident_contacts_audience_update AFTER UPDATE ON resident_contacts
           BEGIN INSERT INTO audience_changes (resident_id) SELECT NEW.resident_id UNION SELECT OLD.resident_id; END`
        )
      }
    })
  }
}
