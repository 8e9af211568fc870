import { definePlugin } from '#contracts/plugin'
import {
  DEFAULT_TIMEOUT_SECONDS,
  neighbourhoodWatchSettings,
  type NeighbourhoodWatchSettings,
} from './src/settings.js'
import { RegisterClient, RegisterError } from './src/register_client.js'
import { WatchSync } from './src/watch_sync.js'
import { defineStaffPages } from './src/staff_pages.js'
import { watchPrivacy } from './src/privacy.js'

/** Test connection: reads the register's first page with the token, and says what it found. */
async function checkRegister(values: NeighbourhoodWatchSettings) {
  if (!values.register_url || !values.token) {
    return { ok: false as const, message: 'Enter the register’s address and token to test them.' }
  }
  const client = new RegisterClient(
    values.register_url,
    values.token,
    values.timeout_seconds ?? DEFAULT_TIMEOUT_SECONDS
  )
  try {
    const page = await client.page(1)
    const more = page.totalPages && page.totalPages > 1 ? ` (page 1 of ${page.totalPages})` : ''
    return {
      ok: true as const,
      message: `The register accepted the token and listed ${page.schemes.length} schemes${more}.`,
    }
  } catch (error) {
    if (error instanceof RegisterError) return { ok: false as const, message: error.message }
    throw error
  }
}

/**
 * Neighbourhood Watch: imports watch schemes, their coordinators and the
 * members who consented from the national register (its JSON feed or a CSV
 * export), every night and on demand, with a change report for each sync.
 * README.md says what staff set up and what it keeps.
 */
export default definePlugin({
  id: 'neighbourhood-watch',
  name: 'Neighbourhood Watch',
  description:
    'Imports watch schemes, coordinators and the members who agreed to receive alerts from the Neighbourhood Watch register, nightly or from a CSV export, with a report of each sync.',
  version: '1.0.0',
  settings: neighbourhoodWatchSettings(checkRegister),
  register(context) {
    const sync = new WatchSync(context.schemes, context.settings)

    context.staffPages((pages) => defineStaffPages(pages, sync), {
      roles: ['admin'],
      nav: [{ group: 'Residents', label: 'Neighbourhood Watch', path: '/' }],
    })

    // One organisation after another, each to the end: the register is asked for one thing at a time.
    context.schedule('nightly-sync', {
      every: '30 2 * * *',
      run: async () => {
        for (const organisationId of context.enabledOrganisations()) {
          if (await sync.registerMissing(organisationId)) continue
          const started = await sync.start(organisationId, 'nightly', null)
          await started?.done
        }
      },
    })

    context.privacy(watchPrivacy)
  },
})
