import { defineConfig } from '@adonisjs/core/bodyparser'

const bodyParserConfig = defineConfig({
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  form: {
    convertEmptyStringsToNull: true,
    trimWhitespaces: true,
    types: ['application/x-www-form-urlencoded'],
  },
  json: {
    convertEmptyStringsToNull: true,
    trimWhitespaces: true,
    types: ['application/json', 'application/json-patch+json', 'application/vnd.api+json'],
  },
  multipart: {
    // Only the resident import and the branding logo take files; elsewhere a multipart body is not written to disk.
    autoProcess: ['/staff/residents/import', '/staff/settings/branding'],
    convertEmptyStringsToNull: true,
    trimWhitespaces: true,
    processManually: [],
    limit: '6mb',
    types: ['multipart/form-data'],
  },
})

export default bodyParserConfig
