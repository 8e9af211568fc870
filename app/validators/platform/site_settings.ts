import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'

const PAGE_LIMIT = 20_000

export const siteSettingsValidator = vine.create({
  serviceName: vine.string().trim().minLength(2).maxLength(80),
  contactEmail: vine.string().trim().email().maxLength(254).optional(),
  contactPhone: vine
    .string()
    .trim()
    .maxLength(40)
    .regex(/^[0-9 +()-]+$/)
    .optional(),
  contactAddress: vine.string().trim().maxLength(500).optional(),
  privacyNotice: vine.string().trim().maxLength(PAGE_LIMIT).optional(),
  accessibilityStatement: vine.string().trim().maxLength(PAGE_LIMIT).optional(),
  cookiesPage: vine.string().trim().maxLength(PAGE_LIMIT).optional(),
  mapTileUrl: vine
    .string()
    .trim()
    .maxLength(500)
    .url({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
    .regex(/\{z\}/)
    .regex(/\{x\}/)
    .regex(/\{y\}/)
    // {s} would need every subdomain in the content security policy: one host is enough.
    .regex(/^[^{}]*(\{[zxy]\}[^{}]*)*$/)
    .optional(),
  mapTileAttribution: vine.string().trim().maxLength(300).optional().requiredIfExists('mapTileUrl'),
  welshOffered: vine.boolean().optional(),
})

siteSettingsValidator.messagesProvider = new PlainEnglishMessages({
  'serviceName.required': 'Enter the name of the service, like “Community Alerts”',
  'serviceName.minLength': 'The service name must be at least 2 characters',
  'serviceName.maxLength': 'The service name must be 80 characters or fewer',
  'serviceName': 'Enter the name of the service, like “Community Alerts”',
  'contactEmail': 'Enter the contact email address in the right format, like name@example.org',
  'contactPhone':
    'Enter the contact phone number with digits, spaces and brackets only, like 01234 567890',
  'contactAddress': 'The postal address must be 500 characters or fewer',
  'privacyNotice': 'The privacy notice must be 20,000 characters or fewer',
  'accessibilityStatement': 'The accessibility statement must be 20,000 characters or fewer',
  'cookiesPage': 'The cookies page must be 20,000 characters or fewer',
  'mapTileUrl.maxLength': 'The tile server address must be 500 characters or fewer',
  'mapTileUrl.url':
    'Enter the tile server address starting with https://, like https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  'mapTileUrl.regex':
    'The tile server address must contain {z}, {x} and {y} (where the zoom and the tile go) and no other {…} part, like https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  'mapTileAttribution.required':
    'Enter the attribution the tile server asks for, like “© OpenStreetMap contributors”',
  'mapTileAttribution': 'The attribution must be 300 characters or fewer',
})
