import { randomBytes } from 'node:crypto'
import { mkdir, open, rm, writeFile, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import type Organisation from '#models/platform/organisation'

/** GOV.UK Frontend's blue: 5.2:1 against white. */
export const DEFAULT_BRAND_COLOUR = '#1d70b8'

/** WCAG 2.2 AA for normal-size text. */
export const MINIMUM_CONTRAST = 4.5

export const MAX_LOGO_BYTES = 200 * 1024

export const LOGO_FILE_PATTERN = /^[a-f0-9]{32}\.(png|jpg)$/

export type LogoType = 'png' | 'jpg'

export interface BrandingChanges {
  senderName: string | null
  brandColour: string | null
  emailFooter: string | null
  /** A logo already checked by logoTypeOf, to replace the current one. */
  logo?: { path: string; type: LogoType }
  removeLogo?: boolean
}

function channel(value: number) {
  const fraction = value / 255
  return fraction <= 0.04045 ? fraction / 12.92 : ((fraction + 0.055) / 1.055) ** 2.4
}

/** The contrast ratio between white and a "#rrggbb" colour, as WCAG defines it (1 to 21). */
export function contrastWithWhite(colour: string) {
  const [red, green, blue] = [1, 3, 5].map((start) =>
    channel(Number.parseInt(colour.slice(start, start + 2), 16))
  )
  const luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
  return 1.05 / (luminance + 0.05)
}

export function logoPath(file: string) {
  return `/branding/logos/${file}`
}

/**
 * Judged by the file's first bytes, not its name or the type the browser
 * sent: only PNG and JPEG images are kept.
 */
export async function logoTypeOf(path: string): Promise<LogoType | null> {
  const handle = await open(path, 'r')
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(8), 0, 8, 0)
    const head = buffer.subarray(0, bytesRead)
    if (head.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png'
    if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpg'
    return null
  } finally {
    await handle.close()
  }
}

/**
 * An organisation's sender name, colour, footer and logo. Logos live in
 * STORAGE_DIR/branding under random names and are served by their own route,
 * so emails can show them. STORAGE_DIR is outside the code in production:
 * `node ace build` empties build/, and the logos would go with it.
 */
export default class OrganisationBranding {
  static directory() {
    return join(app.makePath(env.get('STORAGE_DIR', 'storage')), 'branding')
  }

  static async readLogo(file: string) {
    if (!LOGO_FILE_PATTERN.test(file)) return null
    try {
      return await readFile(join(this.directory(), file))
    } catch {
      return null
    }
  }

  static async update(organisation: Organisation, changes: BrandingChanges) {
    let stored: string | null = null
    if (changes.logo) {
      stored = `${randomBytes(16).toString('hex')}.${changes.logo.type}`
      await mkdir(this.directory(), { recursive: true })
      await writeFile(join(this.directory(), stored), await readFile(changes.logo.path))
    }
    organisation.merge({
      senderName: changes.senderName,
      brandColour: changes.brandColour,
      emailFooter: changes.emailFooter,
    })
    if (stored) organisation.logoFile = stored
    else if (changes.removeLogo) organisation.logoFile = null
    try {
      await organisation.save()
    } catch (error) {
      if (stored) await rm(join(this.directory(), stored), { force: true })
      throw error
    }
    // A replaced logo stays on disk: emails already sent still show it.
  }
}
