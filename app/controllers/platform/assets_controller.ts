import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'

const GOVUK_DIST = 'node_modules/govuk-frontend/dist/govuk'
let css: string | null = null
let js: string | null = null

/**
 * Serves GOV.UK Frontend from the installed package. The GDS Transport font
 * is reserved for GOV.UK, so its @font-face rules are removed and text falls
 * back to Arial, as the Design System advises for other services.
 */
export default class AssetsController {
  async govukCss({ response }: HttpContext) {
    if (css === null) {
      const source = await readFile(app.makePath(GOVUK_DIST, 'govuk-frontend.min.css'), 'utf8')
      css = source.replace(/@font-face\{[^}]*\}/g, '').replaceAll('GDS Transport,', '')
    }
    response.header('Content-Type', 'text/css; charset=utf-8')
    response.header('Cache-Control', 'public, max-age=86400')
    return css
  }

  async govukJs({ response }: HttpContext) {
    if (js === null) {
      js = await readFile(app.makePath(GOVUK_DIST, 'govuk-frontend.min.js'), 'utf8')
    }
    response.header('Content-Type', 'text/javascript; charset=utf-8')
    response.header('Cache-Control', 'public, max-age=86400')
    return js
  }
}
