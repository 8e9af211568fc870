import { PRIORITIES } from '#contracts/priority'
import { DateTime } from 'luxon'
import {
  BaseModel,
  afterDelete,
  afterSave,
  beforeSave,
  belongsTo,
  column,
  hasMany,
} from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import Organisation from '#models/platform/organisation'
import User from '#models/platform/user'
import Delivery from '#models/messaging/delivery'
import type { AudienceCriteria } from '#services/targeting/audience_query'
import { criteriaColumn } from '#models/targeting/criteria_column'
import { markdownToHtml, markdownToText } from '#services/messaging/alert_markdown'
import PublicPageCache from '#services/platform/infrastructure/public_page_cache'
import { formatVerificationCode } from '#services/messaging/verification/verification_codes'

export type AlertStatus =
  | 'draft'
  | 'submitted'
  | 'returned'
  | 'approved'
  | 'scheduled'
  | 'sending'
  | 'sent'
  | 'paused'
  | 'cancelled'

/** The status in words, as staff read it on the dashboard and the alert page. */
export const STATUS_LABELS: Record<AlertStatus, string> = {
  draft: 'draft',
  submitted: 'waiting for approval',
  returned: 'returned for changes',
  approved: 'approved',
  scheduled: 'scheduled',
  sending: 'sending',
  sent: 'sent',
  paused: 'paused',
  cancelled: 'cancelled',
}

/** Before any delivery: the content may still be reviewed, scheduled or sent. */
export const UNSENT_STATUSES: AlertStatus[] = [
  'draft',
  'submitted',
  'returned',
  'approved',
  'scheduled',
]

export { PRIORITIES } from '#contracts/priority'

export type CosignStatus = 'invited' | 'approved' | 'declined'

export default class Alert extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare organisationId: number

  @belongsTo(() => Organisation)
  declare organisation: BelongsTo<typeof Organisation>

  @column()
  declare authorId: number | null

  @belongsTo(() => User, { foreignKey: 'authorId' })
  declare author: BelongsTo<typeof User>

  @column()
  declare title: string

  @column()
  declare body: string

  /** The body rendered once when it is saved (a safe HTML subset, and plain text), for public pages and feeds. */
  @column({ serializeAs: null })
  declare bodyHtml: string | null

  @column({ serializeAs: null })
  declare bodyText: string | null

  @column()
  declare priority: number

  @column()
  declare status: AlertStatus

  @column(criteriaColumn)
  declare criteria: AudienceCriteria

  @column()
  declare audienceCount: number | null

  @column()
  declare statusReason: string | null

  @column()
  declare category: string | null

  // SQLite answers 0 or 1.
  @column({ consume: (value: unknown) => Boolean(value) })
  declare isPublic: boolean

  /** The public reference code anyone can check at /verify, given when the send starts (stored without its dash). */
  @column()
  declare verificationCode: string | null

  @hasMany(() => Delivery)
  declare deliveries: HasMany<typeof Delivery>

  @column.dateTime()
  declare sendRequestedAt: DateTime | null

  @column.dateTime()
  declare dispatchedAt: DateTime | null

  @column.dateTime()
  declare completedAt: DateTime | null

  @column.dateTime()
  declare pausedAt: DateTime | null

  @column.dateTime()
  declare cancelledAt: DateTime | null

  @column.dateTime()
  declare scheduledAt: DateTime | null

  @column.dateTime()
  declare submittedAt: DateTime | null

  @column()
  declare submittedById: number | null

  @column.dateTime()
  declare approvedAt: DateTime | null

  @column()
  declare approvedById: number | null

  @column()
  declare returnedComment: string | null

  /** The extra spending an admin approved past a monthly limit, as estimated then. */
  @column()
  declare spendApprovedPence: number | null

  @column()
  declare spendApprovedById: number | null

  @column.dateTime()
  declare spendApprovedAt: DateTime | null

  /** A joint alert: the organisation invited to co-sign it, and where its approval stands. */
  @column()
  declare cosignerOrganisationId: number | null

  @belongsTo(() => Organisation, { foreignKey: 'cosignerOrganisationId' })
  declare cosignerOrganisation: BelongsTo<typeof Organisation>

  @column()
  declare cosignStatus: CosignStatus | null

  /** Why the co-signer declined. */
  @column()
  declare cosignReason: string | null

  @column()
  declare cosignInvitedById: number | null

  @column.dateTime()
  declare cosignInvitedAt: DateTime | null

  @column()
  declare cosignDecidedById: number | null

  @column.dateTime()
  declare cosignDecidedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @beforeSave()
  static renderBody(alert: Alert) {
    if (alert.$dirty.body !== undefined || alert.bodyHtml === undefined) {
      alert.bodyHtml = markdownToHtml(alert.body ?? '')
      alert.bodyText = markdownToText(alert.body ?? '')
    }
  }

  /** A published alert changed or went: the public pages and feeds that show it are rendered again. */
  @afterSave()
  @afterDelete()
  static async refreshPublicPages(alert: Alert) {
    if (alert.status === 'sent') await PublicPageCache.invalidate()
  }

  /** The reference code as residents read it ("K7Q4-M2XD"), or null before the send. */
  get verificationCodeLabel() {
    return this.verificationCode ? formatVerificationCode(this.verificationCode) : null
  }

  /** Co-signed by another organisation, which approved it: it goes out in both names. */
  get isJoint() {
    return this.cosignerOrganisationId !== null && this.cosignStatus === 'approved'
  }

  /**
   * Who it is from, as residents read it: "Northshire Police and Northshire
   * Fire and Rescue" for a joint alert. Expects organisation (and, for a
   * joint alert, cosignerOrganisation) loaded.
   */
  get fromNames() {
    const own = this.organisation?.name ?? ''
    const cosigner = this.isJoint ? this.cosignerOrganisation?.name : null
    return cosigner ? `${own} and ${cosigner}` : own
  }

  get priorityLabel() {
    return PRIORITIES[this.priority] ?? String(this.priority)
  }

  get statusLabel() {
    return STATUS_LABELS[this.status] ?? this.status
  }

  /** A draft, or one returned by an approver; an approved alert is changed by going back to draft. */
  get isEditable() {
    return this.status === 'draft' || this.status === 'returned'
  }
}
