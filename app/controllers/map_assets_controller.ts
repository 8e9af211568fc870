import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import AreaOutlines from '#services/area_outlines'

const LEAFLET_DIST = 'node_modules/leaflet/dist'
const files = new Map<string, string>()

async function leafletFile(name: string) {
  if (!files.has(name)) files.set(name, await readFile(app.makePath(LEAFLET_DIST, name), 'utf8'))
  return files.get(name)!
}

/**
 * What the sign-up map needs from this server alone (the content security
 * policy allows no other): Leaflet from the installed package, and the
 * areas' outlines. No map tiles are used.
 */
export default class MapAssetsController {
  async leafletJs({ response }: HttpContext) {
    response.header('Content-Type', 'text/javascript; charset=utf-8')
    response.header('Cache-Control', 'public, max-age=86400')
    return leafletFile('leaflet.js')
  }

  async leafletCss({ response }: HttpContext) {
    response.header('Content-Type', 'text/css; charset=utf-8')
    response.header('Cache-Control', 'public, max-age=86400')
    return leafletFile('leaflet.css')
  }

  async areaOutlines({ response }: HttpContext) {
    response.header('Content-Type', 'application/geo+json; charset=utf-8')
    response.header('Cache-Control', 'public, max-age=300')
    return JSON.stringify(await AreaOutlines.featureCollection())
  }
}
