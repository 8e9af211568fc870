import db from '@adonisjs/lucid/services/db'
import { createStaff, type createOrganisation } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { eventually } from '#tests/helpers/eventually'
import { BrowserLikeSession } from '#tests/helpers/http'
import type { UploadingSession } from '#tests/helpers/multipart_upload'
import type { FakeRegister } from './fake_register.js'

type Organisation = Awaited<ReturnType<typeof createOrganisation>>

export const SETTINGS = '/staff/settings/plugins/neighbourhood-watch'
export const PAGE = '/staff/plugins/neighbourhood-watch'

/**
 * Switches the plugin on as an install admin would (install-wide, then for
 * the organisation) and saves the register's address and token through the
 * real Settings → Plugins pages. Hands back the admin's session; cleanup
 * switches the plugin off again.
 */
export async function enableWatch<
  T extends BrowserLikeSession | UploadingSession = BrowserLikeSession,
>(
  organisation: Organisation,
  register: FakeRegister | null,
  cleanup: (fn: () => Promise<void>) => void,
  overrides: Record<string, string> = {},
  session?: T
): Promise<T> {
  const user = await createStaff(organisation, 'admin', { installAdmin: true })
  const admin = (await signInStaff(user, session ?? new BrowserLikeSession())) as T
  await admin.get(SETTINGS)
  const enabled = await admin.post(SETTINGS, { enabled: 'true' })
  if (!enabled.text.includes('Neighbourhood Watch is now enabled.')) {
    throw new Error(`Could not enable the plugin:\n${enabled.text.slice(0, 3000)}`)
  }
  cleanup(async () => {
    await admin.get(SETTINGS)
    await admin.post(SETTINGS, { enabled: 'false' })
  })
  await admin.post(`${SETTINGS}/organisation`, { enabled: 'true' })
  const saved = await admin.post(`${SETTINGS}/organisation/settings`, {
    ...(register ? { register_url: register.url(), token: register.token } : {}),
    timeout_seconds: '1',
    ...overrides,
    _intent: 'save',
  })
  if (saved.text.includes('govuk-error-summary')) {
    throw new Error(`Settings refused:\n${saved.text.slice(0, 5000)}`)
  }
  return admin
}

/** The sync as its page shows it once it has finished (or stopped). */
export async function finishedSync(admin: BrowserLikeSession | UploadingSession, path: string) {
  return eventually(async () => {
    const page = await admin.get(path)
    if (page.text.includes('id="sync-progress"') || !page.text.includes('id="sync-outcome"')) {
      throw new Error('The sync is still running')
    }
    return page
  })
}

/** The schemes the register brought in, with their area's code and members' emails, by register id. */
export async function importedSchemes() {
  const schemes = await db
    .from('schemes')
    .leftJoin('areas', 'areas.id', 'schemes.area_id')
    .whereNotNull('schemes.external_ref')
    .select('schemes.id', 'schemes.name', 'schemes.external_ref', 'areas.code as area_code')
  const result: Record<string, { name: string; areaCode: string | null; members: string[] }> = {}
  for (const scheme of schemes) {
    const members = await db
      .from('scheme_members')
      .join('residents', 'residents.id', 'scheme_members.resident_id')
      .where('scheme_members.scheme_id', scheme.id)
      .orderBy('residents.email')
      .select('residents.email')
    result[String(scheme.external_ref).replace('neighbourhood-watch:', '')] = {
      name: scheme.name,
      areaCode: scheme.area_code,
      members: members.map((member) => member.email),
    }
  }
  return result
}
