import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import AreaOutlines from '#services/areas/area_outlines'

const LEAFLET_DIST = 'node_modules/leaflet/dist'
const GEOMAN_DIST = 'node_modules/@geoman-io/leaflet-geoman-free/dist'
const files = new Map<string, string>()

async function leafletFile(name: string, folder = LEAFLET_DIST) {
  const path = app.makePath(folder, name)
  if (!files.has(path)) {
    // No source map is served, so the browser is not sent looking for one.
    const text = await readFile(path, 'utf8')
    files.set(path, text.replace(/\n\/[/*]# sourceMappingURL=.*\s*$/, '\n'))
  }
  return files.get(path)!
}

/**
 * What the sign-up map needs from this server: Leaflet from the installed
 * package, and the areas' outlines. The street map's tiles come from the
 * tile server named in Settings → Site, the one other origin the content
 * security policy allows images from.
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

  /** Leaflet-Geoman, for drawing a target on the staff targeting map. */
  async geomanJs({ response }: HttpContext) {
    response.header('Content-Type', 'text/javascript; charset=utf-8')
    response.header('Cache-Control', 'public, max-age=86400')
    return leafletFile('leaflet-geoman.min.js', GEOMAN_DIST)
  }

  async geomanCss({ response }: HttpContext) {
    response.header('Content-Type', 'text/css; charset=utf-8')
    response.header('Cache-Control', 'public, max-age=86400')
    return leafletFile('leaflet-geoman.css', GEOMAN_DIST)
  }

  async areaOutlines({ response }: HttpContext) {
    response.header('Content-Type', 'application/geo+json; charset=utf-8')
    response.header('Cache-Control', 'public, max-age=300')
    return JSON.stringify(await AreaOutlines.featureCollection())
  }
}
