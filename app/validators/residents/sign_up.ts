import vine, { errors } from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'
import { ukLandline, ukMobile, ukPostcode } from '#validators/residents/rules/uk_contact'
import type { PlacementRefusal } from '#services/areas/area_placement'

export const postcode = () => vine.string().trim().maxLength(20).use(ukPostcode())

export const wardId = () =>
  vine
    .number()
    .withoutDecimals()
    .positive()
    .exists({
      table: 'areas',
      column: 'id',
      filter: (query) => {
        query.where('level', 'ward')
      },
    })

const contacts = () => ({
  name: vine.string().trim().minLength(1).maxLength(100),
  email: vine
    .string()
    .trim()
    .maxLength(254)
    .email()
    .toLowerCase()
    .optional()
    .requiredIfMissing(['mobile', 'landline']),
  mobile: vine.string().trim().use(ukMobile()).optional(),
  landline: vine.string().trim().use(ukLandline()).optional(),
})

const postcodeMessages = {
  'postcode.required': 'Enter your postcode',
  // No example here: the hint beside the field shows one of the install's own postcodes.
  'postcode': 'Enter a full UK postcode',
}

const wardMessages = {
  'wardId.required': 'Choose the ward where you live',
  'wardId': 'Choose the ward where you live from the list',
}

const contactMessages = {
  'name.required': 'Enter your name',
  'name.minLength': 'Enter your name',
  'name.maxLength': 'Your name must be 100 characters or fewer',
  'email.required':
    'Enter at least one way to contact you: an email address, a mobile number or a landline number',
  'email.email': 'Enter an email address in the correct format, like name@example.com',
  'email.maxLength': 'Your email address must be 254 characters or fewer',
  'mobile.landlineAsMobile':
    'Enter a mobile number, starting 07. Put a landline number in the landline box',
  'mobile': 'Enter a UK mobile number, like 07400 123456',
  'landline.mobileAsLandline':
    'Enter a landline number, like 020 7946 0123. Put a mobile number in the mobile box',
  'landline': 'Enter a UK landline number, like 020 7946 0123',
}

export const postcodeValidator = vine.create({ postcode: postcode() })
postcodeValidator.messagesProvider = new PlainEnglishMessages(postcodeMessages)

/** The point a resident clicked on the map, in hidden fields. */
export const mapPointValidator = vine.create({
  lat: vine.number().range([-90, 90]),
  lng: vine.number().range([-180, 180]).optional().requiredIfExists('lat'),
})
mapPointValidator.messagesProvider = new PlainEnglishMessages({
  lat: 'Click the map where you live, then continue',
  lng: 'Click the map where you live, then continue',
})

export const wardValidator = vine.create({ wardId: wardId() })
wardValidator.messagesProvider = new PlainEnglishMessages(wardMessages)

export const contactValidator = vine.create(contacts())
contactValidator.messagesProvider = new PlainEnglishMessages(contactMessages)

/** An officer registers a household at the door: location, contacts and two ticks at once. */
export const doorstepValidator = vine.create({
  findBy: vine.enum(['postcode', 'ward'] as const),
  postcode: postcode().optional().requiredWhen('findBy', '=', 'postcode'),
  wardId: wardId().optional().requiredWhen('findBy', '=', 'ward'),
  ...contacts(),
  knownToOfficer: vine.boolean().optional(),
  communityInfluencer: vine.boolean().optional(),
})
doorstepValidator.messagesProvider = new PlainEnglishMessages({
  'findBy': 'Choose how to find the household’s area: by postcode or from the ward list',
  'postcode.required': 'Enter the household’s postcode',
  'postcode': 'Enter a full UK postcode',
  'wardId.required': 'Choose the household’s ward',
  'wardId': 'Choose the household’s ward from the list',
  ...contactMessages,
  'name.required': 'Enter the resident’s name',
  'name.minLength': 'Enter the resident’s name',
  'email.required':
    'Enter at least one way to reach them: an email address, a mobile number or a landline number',
  'knownToOfficer': 'Tick the box or leave it empty',
  'communityInfluencer': 'Tick the box or leave it empty',
})

/** What a resident reads, beside the field, when their answer places them nowhere. */
export const placementMessages: Record<
  'postcode' | 'map' | 'doorstep',
  Partial<Record<PlacementRefusal, string>>
> = {
  postcode: {
    unknown_postcode:
      'We cannot find this postcode. Check it, or find your home on the map or choose your ward from the list instead',
    outside_areas:
      'This postcode is outside the areas we send alerts to. Check it, or find your home on the map or choose your ward from the list instead',
  },
  map: {
    outside_areas:
      'The point you chose is outside the areas we send alerts to. Click inside one of the outlined areas, or enter your postcode instead',
  },
  doorstep: {
    unknown_postcode: 'We cannot find this postcode. Check it, or choose the ward from the list',
    outside_areas:
      'This postcode is outside the areas we send alerts to. Check it, or choose the ward from the list',
    unknown_ward: 'Choose the household’s ward from the list',
  },
}

/** Refuses one answer after validation, the way a validator would: the message shows by the field. */
export function refuseAnswer(field: string, message: string) {
  return new errors.E_VALIDATION_ERROR([{ field, message, rule: 'refused' }])
}

export const signUpOrganisationsValidator = vine.create({
  organisationIds: vine
    .array(vine.number().withoutDecimals().positive())
    .minLength(1)
    .maxLength(100),
})

signUpOrganisationsValidator.messagesProvider = new PlainEnglishMessages({
  organisationIds: 'Select at least one organisation that may send you alerts',
})
