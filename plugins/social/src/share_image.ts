import { deflateSync } from 'node:zlib'

/**
 * The site's default share image when neither the organisation nor the
 * install set one: 1200 × 630 (what Facebook and X show best), a dark field
 * with a yellow band, made once in memory so that no binary file is kept.
 */
let png: Buffer | null = null

function crc32(bytes: Buffer) {
  let crc = ~0
  for (const byte of bytes) {
    crc ^= byte
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1))
  }
  return ~crc >>> 0
}

function chunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

export function defaultShareImage() {
  if (png) return png
  const width = 1200
  const height = 630
  const rows = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    const band = y >= 480 && y < 520
    const [r, g, b] = band ? [0xff, 0xdd, 0x00] : [0x0b, 0x0c, 0x0c]
    const start = y * (width * 3 + 1) // each row starts with filter byte 0
    for (let x = 0; x < width; x++) rows.set([r, g, b], start + 1 + x * 3)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB
  png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ])
  return png
}
