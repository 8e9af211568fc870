import type Alert from '#models/messaging/alert'
import { UNSENT_STATUSES } from '#models/messaging/alert'
import User from '#models/platform/user'
import AlertStatusGuard from '#services/messaging/alert_status'
import AlertApproval, { WorkflowRefusal } from '#services/messaging/alert_approval'
import AlertCostEstimates, {
  type AlertCostLine,
  pounds,
} from '#services/messaging/alert_cost_estimates'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import LondonTime from '#services/platform/infrastructure/london_time'

export interface SpendState {
  /** Paid channels this send would take past the organisation's monthly limit. */
  overLimit: AlertCostLine[]
  /** What those channels would cost, in pence. */
  overLimitPence: number
  /** An admin approved at least that much: the alert may be sent. */
  approved: boolean
  approvedBy: string | null
  /** When, in UK time ("3 Mar 2026, 14:05"). */
  approvedAt: string | null
}

/**
 * An organisation's monthly limit on a paid channel: a send that would take
 * the month's spending past it needs an admin to approve the extra spending
 * first. The approval covers the amount estimated when it was given; an alert
 * whose audience or text then grows beyond it needs approving again.
 */
export default class AlertSpendApproval {
  static async state(alert: Alert, costs?: AlertCostLine[]): Promise<SpendState> {
    const overLimit = (costs ?? (await AlertCostEstimates.of(alert))).filter(
      (line) => line.overMonthlyLimit
    )
    const overLimitPence = overLimit.reduce((sum, line) => sum + line.estimate.totalPence, 0)
    // A model created in this request has no value yet for columns it was not given.
    const approvedPence = alert.spendApprovedPence ?? null
    const approved =
      overLimit.length === 0 || (approvedPence !== null && approvedPence >= overLimitPence)
    const approver = alert.spendApprovedById ? await User.find(alert.spendApprovedById) : null
    return {
      overLimit,
      overLimitPence,
      approved,
      approvedBy: approver?.fullName ?? null,
      approvedAt: alert.spendApprovedAt ? LondonTime.short(alert.spendApprovedAt) : null,
    }
  }

  /** Why the alert cannot be sent or scheduled yet, or null when it can. */
  static async refusal(alert: Alert) {
    const state = await this.state(alert)
    if (state.approved) return null
    const channels = state.overLimit.map((line) => line.label.toLowerCase()).join(' and ')
    return `This alert would take your organisation’s spending on ${channels} past its monthly limit. An admin must approve the extra spending (${pounds(state.overLimitPence)}) on this page before it is sent.`
  }

  /** An admin approves what the send is estimated to cost now. */
  static async approve(alert: Alert, user: User) {
    const state = await this.state(alert)
    if (state.overLimit.length === 0) {
      throw new WorkflowRefusal(
        'This alert is within your organisation’s monthly limits: it needs no spending approval.'
      )
    }
    const approved = await AlertStatusGuard.updateWhile(alert.id, UNSENT_STATUSES, {
      spend_approved_pence: state.overLimitPence,
      spend_approved_by_id: user.id,
      spend_approved_at: sqlTime(),
    })
    if (!approved) {
      await alert.refresh()
      throw new WorkflowRefusal(`This alert has already been sent: it is ${alert.statusLabel}.`)
    }
    await alert.refresh()
    await AlertApproval.record(
      alert,
      user,
      'spend_approved',
      `${pounds(state.overLimitPence)} past the monthly limit`
    )
    return state.overLimitPence
  }
}
