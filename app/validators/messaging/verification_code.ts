import vine from '@vinejs/vine'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'
import {
  normaliseVerificationCode,
  verificationCodeProblem,
} from '#services/messaging/verification/verification_codes'

/** The rule explains each mistake on its own (too short, a letter codes never use). */
const verificationCode = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  const problem = verificationCodeProblem(value)
  if (problem) field.report(problem, 'verificationCode', field)
})

/** A code typed into /verify, or carried by the QR code's link. */
export const verificationCodeValidator = vine.create({
  code: vine
    .string()
    .trim()
    .maxLength(40)
    .use(verificationCode())
    .transform((value) => normaliseVerificationCode(value)),
})

verificationCodeValidator.messagesProvider = new PlainEnglishMessages({
  'code.required': 'Enter the code from the alert, for example K7Q4-M2XD',
  'code.string': 'Enter the code from the alert, for example K7Q4-M2XD',
  'code.maxLength': 'That is too long to be a code. Codes look like K7Q4-M2XD.',
})
