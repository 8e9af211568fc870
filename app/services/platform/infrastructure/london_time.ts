import { DateTime } from 'luxon'

export const LONDON = 'Europe/London'

export interface LocalDateTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
}

export type LondonConversion =
  | { kind: 'invalid' }
  /** The clocks go forward over this time (e.g. 01:30 on the last Sunday of March). */
  | { kind: 'nonexistent' }
  | { kind: 'exact'; instant: DateTime }
  /** The clocks go back over this time, so it happens twice: instant is the first (BST), later the second (GMT). */
  | { kind: 'ambiguous'; instant: DateTime; later: DateTime }

/**
 * Wall-clock time in the UK and the instants it names. Luxon alone silently
 * moves a time that does not exist and picks one of two that do, so every
 * candidate offset is checked instead.
 */
export default class LondonTime {
  static toUtc(local: LocalDateTime): LondonConversion {
    const naive = DateTime.fromObject(local, { zone: 'utc' })
    if (!naive.isValid) return { kind: 'invalid' }

    const offsets = new Set([-1, 0, 1].map((days) => naive.plus({ days }).setZone(LONDON).offset))
    const instants = [...offsets]
      .map((offset) => naive.minus({ minutes: offset }))
      .filter((instant) => {
        const wall = instant.setZone(LONDON)
        return wall.hour === local.hour && wall.minute === local.minute && wall.day === local.day
      })
      .sort((a, b) => a.toMillis() - b.toMillis())

    if (instants.length === 0) return { kind: 'nonexistent' }
    if (instants.length === 1) return { kind: 'exact', instant: instants[0] }
    return { kind: 'ambiguous', instant: instants[0], later: instants[instants.length - 1] }
  }

  static zoneLabel(instant: DateTime) {
    return instant.setZone(LONDON).offset === 0 ? 'GMT' : 'BST'
  }

  /** "Sunday 31 October 2027 at 01:30 BST" */
  static describe(instant: DateTime) {
    const london = instant.setZone(LONDON).setLocale('en-GB')
    return `${london.toFormat("cccc d LLLL yyyy 'at' HH:mm")} ${this.zoneLabel(instant)}`
  }

  /** "31 Oct 2027, 01:30 BST": for tables. */
  static short(instant: DateTime) {
    const london = instant.setZone(LONDON).setLocale('en-GB')
    return `${london.toFormat('d LLL yyyy, HH:mm')} ${this.zoneLabel(instant)}`
  }

  static now() {
    return DateTime.now().setZone(LONDON)
  }
}
