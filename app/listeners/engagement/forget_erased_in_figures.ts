import ResidentDayFigures from '#services/engagement/reports/daily_figures/resident_day_figures'

/** An erased resident's entries in the reports' daily figures go at once: they say where the resident lived. */
export default class ForgetErasedInFigures {
  async handle({ residentId }: { residentId: number }) {
    await ResidentDayFigures.forget(residentId)
  }
}
