import db from '@adonisjs/lucid/services/db'

/** Whether the install runs on PostgreSQL (else SQLite): for the few statements each writes its own way. */
export function isPostgres() {
  return db.connection().dialect.name === 'postgres'
}
