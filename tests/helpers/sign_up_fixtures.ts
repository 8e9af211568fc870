import app from '@adonisjs/core/services/app'
import Area from '#models/areas/area'
import Postcode from '#models/areas/postcode'
import AreaImport from '#services/areas/area_import'
import PostcodeImport from '#services/areas/postcode_import'
import type { Page } from 'playwright'
import type { BrowserLikeSession, PageResponse } from '#tests/helpers/http'

type Ring = [number, number][]

/** A rectangle as a GeoJSON polygon, from its south-west to its north-east corner. */
export function rectangle(west: number, south: number, east: number, north: number) {
  const ring: Ring = [
    [west, south],
    [east, south],
    [east, north],
    [west, north],
    [west, south],
  ]
  return { type: 'Polygon' as const, coordinates: [ring] }
}

function feature(
  code: string,
  name: string,
  level: string,
  geometry: ReturnType<typeof rectangle>,
  parentCode?: string
) {
  return {
    type: 'Feature' as const,
    properties: { code, name, level, parent_code: parentCode ?? null },
    geometry,
  }
}

/**
 * Two districts, each split into two wards, with boundaries (and their
 * bounding boxes, as the real import sets them). Boston's north-east corner
 * has no ward: a point there is in the district only.
 */
export async function seedMappedAreas() {
  await AreaImport.fromFeatures([
    feature('M-D1', 'Boston', 'district', rectangle(0, 52.9, 0.2, 53.0)),
    feature('M-D2', 'Lincoln', 'district', rectangle(-0.6, 53.2, -0.4, 53.3)),
    feature('M-W1', 'Central', 'ward', rectangle(0, 52.9, 0.1, 53.0), 'M-D1'),
    feature('M-W2', 'Skirbeck', 'ward', rectangle(0.1, 52.9, 0.2, 52.95), 'M-D1'),
    feature('M-W3', 'Abbey', 'ward', rectangle(-0.6, 53.2, -0.5, 53.3), 'M-D2'),
    feature('M-W4', 'Castle', 'ward', rectangle(-0.5, 53.2, -0.4, 53.3), 'M-D2'),
  ])
  const byCode = async (code: string) => Area.findByOrFail('code', code)
  return {
    boston: await byCode('M-D1'),
    lincoln: await byCode('M-D2'),
    central: await byCode('M-W1'),
    skirbeck: await byCode('M-W2'),
    abbey: await byCode('M-W3'),
    castle: await byCode('M-W4'),
  }
}

/** Points in seedMappedAreas' geography, as [lat, lng]. */
export const POINTS = {
  central: [52.95, 0.05],
  abbey: [53.25, -0.55],
  bostonWithoutWard: [52.975, 0.15],
  shetland: [60.155, -1.145],
} as const

/** Postcodes in seedMappedAreas' geography, and one far outside it. */
export async function seedPostcodes() {
  await Postcode.createMany([
    { postcode: 'PE21 6ZZ', lat: POINTS.central[0], lng: POINTS.central[1] },
    { postcode: 'LN2 5ZZ', lat: POINTS.abbey[0], lng: POINTS.abbey[1] },
    { postcode: 'ZE1 0ZZ', lat: POINTS.shetland[0], lng: POINTS.shetland[1] },
  ])
}

/** The demo's geography: the Lincolnshire districts and wards, and the synthetic sample postcodes. */
export async function loadLincolnshire() {
  await AreaImport.fromFiles([
    app.makePath('database/data/lincolnshire/districts.geojson'),
    app.makePath('database/data/lincolnshire/wards.geojson'),
  ])
  return PostcodeImport.fromFile(app.makePath('database/data/lincolnshire/postcodes_sample.csv'))
}

export type ContactFields = {
  name?: string
  email?: string
  mobile?: string
  landline?: string
  [field: string]: string | undefined
}

/** Goes through the sign-up by the ward list up to the check page, as a browser without JavaScript. */
export async function answerUpToCheck(
  browser: BrowserLikeSession,
  ward: Area,
  contact: ContactFields
) {
  await browser.submit('/sign-up/ward', { wardId: ward.id })
  return skipOptionalQuestions(browser, await browser.submit('/sign-up/contact', contact))
}

/** The sign-up's optional questions: topics, watch schemes, channels, priority, quiet time and about you. */
export const OPTIONAL_QUESTIONS = [
  '/sign-up/topics',
  '/sign-up/schemes',
  '/sign-up/channels',
  '/sign-up/priority',
  '/sign-up/quiet-time',
  '/sign-up/about-you',
]

/** Presses "Skip this question" on each optional question asked, up to the page after them. */
export async function skipOptionalQuestions(browser: BrowserLikeSession, page: PageResponse) {
  let current = page
  while (OPTIONAL_QUESTIONS.includes(new URL(current.url).pathname)) {
    current = await browser.submit(new URL(current.url).pathname, { skip: '1' })
  }
  return current
}

/**
 * In the browser, once "How can we contact you?" is answered: presses "Skip
 * this question" on each optional question asked, up to the page after them.
 */
export async function skipQuestionsInBrowser(page: Page) {
  await page.waitForURL((url) => url.pathname !== '/sign-up/contact')
  while (OPTIONAL_QUESTIONS.includes(new URL(page.url()).pathname)) {
    const before = page.url()
    await page.getByRole('button', { name: /^Skip th(is question|ese questions)$/ }).click()
    await page.waitForURL((url) => url.href !== before)
  }
}
