import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'
import type { UploadRule } from '#services/platform/infrastructure/uploaded_form'

export const BOUNDARY_UPLOAD: UploadRule = {
  field: 'file',
  maxSize: '100mb',
  tooLarge:
    'The file must be 100 MB or smaller. Download the generalised (BGC) boundaries, or only your area’s.',
}

export const LOOKUP_UPLOAD: UploadRule = {
  field: 'lookup',
  maxSize: '20mb',
  tooLarge: 'The lookup file must be 20 MB or smaller',
}

/** Judged by name here; what is inside is judged when the file is read. */
const named = (pattern: RegExp, message: string) =>
  vine.createRule((value: unknown, _options: undefined, field: FieldContext) => {
    const file = value as MultipartFile
    if (!pattern.test(file.clientName ?? '')) return field.report(message, 'fileType', field)
    if (file.size === 0) field.report('The file is empty', 'emptyFile', field)
  })

export const boundaryUploadValidator = vine.create({
  file: vine
    .file({ size: BOUNDARY_UPLOAD.maxSize })
    .use(
      named(
        /\.(geojson|json|topojson|zip)$/i,
        'The file must be GeoJSON (.geojson or .json), TopoJSON (.topojson) or a zipped shapefile (.zip)'
      )()
    ),
})

boundaryUploadValidator.messagesProvider = new PlainEnglishMessages({
  'file.required': 'Choose a boundary file to upload',
  'file.file.size': BOUNDARY_UPLOAD.tooLarge,
  'file.emptyFile': 'The file is empty.',
  'file.fileType':
    'The file must be GeoJSON (.geojson or .json), TopoJSON (.topojson) or a zipped shapefile (.zip)',
  'file': 'Choose a boundary file to upload',
})

export const boundaryOptionsValidator = vine.create({
  level: vine.enum(['district', 'ward'] as const),
  codeProperty: vine.string().trim().maxLength(100),
  nameProperty: vine.string().trim().maxLength(100),
  parentCode: vine.string().trim().maxLength(20).optional(),
  simplifyMetres: vine.number().min(0).max(1000).optional(),
  removeMissing: vine.boolean().optional(),
  lookup: vine
    .file({ size: LOOKUP_UPLOAD.maxSize })
    .use(named(/\.(csv|txt)$/i, 'The lookup file must be a CSV file')())
    .optional(),
})

boundaryOptionsValidator.messagesProvider = new PlainEnglishMessages({
  'level': 'Choose whether the file holds districts or wards',
  'codeProperty': 'Choose the property that holds each area’s code',
  'nameProperty': 'Choose the property that holds each area’s name',
  'parentCode': 'Choose the district from the list',
  'simplifyMetres': 'Enter a number of metres from 0 to 1000, like 10',
  'lookup.fileType': 'The lookup file must be a CSV file',
  'lookup.file.size': LOOKUP_UPLOAD.tooLarge,
  'lookup.emptyFile': 'The lookup file is empty',
  'lookup': 'Choose a CSV file',
})
