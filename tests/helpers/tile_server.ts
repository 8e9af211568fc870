import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

// A 1×1 PNG; Leaflet draws each tile at 256×256 whatever its size.
const TILE = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64'
)

/**
 * A local tile server, as a street map's would answer: /{z}/{x}/{y}.png.
 * Counts what it was asked for, so a test sees the browser reached it.
 */
export async function startTileServer() {
  const requested: string[] = []
  const server: Server = createServer((request, response) => {
    const match = request.url?.match(/^\/tiles\/(\d+)\/(\d+)\/(\d+)\.png$/)
    if (!match) {
      response.writeHead(404).end()
      return
    }
    requested.push(match.slice(1).join('/'))
    response.writeHead(200, { 'Content-Type': 'image/png', 'Cache-Control': 'no-store' })
    response.end(TILE)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    url: `${origin}/tiles/{z}/{x}/{y}.png`,
    requested,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
