import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'
import { DRAWN_SHAPE_MESSAGES, drawnShape } from '#validators/targeting/rules/drawn_shape'
import { GROUP_RADII } from '#services/engagement/virtual_schemes'

export const virtualSchemeValidator = vine.create({
  name: vine
    .string()
    .trim()
    .minLength(3)
    .maxLength(80)
    .regex(/^[^<>]*$/),
  cover: vine.enum([...GROUP_RADII.map(String), 'drawn']),
  shape: vine.any().use(drawnShape()).optional().requiredWhen('cover', '=', 'drawn'),
})

virtualSchemeValidator.messagesProvider = new PlainEnglishMessages({
  'name.required': 'Enter a name for the group, like “Mill Lane Watch”',
  'name.minLength': 'Enter a name of at least 3 letters, like “Mill Lane Watch”',
  'name.maxLength': 'The name must be 80 characters or fewer',
  'name.regex': 'Enter the name without < or > signs',
  'cover': 'Choose how far around your home the group covers',
  'shape.required': 'Draw the group’s area on the map, or choose a distance around your home',
  ...DRAWN_SHAPE_MESSAGES,
  'shape': DRAWN_SHAPE_MESSAGES['shape.unreadable'],
})
