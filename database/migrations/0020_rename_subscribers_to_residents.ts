import { BaseSchema } from '@adonisjs/lucid/schema'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/**
 * One word for one concept: the people who get alerts are "residents" on every
 * page, so the tables and columns say so too (they said "subscribers"). The
 * audience triggers of migration 0014 name the old tables, so they are dropped
 * first and created again for the new names; indexes, constraints and
 * sequences follow so that later migrations can find them by their usual names.
 */
const TABLES: [string, string][] = [
  ['subscribers', 'residents'],
  ['subscriber_areas', 'resident_areas'],
  ['subscriber_interests', 'resident_interests'],
  ['subscriber_tokens', 'resident_tokens'],
  ['subscriber_imports', 'resident_imports'],
]

/** Every table with a subscriber_id column, by its new name. */
const COLUMN_TABLES = [
  'resident_areas',
  'resident_interests',
  'resident_tokens',
  'consents',
  'deliveries',
  'scheme_members',
  'channel_preferences',
  'demographics',
  'audience_changes',
  'requested_consents',
  'resident_sessions',
  'contact_changes',
]

/** What the audit log calls the resident and their import, before and after. */
const AUDIT_WORDS: { column: 'subject_type' | 'action'; subscriber: string; resident: string }[] = [
  { column: 'subject_type', subscriber: 'subscriber', resident: 'resident' },
  { column: 'subject_type', subscriber: 'subscriber_import', resident: 'resident_import_record' },
  {
    column: 'action',
    subscriber: 'subscriber.doorstep_registered',
    resident: 'resident.doorstep_registered',
  },
]

/** The tables whose writes the audience index learns about (as in 0014), by word. */
const memberTables = (word: 'subscriber' | 'resident') => [
  `${word}_areas`,
  `${word}_interests`,
  'scheme_members',
  'consents',
  'channel_preferences',
  'demographics',
]

export default class extends BaseSchema {
  async up() {
    this.defer((db) => rename(db, 'subscriber', 'resident'))
  }

  async down() {
    this.defer((db) => rename(db, 'resident', 'subscriber'))
  }
}

async function rename(db: QueryClientContract, from: 'subscriber' | 'resident', to: string) {
  const postgres = db.dialect.name === 'postgres'
  await dropAudienceTriggers(db, from, postgres)

  const tables = from === 'subscriber' ? TABLES : TABLES.map(([a, b]) => [b, a] as const)
  for (const [oldName, newName] of tables) {
    await db.rawQuery(`ALTER TABLE ${oldName} RENAME TO ${newName}`)
  }
  // The column tables are named by their new names; going back, the renamed ones have their old names again.
  const oldNameOf = new Map(TABLES.map(([oldName, newName]) => [newName, oldName]))
  const columnTables =
    from === 'subscriber'
      ? COLUMN_TABLES
      : COLUMN_TABLES.map((table) => oldNameOf.get(table) ?? table)
  for (const table of columnTables) {
    await db.rawQuery(`ALTER TABLE ${table} RENAME COLUMN ${from}_id TO ${to}_id`)
  }

  // The audit history is found by these words (a resident's history, what erasure blanks).
  for (const word of AUDIT_WORDS) {
    const [oldWord, newWord] =
      from === 'subscriber' ? [word.subscriber, word.resident] : [word.resident, word.subscriber]
    await db
      .from('audit_logs')
      .where(word.column, oldWord)
      .update({ [word.column]: newWord })
  }

  if (postgres) await renamePostgresObjects(db, from, to)
  else await renameSqliteIndexes(db, from, to)

  const statements = postgres ? postgresTriggers(to) : sqliteTriggers(to)
  for (const statement of statements) await db.rawQuery(statement)
}

async function dropAudienceTriggers(db: QueryClientContract, word: string, postgres: boolean) {
  const tables = [`${word}s`, ...memberTables(word as 'subscriber' | 'resident')]
  for (const table of tables) {
    if (postgres) {
      await db.rawQuery(`DROP TRIGGER IF EXISTS ${table}_audience_change ON ${table}`)
    } else {
      for (const event of ['insert', 'update', 'delete']) {
        await db.rawQuery(`DROP TRIGGER IF EXISTS ${table}_audience_${event}`)
      }
    }
  }
  if (postgres) {
    await db.rawQuery(`DROP FUNCTION IF EXISTS audience_note_${word}()`)
    await db.rawQuery('DROP FUNCTION IF EXISTS audience_note_member()')
  }
}

/** Constraints that own no index first (renaming an index renames its constraint too). */
async function renamePostgresObjects(db: QueryClientContract, from: string, to: string) {
  const constraints = await db.rawQuery(
    `SELECT c.conname AS name, t.relname AS table_name FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema() AND c.contype IN ('f', 'c') AND c.conname LIKE ?`,
    [`%${from}%`]
  )
  for (const row of constraints.rows as { name: string; table_name: string }[]) {
    await db.rawQuery(
      `ALTER TABLE "${row.table_name}" RENAME CONSTRAINT "${row.name}" TO "${row.name.replaceAll(from, to)}"`
    )
  }
  const relations = await db.rawQuery(
    `SELECT c.relname AS name, c.relkind AS kind FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('i', 'S') AND c.relname LIKE ?`,
    [`%${from}%`]
  )
  for (const row of relations.rows as { name: string; kind: string }[]) {
    const kind = row.kind === 'S' ? 'SEQUENCE' : 'INDEX'
    await db.rawQuery(`ALTER ${kind} "${row.name}" RENAME TO "${row.name.replaceAll(from, to)}"`)
  }
}

/** SQLite cannot rename an index: each is created again under its new name (its columns already follow). */
async function renameSqliteIndexes(db: QueryClientContract, from: string, to: string) {
  const indexes = (await db.rawQuery(
    `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND name LIKE ?`,
    [`%${from}%`]
  )) as { name: string; sql: string }[]
  for (const index of indexes) {
    await db.rawQuery(`DROP INDEX "${index.name}"`)
    const newName = index.name.replaceAll(from, to)
    await db.rawQuery(index.sql.replace(new RegExp(`(["\`]?)${index.name}\\1`), `"${newName}"`))
  }
}

function postgresTriggers(word: string) {
  const people = `${word}s`
  return [
    `CREATE OR REPLACE FUNCTION audience_note_${word}() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP = 'DELETE' THEN
         INSERT INTO audience_changes (${word}_id) VALUES (OLD.id);
       ELSE
         INSERT INTO audience_changes (${word}_id) VALUES (NEW.id);
       END IF;
       RETURN NULL;
     END $$`,
    `CREATE OR REPLACE FUNCTION audience_note_member() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP <> 'INSERT' THEN
         INSERT INTO audience_changes (${word}_id) VALUES (OLD.${word}_id);
       END IF;
       IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.${word}_id <> OLD.${word}_id) THEN
         INSERT INTO audience_changes (${word}_id) VALUES (NEW.${word}_id);
       END IF;
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER ${people}_audience_change AFTER INSERT OR UPDATE OR DELETE ON ${people}
     FOR EACH ROW EXECUTE FUNCTION audience_note_${word}()`,
    ...memberTables(word as 'subscriber' | 'resident').map(
      (table) =>
        `CREATE TRIGGER ${table}_audience_change AFTER INSERT OR UPDATE OR DELETE ON ${table}
         FOR EACH ROW EXECUTE FUNCTION audience_note_member()`
    ),
  ]
}

function sqliteTriggers(word: string) {
  const people = `${word}s`
  const note = (table: string, event: string, values: string) =>
    `CREATE TRIGGER ${table}_audience_${event} AFTER ${event.toUpperCase()} ON ${table}
     BEGIN INSERT INTO audience_changes (${word}_id) ${values}; END`
  return [
    note(people, 'insert', 'VALUES (NEW.id)'),
    note(people, 'update', 'VALUES (NEW.id)'),
    note(people, 'delete', 'VALUES (OLD.id)'),
    ...memberTables(word as 'subscriber' | 'resident').flatMap((table) => [
      note(table, 'insert', `VALUES (NEW.${word}_id)`),
      note(table, 'update', `SELECT NEW.${word}_id UNION SELECT OLD.${word}_id`),
      note(table, 'delete', `VALUES (OLD.${word}_id)`),
    ]),
  ]
}
