import db from '@adonisjs/lucid/services/db'

function monthOf(date: Date) {
  return date.toISOString().slice(0, 7)
}

/** Each organisation's spending on texts this month (sms_spend). */
export const SmsSpend = {
  async add(organisationId: number, parts: number, pence: number, at = new Date()) {
    if (parts <= 0) return
    const month = monthOf(at)
    await db
      .table('sms_spend')
      .insert({ organisation_id: organisationId, month, parts, pence })
      .onConflict(['organisation_id', 'month'])
      .merge({
        parts: db.raw('sms_spend.parts + ?', [parts]),
        pence: db.raw('sms_spend.pence + ?', [pence]),
      })
  },

  async thisMonth(organisationId: number, at = new Date()) {
    const row = await db
      .from('sms_spend')
      .where('organisation_id', organisationId)
      .where('month', monthOf(at))
      .first()
    return { parts: Number(row?.parts ?? 0), pence: Number(row?.pence ?? 0) }
  },
}
