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
    // Only the resident import, the branding logo and boundary files take files; elsewhere a multipart body is not written to disk.
    autoProcess: [
      '/staff/residents/import',
      '/staff/settings/branding',
      '/staff/settings/organisations/:id/branding',
      '/staff/settings/areas/imports',
      '/staff/settings/areas/imports/:id/check',
    ],
    convertEmptyStringsToNull: true,
    trimWhitespaces: true,
    processManually: [],
    // Boundary files are the largest (a country's wards); each form's validator sets its own, smaller limit.
    limit: '100mb',
    types: ['multipart/form-data'],
  },
})

export default bodyParserConfig
