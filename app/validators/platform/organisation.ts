import vine from '@vinejs/vine'
import { ORGANISATION_TYPES, type OrganisationType } from '#models/platform/organisation'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'

const TYPES = Object.keys(ORGANISATION_TYPES) as OrganisationType[]

/** A name, as the list, the command and every page that names the organisation show it. */
const name = vine
  .string()
  .trim()
  .minLength(2)
  .maxLength(150)
  .unique({
    table: 'organisations',
    column: 'name',
    caseInsensitive: true,
    filter: (query, _value, field) => {
      if (field.meta.organisationId) query.whereNot('id', field.meta.organisationId)
    },
  })

const contactDetails = {
  contactEmail: vine.string().trim().maxLength(254).email().optional(),
  contactPhone: vine
    .string()
    .trim()
    .maxLength(40)
    .regex(/^\+?[0-9 ()-]{6,}$/)
    .optional(),
  website: vine
    .string()
    .trim()
    .maxLength(300)
    .url({ require_protocol: true, protocols: ['http', 'https'] })
    .optional(),
  address: vine.string().trim().maxLength(500).optional(),
}

const messages = {
  'name.required': 'Enter the name of the organisation',
  'name.minLength': 'Enter the name of the organisation, at least 2 characters',
  'name.maxLength': 'The name must be 150 characters or fewer',
  'name.database.unique': 'There is already an organisation with this name',
  'type.required': 'Choose the kind of organisation',
  'type': 'Choose the kind of organisation from the list',
  'slug.regex':
    'The short name must use only lower-case letters, numbers and hyphens, like lincs-police',
  'slug.database.unique': 'Another organisation already uses this short name',
  'slug': 'The short name must be 80 characters or fewer',
  'adminEmail':
    'Enter the first admin’s email address in the correct format, like name@example.com',
  'contactEmail': 'Enter the public email address in the correct format, like alerts@example.org',
  'contactPhone':
    'Enter the phone number using only numbers, spaces, brackets and +, like 01234 567890',
  'website': 'Enter the website as a full address starting with https://, like https://example.org',
  'address': 'The address must be 500 characters or fewer',
}

export const newOrganisationValidator = vine.withMetaData<{ organisationId?: number }>().create({
  name,
  type: vine.enum(TYPES),
  slug: vine
    .string()
    .trim()
    .toLowerCase()
    .maxLength(80)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
    .unique({ table: 'organisations', column: 'slug' })
    .optional(),
  adminEmail: vine.string().trim().maxLength(254).email().optional(),
  ...contactDetails,
})
newOrganisationValidator.messagesProvider = new PlainEnglishMessages(messages)

export const organisationDetailsValidator = vine
  .withMetaData<{ organisationId?: number }>()
  .create({ name, type: vine.enum(TYPES), ...contactDetails })
organisationDetailsValidator.messagesProvider = new PlainEnglishMessages(messages)

export const suspensionValidator = vine.create({
  reason: vine.string().trim().minLength(1).maxLength(500),
})
suspensionValidator.messagesProvider = new PlainEnglishMessages({
  'reason.maxLength': 'The reason must be 500 characters or fewer',
  'reason': 'Enter the reason: the organisation’s staff will see it',
})

export const adminInvitationValidator = vine.create({
  email: vine.string().trim().maxLength(254).email(),
})
adminInvitationValidator.messagesProvider = new PlainEnglishMessages({
  'email.required': 'Enter the email address of the person to invite',
  'email': 'Enter an email address in the correct format, like name@example.com',
})
