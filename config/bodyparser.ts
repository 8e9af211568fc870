import { defineConfig } from '@adonisjs/core/bodyparser'

/**
 * The forms that take a file: the resident import, the branding logo and
 * boundary files. Their controllers read the body themselves
 * (readUploadedForm in app/services/platform/infrastructure/uploaded_form.ts) once they know who is
 * asking, with the size each form allows; shield leaves their CSRF check to
 * that reading too (config/shield.ts).
 */
export const UPLOAD_ROUTES = [
  '/staff/residents/import',
  '/staff/settings/branding',
  '/staff/settings/organisations/:id/branding',
  '/staff/settings/areas/imports',
  '/staff/settings/areas/imports/:id/check',
  '/my-alerts/tell-us/report',
  '/alerts/:alertId/tell-us/:residentId/:expires/report',
]

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
    // No multipart body is read here: this runs before sign-in is checked, so an anonymous
    // post could fill the disk. The upload routes read theirs after their checks.
    autoProcess: false,
    processManually: UPLOAD_ROUTES,
    convertEmptyStringsToNull: true,
    trimWhitespaces: true,
    // Each upload route sets its own limit when it reads its body.
    limit: '1mb',
    types: ['multipart/form-data'],
  },
})

export default bodyParserConfig
