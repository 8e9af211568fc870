import { isPostgres } from '#services/platform/infrastructure/sql_dialect'

type WhereRawQuery<Query> = {
  whereIn(column: string, values: number[]): Query
  whereRaw(sql: string, bindings: unknown[]): Query
}

/**
 * `column in (ids)` for a long list of ids. On PostgreSQL the ids go as one
 * array parameter: a statement of hundreds of `?`s costs knex a numbering
 * pass and the driver and server a parameter each, on every send job.
 * SQLite has no arrays and keeps the plain list.
 */
export function whereIdIn<Query>(query: WhereRawQuery<Query>, column: string, ids: number[]) {
  return isPostgres()
    ? query.whereRaw('?? = any(?::bigint[])', [column, ids])
    : query.whereIn(column, ids)
}
