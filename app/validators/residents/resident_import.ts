import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'
import { IMPORT_FIELDS, REQUIRED_IMPORT_FIELDS } from '#services/residents/import/import_mapping'
import type { UploadRule } from '#services/platform/infrastructure/uploaded_form'

export const RESIDENT_CSV_UPLOAD: UploadRule = {
  field: 'file',
  maxSize: '5mb',
  tooLarge: 'The file must be 5 MB or smaller. Split it into smaller files.',
}

/**
 * Judged by the file's name: a CSV file has no signature in its bytes, and
 * an empty one has no bytes to judge at all.
 */
const csvFile = vine.createRule((value: unknown, _options: undefined, field: FieldContext) => {
  const file = value as MultipartFile
  if (!/\.(csv|txt)$/i.test(file.clientName ?? '')) {
    return field.report('The file must be a CSV file', 'csvFile', field)
  }
  if (file.size === 0) field.report('The file is empty', 'emptyFile', field)
})

export const importUploadValidator = vine.create({
  file: vine.file({ size: RESIDENT_CSV_UPLOAD.maxSize }).use(csvFile()),
})

importUploadValidator.messagesProvider = new PlainEnglishMessages({
  'file.required': 'Choose a CSV file to upload',
  'file.file.size': RESIDENT_CSV_UPLOAD.tooLarge,
  'file.emptyFile': 'The file is empty.',
  'file.csvFile':
    'The file must be a CSV file. In your spreadsheet, choose “Save as” and pick “CSV UTF-8”.',
  'file': 'Choose a CSV file to upload',
})

/** The chosen column exists in the file and is not already chosen for an earlier field. */
const columnOfFile = vine.createRule((value: unknown, _options: undefined, field: FieldContext) => {
  if (typeof value !== 'number') return
  if (value >= field.meta.columnCount) {
    return field.report('Choose a column from the list', 'columnOfFile', field)
  }
  const earlier = IMPORT_FIELDS.slice(
    0,
    IMPORT_FIELDS.findIndex((candidate) => candidate.key === field.name)
  )
  const taken = earlier.find((candidate) => {
    const chosen = field.parent[candidate.key]
    return chosen !== null && chosen !== undefined && chosen !== '' && Number(chosen) === value
  })
  if (taken) {
    field.report('This column is already chosen', 'distinctColumn', field, { label: taken.label })
  }
})

const column = () => vine.number().withoutDecimals().min(0).use(columnOfFile())

export const importMappingValidator = vine.withMetaData<{ columnCount: number }>().create({
  name: column(),
  email: column().optional(),
  mobile: column().optional(),
  landline: column().optional(),
  postcode: column().optional(),
  ward: column(),
  interests: column().optional(),
  consentEvidence: column(),
})

const REQUIRED_MESSAGES: Record<string, string> = {
  name: 'Choose the column that holds each resident’s name',
  ward: 'Choose the column that holds the ward code or ward name',
  consentEvidence:
    'Choose the column that holds the consent evidence. Beacon imports only residents whose consent you can show',
}

importMappingValidator.messagesProvider = new PlainEnglishMessages(
  Object.fromEntries(
    IMPORT_FIELDS.flatMap((field) => [
      ...(REQUIRED_IMPORT_FIELDS.includes(field.key)
        ? [[`${field.key}.required`, REQUIRED_MESSAGES[field.key]]]
        : []),
      [
        `${field.key}.distinctColumn`,
        'This column is already chosen for “{{ label }}”. Choose a different column for each field',
      ],
      [field.key, 'Choose a column from the list'],
    ])
  )
)
