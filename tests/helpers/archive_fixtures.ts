import app from '@adonisjs/core/services/app'
import { DateTime } from 'luxon'
import Area from '#models/areas/area'
import Alert, { type AlertStatus } from '#models/messaging/alert'
import type Organisation from '#models/platform/organisation'
import AreaImport from '#services/areas/area_import'
import ApiTokens from '#services/platform/organisations/api_tokens'
import env from '#start/env'

interface AlertOptions {
  title?: string
  body?: string
  priority?: number
  category?: string | null
  isPublic?: boolean
  status?: AlertStatus
  /** When the send completed; alerts still sending or drafts have none. */
  completedAt?: DateTime | null
}

let sequence = 0

/** An alert as it is once sent (or, with `status`, at another point of its life). */
export async function alertFor(
  organisation: Organisation,
  areas: Area[],
  options: AlertOptions = {}
) {
  sequence += 1
  const status = options.status ?? 'sent'
  return Alert.create({
    organisationId: organisation.id,
    authorId: null,
    title: options.title ?? `Alert number ${sequence}`,
    body: options.body ?? `The details of alert number ${sequence}.`,
    priority: options.priority ?? 3,
    category: options.category === undefined ? 'burglary' : options.category,
    isPublic: options.isPublic ?? true,
    status,
    criteria: { areaIds: areas.map((area) => area.id) },
    completedAt:
      options.completedAt === undefined
        ? status === 'sent'
          ? // Each alert made later is newer, and all are in the past.
            DateTime.now().minus({ days: 1 }).plus({ seconds: sequence })
          : null
        : options.completedAt,
  })
}

/** The real Lincolnshire districts and wards, with their outlines. */
export async function importLincolnshire() {
  await AreaImport.fromFiles(
    ['districts', 'wards'].map((name) => app.makePath(`database/data/lincolnshire/${name}.geojson`))
  )
  return {
    boston: await Area.findByOrFail('code', 'E07000136'),
    central: await Area.findByOrFail('code', 'E05005541'),
  }
}

/** A token as an admin would copy it from the page that creates it. */
export async function tokenFor(organisation: Organisation, name = 'Control room') {
  const { secret } = await ApiTokens.issue(organisation.id, null, name)
  return secret
}

export interface ApiAnswer {
  status: number
  headers: Headers
  json: any
}

/**
 * Calls the JSON API as a force system does: a bearer token, a JSON body,
 * no cookies and no CSRF token.
 */
export async function callApi(
  method: 'GET' | 'POST',
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}
): Promise<ApiAnswer> {
  const response = await fetch(new URL(path, env.get('APP_URL')), {
    method,
    headers: {
      Accept: 'application/json',
      ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    redirect: 'manual',
  })
  const text = await response.text()
  let json: any = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    throw new Error(
      `${method} ${path} answered ${response.status} with something other than JSON:\n${text.slice(0, 1000)}`
    )
  }
  return { status: response.status, headers: response.headers, json }
}

/** Fetches a public page or feed and keeps what a reader gets. */
export async function fetchPublic(path: string) {
  const response = await fetch(new URL(path, env.get('APP_URL')))
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text: await response.text(),
  }
}
