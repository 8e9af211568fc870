import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'
import { ukLandline, ukMobile } from '#validators/residents/rules/uk_contact'
import {
  RESIDENT_CHANNELS,
  RESIDENT_SORTS,
  RESIDENT_SOURCES,
  RESIDENT_STATUSES,
} from '#services/residents/records/resident_directory'

const keys = <T extends object>(object: T) => Object.keys(object) as (keyof T & string)[]

export const residentFiltersValidator = vine.create({
  q: vine
    .string()
    .trim()
    .transform((value) => value.slice(0, 100))
    .optional(),
  areaId: vine.number().withoutDecimals().positive().optional(),
  status: vine.enum(keys(RESIDENT_STATUSES)).optional(),
  source: vine.enum(keys(RESIDENT_SOURCES)).optional(),
  channel: vine.enum(keys(RESIDENT_CHANNELS)).optional(),
  sort: vine.enum(keys(RESIDENT_SORTS)).optional(),
  page: vine.number().withoutDecimals().positive().optional(),
})

residentFiltersValidator.messagesProvider = new PlainEnglishMessages({
  areaId: 'Choose an area from the list',
  status: 'Choose a status from the list',
  source: 'Choose how residents signed up from the list',
  channel: 'Choose a way of contacting residents from the list',
  sort: 'Choose an order from the list',
  page: 'Choose a page from the list',
})

/** A filter form sends an empty value for "any"; that is no filter rather than a wrong one. */
export function chosenFilters(queryString: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(queryString).filter(([, value]) => value !== '' && value !== null)
  )
}

export const EDITABLE_STATUSES = ['pending', 'active', 'unsubscribed'] as const
type EditableStatus = (typeof EDITABLE_STATUSES)[number]

/**
 * Staff may stop a resident's alerts, or leave the status as it is; never
 * make a resident active (or waiting again): only the resident's own
 * confirmation or "resume" gives consent.
 */
export function statusesStaffMaySet(current: string): EditableStatus[] {
  return current === 'active' || current === 'pending'
    ? [current, 'unsubscribed']
    : ['unsubscribed']
}

const noConsentBypass = vine.createRule(
  (value: unknown, _options: undefined, field: FieldContext) => {
    if (typeof value !== 'string') return
    if (statusesStaffMaySet(field.meta.currentStatus).includes(value as EditableStatus)) return
    field.report(
      value === 'active' ? 'Staff cannot make a resident active' : 'Staff cannot set this status',
      value === 'active' ? 'activation' : 'consentBypass',
      field
    )
  }
)

/**
 * Removing an email address would take effect unseen by the resident, and a
 * new address entered afterwards would then be confirmed by whoever holds it:
 * only the resident may remove theirs. Implicit, so an omitted field counts.
 */
const noEmailRemoval = vine.createRule(
  (value: unknown, _options: undefined, field: FieldContext) => {
    if (field.meta.currentEmail && (value === undefined || value === null || value === '')) {
      field.report('Only the resident can remove their email address', 'removal', field)
    }
  },
  { implicit: true }
)

type ResidentMeta = { residentId: number; currentStatus: string; currentEmail: string | null }

export const residentValidator = vine.withMetaData<ResidentMeta>().create({
  name: vine.string().trim().minLength(1).maxLength(100),
  email: vine
    .string()
    .trim()
    .maxLength(254)
    .email()
    .toLowerCase()
    .unique({
      table: 'residents',
      column: 'email',
      caseInsensitive: true,
      filter: (query, _value, field) => {
        query.whereNot('id', field.meta.residentId)
      },
    })
    .optional()
    .use(noEmailRemoval())
    .requiredIfMissing(['phone', 'landline']),
  phone: vine
    .string()
    .trim()
    .use(ukMobile())
    .unique({
      table: 'residents',
      column: 'phone',
      filter: (query, _value, field) => {
        query.whereNot('id', field.meta.residentId)
      },
    })
    .optional(),
  landline: vine.string().trim().use(ukLandline()).optional(),
  status: vine.enum(EDITABLE_STATUSES).use(noConsentBypass()),
  knownToOfficer: vine.boolean().optional(),
  communityInfluencer: vine.boolean().optional(),
})

residentValidator.messagesProvider = new PlainEnglishMessages({
  'name.required': 'Enter the resident’s name',
  'name.minLength': 'Enter the resident’s name',
  'name.maxLength': 'The name must be 100 characters or fewer',
  'email.required':
    'Enter at least one way to contact the resident: an email address, a mobile number or a landline number',
  'email.email': 'Enter an email address in the correct format, like name@example.com',
  'email.maxLength': 'The email address must be 254 characters or fewer',
  'email.database.unique': 'Another resident already uses this email address',
  'email.removal':
    'Only the resident can remove their email address. To stop emails, stop their alerts.',
  'phone.landlineAsMobile':
    'This is a landline number. Enter a mobile number, starting 07, or put it in the landline box',
  'phone.database.unique': 'Another resident already uses this mobile number',
  'phone': 'Enter a UK mobile number, starting 07 or +44 7',
  'landline.mobileAsLandline':
    'This is a mobile number. Enter a landline number with its area code, or put it in the mobile box',
  'landline': 'Enter a UK landline number with its area code',
  'status.activation':
    'Staff cannot make a resident active. Only the resident can, by confirming their email address or resuming alerts from their own account',
  'status.consentBypass':
    'Staff cannot put a resident back to waiting for confirmation. Choose Unsubscribed to stop their alerts, or leave the status as it is',
  'status': 'Choose a status from the list',
  'knownToOfficer': 'Choose whether the resident is known to an officer',
  'communityInfluencer': 'Choose whether the resident is a community influencer',
})
