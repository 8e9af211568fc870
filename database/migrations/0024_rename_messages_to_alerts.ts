import { BaseSchema } from '@adonisjs/lucid/schema'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/**
 * One word for one concept: what staff write and residents receive is an
 * "alert" on every page, so the tables and columns say so too (they said
 * "message"). Indexes, constraints and sequences follow, so that later
 * migrations find them by their usual names. outbox_emails.message_id is an
 * email's Message-ID header, not an alert, and keeps its name.
 */
const TABLES: [string, string][] = [
  ['messages', 'alerts'],
  ['message_variants', 'alert_variants'],
  ['message_reviews', 'alert_reviews'],
  ['message_templates', 'alert_templates'],
]

/** Every table with a message_id column naming an alert, by its new name. */
const COLUMN_TABLES = ['deliveries', 'alert_variants', 'alert_reviews', 'target_deliveries']

/** What the audit log calls an alert: its subject type and its actions' prefix. */
const AUDIT_SUBJECT = { message: 'message', alert: 'alert' } as const

export default class extends BaseSchema {
  async up() {
    this.defer((db) => rename(db, 'message', 'alert'))
  }

  async down() {
    this.defer((db) => rename(db, 'alert', 'message'))
  }
}

async function rename(db: QueryClientContract, from: 'message' | 'alert', to: 'message' | 'alert') {
  const postgres = db.dialect.name === 'postgres'
  const tables = from === 'message' ? TABLES : TABLES.map(([a, b]) => [b, a] as const)
  for (const [oldName, newName] of tables) {
    await db.rawQuery(`ALTER TABLE ${oldName} RENAME TO ${newName}`)
  }
  const oldNameOf = new Map(TABLES.map(([oldName, newName]) => [newName, oldName]))
  const columnTables =
    from === 'message' ? COLUMN_TABLES : COLUMN_TABLES.map((table) => oldNameOf.get(table) ?? table)
  for (const table of columnTables) {
    await db.rawQuery(`ALTER TABLE ${table} RENAME COLUMN ${from}_id TO ${to}_id`)
  }

  // An alert's history in the audit log is found by these words.
  await db
    .from('audit_logs')
    .where('subject_type', AUDIT_SUBJECT[from])
    .update({ subject_type: AUDIT_SUBJECT[to] })
  await db
    .from('audit_logs')
    .where('subject_type', 'like', `${from}%`)
    .whereNot('subject_type', AUDIT_SUBJECT[from])
    .update({
      subject_type: db.raw(`CAST(? AS TEXT) || substr(subject_type, CAST(? AS INTEGER))`, [
        to,
        from.length + 1,
      ]),
    })
  await db
    .from('audit_logs')
    .where('action', 'like', `${from}.%`)
    .update({
      action: db.raw(`CAST(? AS TEXT) || substr(action, CAST(? AS INTEGER))`, [
        `${to}.`,
        from.length + 2,
      ]),
    })

  const renamedTables = [...tables.map(([, newName]) => newName), ...columnTables]
  if (postgres) await renamePostgresObjects(db, renamedTables, from, to)
  else await renameSqliteIndexes(db, renamedTables, from, to)
}

/** Constraints that own no index first (renaming an index renames its constraint too). */
async function renamePostgresObjects(
  db: QueryClientContract,
  tables: string[],
  from: string,
  to: string
) {
  const constraints = await db.rawQuery(
    `SELECT c.conname AS name, t.relname AS table_name FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = current_schema() AND c.contype IN ('f', 'c') AND c.conname LIKE ?
        AND t.relname = ANY(?)`,
    [`%${from}%`, tables]
  )
  for (const row of constraints.rows as { name: string; table_name: string }[]) {
    await db.rawQuery(
      `ALTER TABLE "${row.table_name}" RENAME CONSTRAINT "${row.name}" TO "${row.name.replaceAll(from, to)}"`
    )
  }
  // Indexes of the renamed tables, and the sequences their ids use.
  const relations = await db.rawQuery(
    `SELECT c.relname AS name, c.relkind AS kind FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relname LIKE ? AND (
        (c.relkind = 'i' AND EXISTS (SELECT 1 FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
                                      WHERE i.indexrelid = c.oid AND t.relname = ANY(?)))
        OR (c.relkind = 'S' AND c.relname LIKE ?))`,
    [`%${from}%`, tables, `${from}%`]
  )
  for (const row of relations.rows as { name: string; kind: string }[]) {
    const kind = row.kind === 'S' ? 'SEQUENCE' : 'INDEX'
    await db.rawQuery(`ALTER ${kind} "${row.name}" RENAME TO "${row.name.replaceAll(from, to)}"`)
  }
}

/** SQLite cannot rename an index: each is created again under its new name (its columns already follow). */
async function renameSqliteIndexes(
  db: QueryClientContract,
  tables: string[],
  from: string,
  to: string
) {
  const placeholders = tables.map(() => '?').join(', ')
  const indexes = (await db.rawQuery(
    `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND name LIKE ?
        AND tbl_name IN (${placeholders})`,
    [`%${from}%`, ...tables]
  )) as { name: string; sql: string }[]
  for (const index of indexes) {
    await db.rawQuery(`DROP INDEX "${index.name}"`)
    const newName = index.name.replaceAll(from, to)
    await db.rawQuery(index.sql.replace(new RegExp(`(["\`]?)${index.name}\\1`), `"${newName}"`))
  }
}
