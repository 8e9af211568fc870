import db from '@adonisjs/lucid/services/db'
import type { DateTime } from 'luxon'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import ResidentDayFigures, {
  EVERY_AREA,
} from '#services/engagement/reports/daily_figures/resident_day_figures'
import { ukDayOf } from '#services/engagement/reports/daily_figures/uk_days'

/** Counted at midnight D: started less stopped on the days before it. */
function countedAt(instant: DateTime, alias: string) {
  return db.raw(
    `SUM(CASE WHEN resident_day_figures.day < ? THEN resident_day_figures.started - resident_day_figures.stopped ELSE 0 END) AS ${alias}`,
    [ukDayOf(instant)]
  )
}

/** Counted at some time in [from, until): started before until, less stopped before from. */
function overlapSql(from: DateTime, until: DateTime) {
  return {
    sql: `SUM(CASE WHEN resident_day_figures.day < ? THEN resident_day_figures.started ELSE 0 END)
      - SUM(CASE WHEN resident_day_figures.day < ? THEN resident_day_figures.stopped ELSE 0 END) > 0`,
    bindings: [ukDayOf(until), ukDayOf(from)],
  }
}

function figuresOf(organisationId: number, areaId?: number): DatabaseQueryBuilderContract {
  const query = db
    .from('resident_day_figures')
    .where('resident_day_figures.organisation_id', organisationId)
  return areaId === undefined
    ? query.whereNot('resident_day_figures.area_id', EVERY_AREA)
    : query.where('resident_day_figures.area_id', areaId)
}

/**
 * ResidentFigures' counts from the daily figures, for instants at UK
 * midnight (every instant a report asks for): a few thousand rows a year
 * whatever the number of residents. Each settles the changes first, so a
 * figure is as exact as one counted from the consents.
 */
export default class ResidentDayCounts {
  static async at(organisationId: number, instants: DateTime[]) {
    await ResidentDayFigures.settle()
    const query = figuresOf(organisationId, EVERY_AREA)
    instants.forEach((instant, index) => query.select(countedAt(instant, `at_${index}`)))
    const row = await query.first()
    return instants.map((_, index) => Number(row?.[`at_${index}`] ?? 0))
  }

  static async bySource(organisationId: number, from: DateTime, until: DateTime) {
    await ResidentDayFigures.settle()
    const overlap = overlapSql(from, until)
    const rows = await figuresOf(organisationId, EVERY_AREA)
      .select('source as key', countedAt(from, 'at_0'), countedAt(until, 'at_1'))
      .groupBy('source')
      .havingRaw(overlap.sql, overlap.bindings)
      .orderBy('source')
    return rows.map((row) => ({
      key: String(row.key),
      atStart: Number(row.at_0),
      atEnd: Number(row.at_1),
    }))
  }

  /** Rows of areas of a level, as ResidentFigures#byArea has them (settle first). */
  static byArea(organisationId: number, from: DateTime, until: DateTime, level: string) {
    const overlap = overlapSql(from, until)
    return figuresOf(organisationId)
      .join('areas', 'areas.id', 'resident_day_figures.area_id')
      .where('areas.level', level)
      .select(
        'areas.id as key',
        'areas.name as label',
        countedAt(from, 'at_0'),
        countedAt(until, 'at_1')
      )
      .groupBy('areas.id', 'areas.name')
      .havingRaw(overlap.sql, overlap.bindings)
      .orderBy('areas.name')
  }

  /** Residents living in each of the areas at a UK midnight, by area id. */
  static async inAreas(organisationId: number, instant: DateTime, areaIds: number[]) {
    await ResidentDayFigures.settle()
    const rows = areaIds.length
      ? await figuresOf(organisationId)
          .whereIn('resident_day_figures.area_id', areaIds)
          .groupBy('resident_day_figures.area_id')
          .select('resident_day_figures.area_id', countedAt(instant, 'total'))
      : []
    return new Map(rows.map((row) => [Number(row.area_id), Number(row.total)]))
  }
}
