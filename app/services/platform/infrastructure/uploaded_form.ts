import { randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { Readable } from 'node:stream'
import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import { csrfFactory } from '@adonisjs/shield/guards'
import type { ShieldConfig } from '@adonisjs/shield/types'
import { errors } from '@vinejs/vine'
import { UPLOAD_ROUTES } from '#config/bodyparser'

/** The one file a form takes: its field, the largest size allowed, and what to say when it is larger. */
export interface UploadRule {
  field: string
  maxSize: string
  tooLarge: string
}

/** Uploads wait here until their form is checked; each is removed when its request ends. */
export function uploadFolder() {
  return app.makePath('tmp', 'uploads')
}

/**
 * A file sent to one of the forms that take one, whose body (and so its CSRF
 * token) nobody has read yet: shield leaves its check to readUploadedForm.
 */
export function isUnreadUpload(ctx: HttpContext) {
  return ctx.request.bodyType === 'multipart' && UPLOAD_ROUTES.includes(ctx.route?.pattern ?? '')
}

let verifyCsrfToken: ReturnType<typeof csrfFactory> | undefined

/**
 * Shield's own check, for a body read after shield has run. Made when first
 * needed: config/shield.ts imports this file before the app has booted.
 */
async function verifyCsrf(ctx: HttpContext) {
  if (!verifyCsrfToken) {
    const encryption = await app.container.make('encryption')
    verifyCsrfToken = csrfFactory(
      { ...app.config.get<ShieldConfig>('shield').csrf, exceptRoutes: [] },
      encryption.use()
    )
  }
  await verifyCsrfToken(ctx)
}

async function writeToDisk(part: Readable, path: string, reportChunk: (chunk: Buffer) => void) {
  // The chunks are counted (against the size allowed) as they are written.
  part.pause()
  part.on('data', reportChunk)
  try {
    await pipeline(part, createWriteStream(path))
  } catch (error) {
    await rm(path, { force: true })
    throw error
  }
}

/**
 * Reads the body of a form that takes a file, once the controller has checked
 * who is asking: the bodyparser reads no multipart body by itself
 * (config/bodyparser.ts), as it runs before anyone is known and would write
 * an anonymous visitor's file to disk. No more than the rule's size is
 * written; a larger file is refused with the rule's message. Then the form's
 * CSRF token, which travels in the body, is checked.
 *
 * A form sent without a file (urlencoded) was read by the bodyparser and
 * checked by shield already; checking its token again does no harm.
 */
export async function readUploadedForm(ctx: HttpContext, rule: UploadRule) {
  const { request, response } = ctx
  const written: string[] = []
  const removeWritten = () => Promise.all(written.map((path) => rm(path, { force: true })))

  if (request.bodyType === 'multipart' && request.multipart.state === 'idle') {
    await mkdir(uploadFolder(), { recursive: true })
    // Whatever the controller does not move to keep is removed once the answer is sent.
    response.onFinish(() => void removeWritten())
    request.multipart.onFile('*', { deferValidations: true }, async (part, reportChunk) => {
      const tmpPath = join(uploadFolder(), randomUUID())
      written.push(tmpPath)
      try {
        await writeToDisk(part, tmpPath, reportChunk)
        return { tmpPath }
      } catch (error) {
        request.multipart.abort(error)
      }
    })
    try {
      await request.multipart.process({ limit: rule.maxSize })
    } catch (error) {
      await removeWritten()
      // The same code also means too many fields; only the file's size has the rule's message.
      if ((error as Error).message !== 'request entity too large') throw error
      throw new errors.E_VALIDATION_ERROR([
        { field: rule.field, message: rule.tooLarge, rule: 'file.size' },
      ])
    }
  }

  try {
    await verifyCsrf(ctx)
  } catch (error) {
    await removeWritten()
    throw error
  }
}
