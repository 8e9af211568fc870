import type { HttpContext } from '@adonisjs/core/http'
import { errors } from '@vinejs/vine'
import { chosenFilters } from '#validators/residents/resident'
import { reportPeriodValidator } from '#validators/engagement/report_period'
import ReportPeriods, {
  PERIOD_CHOICES,
  type ReportPeriod,
} from '#services/engagement/reports/report_period'

const DATE_BOXES = ['fromDay', 'fromMonth', 'fromYear', 'toDay', 'toMonth', 'toYear'] as const

/**
 * The period a report page was asked for, from its GET form: the period, or
 * the errors to show beside the picker (keyed by the box they belong to),
 * and what was typed, to show again.
 */
export async function chosenReportPeriod({ request }: HttpContext) {
  const typed = request.qs()
  const [invalid, valid] = await request.tryValidateUsing(reportPeriodValidator, {
    data: chosenFilters(typed),
  })
  const values = Object.fromEntries(
    ['period', ...DATE_BOXES].map((name) => [
      name,
      typeof typed[name] === 'string' ? typed[name] : '',
    ])
  )
  const picker = {
    values,
    choices: Object.entries(PERIOD_CHOICES).map(([value, label]) => ({ value, label })),
  }
  let period: ReportPeriod | null = null
  let problems: Record<string, string> = {}
  if (invalid instanceof errors.E_VALIDATION_ERROR) {
    for (const { field, message } of invalid.messages as { field: string; message: string }[]) {
      problems[field] ??= message
    }
  } else if (valid) {
    const result = ReportPeriods.resolve(valid)
    period = result.period
    problems = result.errors ?? {}
  }
  // A preset shows which one in the picker even when the address named none.
  if (period) values.period = period.choice
  return { period, errors: problems, picker, page: valid?.page ?? 1 }
}
