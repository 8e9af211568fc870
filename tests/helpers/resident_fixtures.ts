import { readFile, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import Interest from '#models/residents/interest'
import Scheme, { type SchemeKind } from '#models/residents/scheme'
import type Area from '#models/areas/area'
import type Resident from '#models/residents/resident'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import ImportUploads from '#services/residents/import/import_uploads'

export const MESSY_CSV = app.makePath('tests', 'fixtures', 'residents_messy.csv')

export function messyCsv() {
  return readFile(MESSY_CSV)
}

/**
 * Removes the uploads a test made, and only those: a developer's own server
 * may be using the same folder. Call it before the test; call what it returns after.
 */
export async function cleanUpUploads() {
  const list = () => readdir(ImportUploads.directory()).catch(() => [] as string[])
  const before = new Set(await list())
  return async () => {
    for (const entry of await list()) {
      if (!before.has(entry)) {
        await rm(join(ImportUploads.directory(), entry), { recursive: true, force: true })
      }
    }
  }
}

export function createInterest(name: string, position = 1) {
  return Interest.create({
    slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    name,
    description: null,
    position,
  })
}

export function createScheme(name: string, kind: SchemeKind, area: Area | null = null) {
  return Scheme.create({ name, kind, areaId: area?.id ?? null })
}

export async function chooseInterests(resident: Resident, interests: Interest[]) {
  await resident.related('interests').attach(interests.map((interest) => interest.id))
}

export async function joinSchemes(resident: Resident, schemes: Scheme[]) {
  await db.table('scheme_members').multiInsert(
    schemes.map((scheme) => ({
      scheme_id: scheme.id,
      resident_id: resident.id,
      joined_at: sqlTime(),
    }))
  )
}

/** The text of a page without its markup, for asserting what a person reads. */
export function visibleText(html: string) {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
}

/** The text of one row of a table marked data-row="N" (the import reports). */
export function reportRow(html: string, row: number) {
  const match = html.match(new RegExp(`<tr[^>]*data-row="${row}"[^>]*>([\\s\\S]*?)</tr>`))
  return match ? visibleText(match[1]).trim() : null
}

/** The counts on an import's check or summary page. */
export function importCounts(html: string) {
  const count = (name: string) => {
    const match = html.match(new RegExp(`data-count="${name}">\\s*(\\d+)`))
    if (!match) throw new Error(`No ${name} count on the page`)
    return Number(match[1])
  }
  return {
    total: count('total'),
    imported: count('imported'),
    duplicates: count('duplicates'),
    rejected: count('rejected'),
  }
}
