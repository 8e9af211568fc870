import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#models/platform/user'

export type ReviewAction =
  | 'submitted'
  | 'approved'
  | 'returned'
  | 'withdrawn'
  | 'scheduled'
  | 'unscheduled'
  | 'schedule_failed'
  | 'spend_approved'

export const REVIEW_ACTION_LABELS: Record<ReviewAction, string> = {
  submitted: 'Submitted for approval',
  approved: 'Approved',
  returned: 'Returned for changes',
  withdrawn: 'Withdrawn from approval',
  scheduled: 'Scheduled',
  unscheduled: 'Scheduled send cancelled',
  schedule_failed: 'Scheduled send did not go',
  spend_approved: 'Spending past the monthly limit approved',
}

/** One step of an alert's approval and scheduling: its history on the alert page. */
export default class AlertReview extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare alertId: number

  @column()
  declare userId: number | null

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  @column()
  declare action: ReviewAction

  @column()
  declare comment: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  get actionLabel() {
    return REVIEW_ACTION_LABELS[this.action] ?? this.action
  }
}
