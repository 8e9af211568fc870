/**
 * When a plugin's scheduled job (#contracts/schedules) falls due: the slot a
 * moment belongs to, so that every worker agrees which run is which.
 */
const INTERVAL = /^(\d+)(m|h|d)$/
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const
const FIELDS: Array<[min: number, max: number]> = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
]

export interface Timing {
  /** The slot `now` is in (its start, ms since the epoch), or null when the job is not due in it. */
  slotAt(now: number): number | null
  /** How long a slot's claim must outlive the slot. */
  slotMs: number
}

/** Reads '1h' or '30 2 * * *'; throws a plain message when it is neither. */
export function parseEvery(every: string): Timing {
  const interval = INTERVAL.exec(every.trim())
  if (interval) {
    const ms = Number(interval[1]) * UNIT_MS[interval[2] as keyof typeof UNIT_MS]
    if (ms <= 0) throw new Error(`"${every}" is not a schedule: the interval must be at least 1m`)
    return { slotMs: ms, slotAt: (now) => now - (now % ms) }
  }
  const fields = every.trim().split(/\s+/)
  if (fields.length !== 5) {
    throw new Error(`"${every}" is not a schedule: use an interval ('1h') or five cron fields`)
  }
  const allowed = fields.map((field, index) => parseField(field, FIELDS[index], every))
  return {
    slotMs: 60_000,
    slotAt(now) {
      const date = new Date(now)
      const parts = [
        date.getUTCMinutes(),
        date.getUTCHours(),
        date.getUTCDate(),
        date.getUTCMonth() + 1,
        date.getUTCDay(),
      ]
      return parts.every((part, index) => allowed[index].has(part)) ? now - (now % 60_000) : null
    },
  }
}

function parseField(field: string, [min, max]: [number, number], every: string) {
  const values = new Set<number>()
  for (const item of field.split(',')) {
    const match = /^(\*|\d+(?:-\d+)?)(?:\/(\d+))?$/.exec(item)
    if (!match) throw new Error(`"${every}" is not a schedule: cannot read "${item}"`)
    const [from, to] =
      match[1] === '*' ? [min, max] : match[1].split('-').map(Number).concat([Number.NaN])
    const last = match[1] === '*' ? max : Number.isNaN(to) ? (match[2] ? max : from) : to
    const step = match[2] ? Number(match[2]) : 1
    if (from < min || last > max || from > last || step < 1) {
      throw new Error(`"${every}" is not a schedule: "${item}" is out of range ${min}-${max}`)
    }
    for (let value = from; value <= last; value += step) values.add(value)
  }
  return values
}
