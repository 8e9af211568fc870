import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/** A value in a figure's key: an id, a UK day, a source, a dimension, an answer. */
export type KeyValue = string | number

/** What every figure entry has: it counts from its start day until its end day (null: still counts). */
export interface DatedEntry {
  start_day: string
  end_day: string | null
}

/** One figure row's change: its key, in the order of the key columns, and what to add. */
interface Delta {
  key: KeyValue[]
  started: number
  stopped: number
}

/**
 * The tables of one kind of day figures (resident_day_figures.ts, answer_day_figures.ts):
 * the entries each resident adds, and the figures they add up to, one row a
 * key and UK day, with the entries started and stopped that day.
 */
export interface DayFigureTables<Entry extends DatedEntry> {
  entriesTable: string
  entryColumns: readonly (keyof Entry & string)[]
  figuresTable: string
  /** The figures' primary key, which the upsert's ON CONFLICT names. */
  keyColumns: readonly string[]
  /** The key of the figure an entry counts in on a day, in the order of keyColumns. */
  figureKey: (entry: Entry, day: string) => KeyValue[]
  /**
   * Rows in one INSERT. Raw VALUES rather than Knex's insert of many rows: on
   * SQLite Knex writes them as a compound SELECT, which allows no more than
   * 500 terms. Chunked so that a statement's bindings stay under SQLite's limit.
   */
  rowsPerStatement: number
}

/**
 * What the figures gain or lose as entries are taken back (-1) and added (+1):
 * an entry is one started on its start day and, once it ends, one stopped on
 * its end day. Deltas with the same key add up, so an unchanged entry taken
 * back and added again changes nothing.
 */
export class DayFigureDeltas<Entry extends DatedEntry> {
  readonly #byKey = new Map<string, Delta>()

  constructor(private readonly figureKey: DayFigureTables<Entry>['figureKey']) {}

  add(entry: Entry, sign: 1 | -1) {
    this.#bump(this.figureKey(entry, entry.start_day), 'started', sign)
    if (entry.end_day) this.#bump(this.figureKey(entry, entry.end_day), 'stopped', sign)
  }

  /** The rows that change, in the order first met. */
  changes() {
    return [...this.#byKey.values()].filter((delta) => delta.started || delta.stopped)
  }

  #bump(key: KeyValue[], field: 'started' | 'stopped', sign: 1 | -1) {
    const id = JSON.stringify(key)
    const delta = this.#byKey.get(id) ?? { key, started: 0, stopped: 0 }
    delta[field] += sign
    this.#byKey.set(id, delta)
  }
}

/** Writes one kind of day figures: the entries, and the figures' deltas. */
export class DayFigureWriter<Entry extends DatedEntry> {
  constructor(private readonly tables: DayFigureTables<Entry>) {}

  newDeltas() {
    return new DayFigureDeltas<Entry>(this.tables.figureKey)
  }

  async insertEntries(trx: TransactionClientContract, entries: Entry[]) {
    const { entriesTable, entryColumns } = this.tables
    for (const chunk of chunksOf(entries, this.tables.rowsPerStatement)) {
      await trx.rawQuery(
        `INSERT INTO ${entriesTable} (${entryColumns.join(', ')})
         VALUES ${valuesOf(chunk.length, entryColumns.length)}`,
        // An open entry's end_day is NULL, which the binding types leave out.
        chunk.flatMap((entry) => entryColumns.map((column) => entry[column])) as any[]
      )
    }
  }

  /** Adds the deltas to the figures: a key not there yet is inserted, one there is added to. */
  async applyDeltas(trx: TransactionClientContract, deltas: DayFigureDeltas<Entry>) {
    const { figuresTable, keyColumns } = this.tables
    for (const chunk of chunksOf(deltas.changes(), this.tables.rowsPerStatement)) {
      await trx.rawQuery(
        `INSERT INTO ${figuresTable} (${keyColumns.join(', ')}, started, stopped)
         VALUES ${valuesOf(chunk.length, keyColumns.length + 2)}
         ON CONFLICT (${keyColumns.join(', ')}) DO UPDATE SET
           started = ${figuresTable}.started + excluded.started,
           stopped = ${figuresTable}.stopped + excluded.stopped`,
        chunk.flatMap((delta) => [...delta.key, delta.started, delta.stopped])
      )
    }
  }
}

function chunksOf<Row>(rows: Row[], size: number) {
  const chunks: Row[][] = []
  for (let from = 0; from < rows.length; from += size) chunks.push(rows.slice(from, from + size))
  return chunks
}

/** "(?, ?), (?, ?)": the placeholders of so many rows of so many columns. */
function valuesOf(rows: number, columns: number) {
  const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`
  return Array.from({ length: rows }, () => row).join(', ')
}
