import type { WatchSchemes } from '#contracts/schemes'
import type { SettingsReader } from '#contracts/settings'
import type { RegisterBatch, RegisterScheme } from './register_data.js'
import { RegisterClient, RegisterError, type RegisterPage } from './register_client.js'
import { schemesFromCsv } from './csv_export.js'
import { applyScheme, retireScheme } from './scheme_apply.js'
import { ImportedSchemes } from './imported_schemes.js'
import { SyncRuns, type SyncOrigin } from './sync_runs.js'
import { csvColumns, DEFAULT_TIMEOUT_SECONDS, type NeighbourhoodWatchSettings } from './settings.js'

/** Most pages one sync reads: a register that always says "next page" cannot keep a sync going. */
const MOST_PAGES = 1000

type Source = { kind: 'register'; client: RegisterClient } | { kind: 'csv'; batch: RegisterBatch }

/**
 * A sync of an organisation's schemes with the register, or with a CSV
 * export of it: each scheme applied as it is read (applyScheme), the report
 * written as it goes. A register that fails halfway leaves the schemes read
 * so far applied and the rest as they were; the run says so, and the next
 * one finishes. Schemes the register no longer lists are retired only after
 * a complete read.
 */
export class WatchSync {
  constructor(
    private schemes: WatchSchemes,
    private settings: SettingsReader
  ) {}

  /** Why the organisation cannot sync with the register now, or null when it can. */
  async registerMissing(organisationId: number) {
    const values = await this.settings.forOrganisation<NeighbourhoodWatchSettings>(organisationId)
    if (!values.register_url) return 'The register’s address is not set (Settings → Plugins).'
    if (!values.token) return 'The register token is not set (Settings → Plugins).'
    return null
  }

  /**
   * Starts a run and answers its id at once (null while another runs); the
   * work goes on in `done`, which never rejects.
   */
  async start(
    organisationId: number,
    origin: SyncOrigin,
    userId: number | null,
    csvText?: string
  ): Promise<{ runId: number; done: Promise<void> } | null> {
    const runId = await SyncRuns.start(organisationId, origin, userId)
    if (runId === null) return null
    const done = this.#run(runId, organisationId, csvText).catch(async (error: Error) => {
      await SyncRuns.finish(
        runId,
        'failed',
        error instanceof RegisterError ? error.message : 'The sync stopped on an unexpected error.'
      ).catch(() => {})
    })
    return { runId, done }
  }

  async #run(runId: number, organisationId: number, csvText?: string) {
    const values = await this.settings.forOrganisation<NeighbourhoodWatchSettings>(organisationId)
    let source: Source
    if (csvText !== undefined) {
      source = { kind: 'csv', batch: schemesFromCsv(csvText, csvColumns(values)) }
    } else {
      const missing = await this.registerMissing(organisationId)
      if (missing) throw new RegisterError(missing)
      source = {
        kind: 'register',
        client: new RegisterClient(
          values.register_url!,
          values.token!,
          values.timeout_seconds ?? DEFAULT_TIMEOUT_SECONDS
        ),
      }
    }

    const seen = new Set<string>()
    for await (const batch of this.#batches(source)) {
      if (batch.rejected.length > 0) {
        await SyncRuns.record(
          runId,
          batch.rejected.map((row) => ({
            change: 'rejected',
            subject: row.subject,
            detail: row.reason,
          })),
          { rejected: batch.rejected.length }
        )
      }
      for (const scheme of batch.schemes) {
        if (seen.has(scheme.ref)) {
          await this.#duplicate(runId, scheme)
          continue
        }
        seen.add(scheme.ref)
        const applied = await applyScheme(this.schemes, organisationId, scheme)
        await SyncRuns.record(runId, applied.rows, { ...applied.counts, schemes: 1 })
      }
    }

    if (seen.size === 0) {
      await SyncRuns.finish(runId, 'completed', 'No schemes were read, so none was taken out.')
      return
    }
    for (const imported of await ImportedSchemes.of(organisationId)) {
      if (seen.has(imported.schemeRef)) continue
      const retired = await retireScheme(
        this.schemes,
        organisationId,
        imported.schemeRef,
        imported.schemeId
      )
      await SyncRuns.record(runId, retired.rows, retired.counts)
    }
    await SyncRuns.finish(runId, 'completed', null)
  }

  async *#batches(source: Source): AsyncGenerator<RegisterBatch> {
    if (source.kind === 'csv') {
      yield source.batch
      return
    }
    let page: number | null = 1
    for (let read = 0; page !== null && read < MOST_PAGES; read++) {
      const answer: RegisterPage = await source.client.page(page).catch((error: Error) => {
        if (!(error instanceof RegisterError) || page === 1) throw error
        throw new RegisterError(
          `${error.message} The schemes read before then were applied; the rest are as they were, and the next sync carries on.`
        )
      })
      yield answer
      page = answer.nextPage
    }
  }

  async #duplicate(runId: number, scheme: RegisterScheme) {
    await SyncRuns.record(
      runId,
      [
        {
          change: 'rejected',
          subject: `Scheme ${scheme.ref} (${scheme.name})`,
          detail: 'The scheme is listed twice; the first is used',
        },
      ],
      { rejected: 1 }
    )
  }
}
