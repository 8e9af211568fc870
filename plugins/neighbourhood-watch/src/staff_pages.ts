import { readFile } from 'node:fs/promises'
import type { HttpContext } from '@adonisjs/core/http'
import type { StaffPageRouter } from '#contracts/pages'
import type { WatchSync } from './watch_sync.js'
import { SyncRuns, type SyncRun } from './sync_runs.js'
import { reportCsv } from './report_csv.js'

export const BASE = '/staff/plugins/neighbourhood-watch'
const ROWS_PER_PAGE = 50

const ORIGINS = { register: 'Sync now', nightly: 'Nightly sync', upload: 'CSV export' }
const STATUSES = { running: 'Running', completed: 'Finished', failed: 'Stopped' }

function pageNumber(ctx: HttpContext) {
  const page = Number(ctx.request.input('page', 1))
  return Number.isInteger(page) && page > 0 ? page : 1
}

function idOf(ctx: HttpContext): number {
  const id = Number(ctx.params.id)
  return Number.isSafeInteger(id) && id > 0 ? id : 0
}

function describe(run: SyncRun) {
  return {
    ...run,
    originLabel: ORIGINS[run.origin],
    statusLabel: STATUSES[run.status],
    startedLabel: run.startedAt.toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  }
}

/**
 * The plugin's page: Sync now, a CSV export to import, the past syncs; and
 * each sync's report, on a page and as CSV. Everything is the organisation's
 * own (staff.organisationId).
 */
export function defineStaffPages(pages: StaffPageRouter, sync: WatchSync) {
  pages.get('/', async (ctx, staff) => {
    const page = pageNumber(ctx)
    const { runs, pages: lastPage } = await SyncRuns.page(staff.organisationId, page)
    return ctx.view.render('neighbourhood-watch::index', {
      runs: runs.map(describe),
      page,
      lastPage,
      registerMissing: await sync.registerMissing(staff.organisationId),
      notice: ctx.session.flashMessages.get('nwNotice'),
      error: ctx.session.flashMessages.get('error'),
    })
  })

  pages.post('/sync', async ({ response, session }, staff) => {
    const missing = await sync.registerMissing(staff.organisationId)
    if (missing) {
      session.flash('error', missing)
      return response.redirect(BASE)
    }
    const started = await sync.start(staff.organisationId, 'register', staff.userId)
    if (!started) {
      session.flash('error', 'A sync is already running. Wait for it to finish, then try again.')
      return response.redirect(BASE)
    }
    return response.redirect(`${BASE}/syncs/${started.runId}`)
  })

  pages.upload(
    '/upload',
    async ({ request, response, session }, staff) => {
      const file = request.file('csv_file')
      if (!file?.tmpPath) {
        session.flash('error', 'Choose the register’s CSV export to import')
        return response.redirect(BASE)
      }
      const csv = await readFile(file.tmpPath, 'utf8')
      const started = await sync.start(staff.organisationId, 'upload', staff.userId, csv)
      if (!started) {
        session.flash('error', 'A sync is already running. Wait for it to finish, then try again.')
        return response.redirect(BASE)
      }
      return response.redirect(`${BASE}/syncs/${started.runId}`)
    },
    {
      field: 'csv_file',
      maxSize: '5mb',
      tooLarge: 'The CSV export must be smaller than 5 MB: ask the register for its JSON feed',
    }
  )

  pages.get('/syncs/:id', async (ctx, staff) => {
    const run = await SyncRuns.find(staff.organisationId, idOf(ctx))
    if (!run) return ctx.response.notFound(await ctx.view.render('pages/errors/not_found'))
    const page = pageNumber(ctx)
    const total = await SyncRuns.rowCount(run.id)
    return ctx.view.render('neighbourhood-watch::sync', {
      run: describe(run),
      rows: await SyncRuns.rows(run.id, { page, perPage: ROWS_PER_PAGE }),
      page,
      lastPage: Math.max(1, Math.ceil(total / ROWS_PER_PAGE)),
      total,
    })
  })

  pages.get('/syncs/:id/report.csv', async (ctx, staff) => {
    const run = await SyncRuns.find(staff.organisationId, idOf(ctx))
    if (!run) return ctx.response.notFound(await ctx.view.render('pages/errors/not_found'))
    ctx.response.header('Content-Type', 'text/csv; charset=utf-8')
    ctx.response.header(
      'Content-Disposition',
      `attachment; filename="neighbourhood-watch-sync-${run.id}.csv"`
    )
    return reportCsv(run, await SyncRuns.rows(run.id))
  })
}
