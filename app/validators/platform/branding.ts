import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'
import {
  contrastWithWhite,
  logoTypeOf,
  MINIMUM_CONTRAST,
} from '#services/platform/organisations/organisation_branding'
import type { UploadRule } from '#services/platform/infrastructure/uploaded_form'

export const LOGO_UPLOAD: UploadRule = {
  field: 'logo',
  maxSize: '200kb',
  tooLarge: 'The logo must be 200 KB or smaller',
}

/** White text sits on the colour in every email's header bar: it must stay readable. */
const readableWithWhite = vine.createRule(
  (value: unknown, _options: undefined, field: FieldContext) => {
    if (typeof value !== 'string' || !/^#[0-9a-f]{6}$/i.test(value)) return
    const ratio = contrastWithWhite(value)
    if (ratio < MINIMUM_CONTRAST) {
      field.report('Choose a darker colour', 'readableWithWhite', field, {
        colour: value,
        ratio: ratio.toFixed(1),
      })
    }
  }
)

/** Judged by the file's bytes, not its name: a renamed file is refused. */
const pngOrJpeg = vine.createRule(
  async (value: unknown, _options: undefined, field: FieldContext) => {
    const file = value as MultipartFile
    if (!file.tmpPath || (await logoTypeOf(file.tmpPath)) === null) {
      field.report('The logo must be a PNG or JPEG image', 'pngOrJpeg', field)
    }
  }
)

export const brandingValidator = vine.create({
  senderName: vine.string().trim().maxLength(100).optional(),
  brandColour: vine
    .string()
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .use(readableWithWhite())
    .optional(),
  emailFooter: vine.string().trim().maxLength(500).optional(),
  logo: vine
    .file({ size: LOGO_UPLOAD.maxSize, extnames: ['png', 'jpg', 'jpeg'] })
    .use(pngOrJpeg())
    .optional(),
  removeLogo: vine.boolean().optional(),
})

brandingValidator.messagesProvider = new PlainEnglishMessages({
  'senderName.maxLength': 'The sender name must be 100 characters or fewer',
  'senderName': 'Enter the sender name as text',
  'brandColour.regex': 'Enter the colour as a hash and six hexadecimal digits, like #1d70b8',
  'brandColour.readableWithWhite':
    'White text on {{ colour }} has a contrast ratio of {{ ratio }} to 1, and needs at least 4.5 to 1 to be readable (WCAG AA). Choose a darker colour',
  'brandColour': 'Enter the colour as a hash and six hexadecimal digits, like #1d70b8',
  'emailFooter.maxLength': 'The footer must be 500 characters or fewer',
  'emailFooter': 'Enter the footer as text',
  'logo.file.size': LOGO_UPLOAD.tooLarge,
  'logo.file.extname': 'The logo must be a PNG or JPEG image',
  'logo.pngOrJpeg': 'The logo must be a PNG or JPEG image',
  'logo': 'Choose a PNG or JPEG image for the logo',
  'removeLogo': 'Choose whether to remove the logo',
})
