import { crc32, deflateSync } from 'node:zlib'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import db from '@adonisjs/lucid/services/db'
import type Resident from '#models/residents/resident'
import ResidentTokens from '#services/residents/registration/resident_tokens'
import ReportFiles from '#services/engagement/reports/report_files'
import { UploadingSession, type UploadedFile } from '#tests/helpers/multipart_upload'

function chunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** A real 2×2 red PNG, as a phone's screenshot would be (only smaller). */
export function realPng() {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(2, 0)
  header.writeUInt32BE(2, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const row = Buffer.from([0, 255, 0, 0, 255, 0, 0])
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat([row, row]))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** A browser without JavaScript that can send files, signed in as the resident. */
export async function uploaderSignedInAs(resident: Resident) {
  const browser = new UploadingSession()
  const secret = await ResidentTokens.issue(resident.id, 'magic_link', 1)
  await browser.get(`/my-alerts/sign-in/${secret}`)
  const page = await browser.post(`/my-alerts/sign-in/${secret}`)
  if (!page.text.includes('Signed in as'))
    throw new Error(`Sign-in failed:\n${page.text.slice(0, 2000)}`)
  return browser
}

/** Opens the form and sends it with one file, as the resident would. */
export async function sendReport(
  browser: UploadingSession,
  formPath: string,
  fields: Record<string, string>,
  file?: UploadedFile | UploadedFile[]
) {
  const form = await browser.get(formPath)
  const action = form.text.match(/<form method="POST" action="([^"]+)" enctype/)?.[1]
  if (!action) throw new Error(`No report form in:\n${form.text.slice(0, 3000)}`)
  return browser.postMultipart(
    action.replaceAll('&amp;', '&'),
    fields,
    file ? { attachments: file } : {}
  )
}

export async function reportsOf(residentId: number) {
  return db
    .from('alert_replies')
    .where({ resident_id: residentId, kind: 'report' })
    .orderBy('id')
    .select('id', 'organisation_id', 'about_alert_id', 'alert_id', 'place', 'happened_at', 'state')
}

export async function attachmentsOf(replyId: number) {
  return db.from('report_attachments').where('reply_id', replyId).orderBy('id')
}

export function storedFileExists(storedName: string) {
  return existsSync(join(ReportFiles.directory(), storedName))
}
