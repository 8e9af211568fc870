import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import config from '@adonisjs/core/services/config'
import db from '@adonisjs/lucid/services/db'
import limiter from '@adonisjs/limiter/services/main'
import ReplyRetentionPurge from '#services/engagement/replies/reply_retention_purge'
import { sqlTime } from '#services/platform/infrastructure/sql_time'
import { linkAfter, sendAlertAndRead } from '#tests/helpers/alert_emails'
import AuditLog from '#models/platform/audit_log'
import ResidentDataExport from '#services/residents/privacy/resident_data_export'
import ResidentErasure from '#services/residents/privacy/resident_erasure'
import ReportLinks from '#services/engagement/reports/report_links'
import { BrowserLikeSession } from '#tests/helpers/http'
import { UploadingSession } from '#tests/helpers/multipart_upload'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { replyWorld } from '#tests/helpers/reply_fixtures'
import {
  attachmentsOf,
  realPng,
  reportsOf,
  sendReport,
  storedFileExists,
  uploaderSignedInAs,
} from '#tests/helpers/report_fixtures'

const FORM = '/my-alerts/tell-us/report'

test.group('Tell us something: residents’ reports into the inbox', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('the guidance comes first, with 999 and 101, and leads to the form', async ({ assert }) => {
    const page = await new BrowserLikeSession().get('/tell-us')
    assert.equal(page.status, 200)
    assert.include(
      page.text,
      'If a crime is happening now, or someone’s life is at risk, call 999.'
    )
    assert.include(page.text, 'Call <strong>101</strong>')
    assert.include(page.text, 'href="/my-alerts/tell-us/report"')
    // A visitor is asked to sign in before the form.
    const form = await new BrowserLikeSession().get(FORM)
    assert.include(form.url, '/my-alerts')
    assert.notInclude(form.text, 'What happened?')
  })

  test('a report with a real PNG lands in the chosen organisation’s inbox as a Report; staff download it and answer', async ({
    assert,
  }) => {
    const { resident, police, sender, councilAdmin } = await replyWorld()
    const browser = await uploaderSignedInAs(resident)
    const form = await browser.get(FORM)
    // The resident hears from both: they choose.
    assert.include(form.text, 'Who do you want to tell?')
    assert.include(form.text, 'Lincolnshire Police')
    assert.include(form.text, 'Boston Council')

    const png = realPng()
    const sent = await sendReport(
      browser,
      FORM,
      {
        organisationId: String(police.id),
        body: 'A van has been parked by the sheds every night this week.',
        place: 'Behind Mill Lane allotments',
        happenedAt: 'Every night, about 2am',
        contactPhone: '01632 960 001',
      },
      { name: 'van.png', content: png, type: 'image/png' }
    )
    const [report] = await reportsOf(resident.id)
    assert.equal(sent.status, 200, sent.text.slice(0, 3000))
    assert.include(sent.text, 'Sent to Lincolnshire Police')
    assert.include(sent.text, `R${report.id}`)
    assert.deepInclude(report, {
      organisation_id: police.id,
      alert_id: null,
      about_alert_id: null,
      place: 'Behind Mill Lane allotments',
      happened_at: 'Every night, about 2am',
      state: 'new',
    })
    const [attachment] = await attachmentsOf(report.id)
    assert.equal(attachment.original_name, 'van.png')
    assert.equal(attachment.content_type, 'image/png')
    assert.equal(Number(attachment.size), png.length)
    assert.match(attachment.stored_name, /^[0-9a-f]{32}\.png$/)
    assert.isTrue(storedFileExists(attachment.stored_name))

    const staff = await signInStaff(sender, new UploadingSession())
    const reports = await staff.get('/staff/inbox?kind=report')
    assert.include(reports.text, '1 reply match')
    assert.include(reports.text, '<option value="report" selected>Reports</option>')
    assert.include(reports.text, '<option value="reply" >Replies</option>')
    assert.include(reports.text, 'data-kind="report">Report</strong>')
    const replies = await staff.get('/staff/inbox?kind=reply')
    assert.include(replies.text, '0 replies match')

    const page = await staff.get(`/staff/inbox/${report.id}`)
    assert.include(page.text, 'A van has been parked by the sheds every night this week.')
    assert.include(page.text, 'id="report-place">Behind Mill Lane allotments</dd>')
    assert.include(page.text, 'id="report-phone">01632 960 001</dd>')
    const link = `/staff/inbox/${report.id}/attachments/${attachment.id}`
    assert.include(page.text, `href="${link}" download>van.png</a>`)

    const download = await staff.get(link)
    assert.equal(download.status, 200)
    assert.isTrue(download.bytes.equals(png))
    assert.equal(download.headers.get('content-type'), 'image/png')
    assert.match(download.headers.get('content-disposition')!, /^attachment; filename="van.png"/)
    assert.equal(download.headers.get('x-content-type-options'), 'nosniff')
    assert.include(download.headers.get('content-security-policy')!, "default-src 'none'")
    const audited = await AuditLog.query().where('action', 'report.attachment_downloaded')
    assert.lengthOf(audited, 1)
    assert.equal(audited[0].userId, sender.id)

    // Staff of another organisation: as if it did not exist.
    const council = await signInStaff(councilAdmin, new UploadingSession())
    assert.equal((await council.get(link)).status, 404)
    assert.equal((await council.get(`/staff/inbox/${report.id}`)).status, 404)
    // Nobody signed in: the sign-in page, never the file.
    const anonymous = await new UploadingSession().get(link)
    assert.include(anonymous.url, '/staff/login')
    assert.isFalse(anonymous.bytes.includes(png))

    // Answering works as for a reply: by email, naming the report.
    await staff.get(`/staff/inbox/${report.id}`)
    const answered = await staff.post(`/staff/inbox/${report.id}/answer`, {
      body: 'Thank you, we will patrol there.',
    })
    assert.include(answered.text, 'Your answer was emailed to Ada Quennell.')
    const mail = await smtpSink.waitForMail(resident.email!, (m) =>
      m.subject.includes('answered your report')
    )
    assert.equal(mail.subject, `Lincolnshire Police answered your report (reference R${report.id})`)
    assert.include(mail.text, 'Thank you, we will patrol there.')
    // The resident's record shows the report beside their replies.
    const record = await staff.get(`/staff/residents/${resident.id}`)
    assert.include(record.text, `<h3 class="govuk-summary-card__title">Report R${report.id}</h3>`)
  })

  test('a file named .png that is HTML or a program is refused, saying which types are allowed; too large says the limit', async ({
    assert,
  }) => {
    const { resident, police } = await replyWorld()
    const browser = await uploaderSignedInAs(resident)
    const fields = { organisationId: String(police.id), body: 'Look at this.' }
    for (const content of [
      Buffer.from('<!doctype html><script>alert(1)</script>'),
      Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]),
    ]) {
      const refused = await sendReport(browser, FORM, fields, {
        name: 'photo.png',
        content,
        type: 'image/png',
      })
      assert.include(
        refused.text,
        '“photo.png” is not a JPEG, PNG or PDF file. Attach photos as JPEG or PNG, and documents as PDF'
      )
      // What they wrote is kept.
      assert.include(refused.text, 'Look at this.</textarea>')
    }
    const big = Buffer.concat([realPng(), Buffer.alloc(5 * 1024 * 1024)])
    const tooLarge = await sendReport(browser, FORM, fields, {
      name: 'huge.png',
      content: big,
      type: 'image/png',
    })
    assert.include(tooLarge.text, '“huge.png” is larger than 5 MB. Attach a file of 5 MB or less')
    const photo = (name: string, padding = 0) => ({
      name,
      content: Buffer.concat([realPng(), Buffer.alloc(padding)]),
      type: 'image/png',
    })
    const four = await sendReport(
      browser,
      FORM,
      fields,
      ['a', 'b', 'c', 'd'].map((n) => photo(`${n}.png`))
    )
    assert.include(four.text, 'Attach no more than 3 files')
    // Each under 5 MB, but more than 10 MB in all.
    const fourMb = 4 * 1024 * 1024
    const heavy = await sendReport(browser, FORM, fields, [
      photo('1.png', fourMb),
      photo('2.png', fourMb),
      photo('3.png', fourMb),
    ])
    assert.include(
      heavy.text,
      'Your files add up to more than 10 MB. Attach fewer or smaller files (each no more than 5 MB)'
    )
    assert.lengthOf(await reportsOf(resident.id), 0)

    const missing = await sendReport(browser, FORM, { organisationId: String(police.id), body: '' })
    assert.include(missing.text, 'Tell us what happened')
    assert.lengthOf(await reportsOf(resident.id), 0)
  })

  test('from an alert’s signed link: the alert’s organisation, recorded as what the report is about', async ({
    assert,
  }) => {
    const { resident, alert, police } = await replyWorld()
    const browser = new UploadingSession()
    const guidance = await browser.get(ReportLinks.url(resident.id, alert.id))
    assert.include(guidance.text, 'About the alert “Sheds broken into” from Lincolnshire Police.')
    const formPath = guidance.text
      .match(/href="([^"]+)" role="button"/)![1]
      .replaceAll('&amp;', '&')
    const sent = await sendReport(browser, formPath, {
      organisationId: String(police.id),
      body: 'I know who it is.',
    })
    assert.include(sent.text, 'Sent to Lincolnshire Police')
    const [report] = await reportsOf(resident.id)
    assert.equal(report.about_alert_id, alert.id)

    // An altered link is not found.
    const forged = await browser.get(
      formPath.replace(`/tell-us/${resident.id}/`, `/tell-us/${resident.id + 1}/`)
    )
    assert.equal(forged.status, 404)
  })

  test('reports and their attachments are in the data download, and erasure removes the files', async ({
    assert,
  }) => {
    const { resident, police } = await replyWorld()
    const browser = await uploaderSignedInAs(resident)
    await sendReport(
      browser,
      FORM,
      { organisationId: String(police.id), body: 'Broken fence.' },
      { name: 'fence.png', content: realPng(), type: 'image/png' }
    )
    const [report] = await reportsOf(resident.id)
    const [attachment] = await attachmentsOf(report.id)

    const data = await ResidentDataExport.collect(resident.id)
    const reports = (data as unknown as Record<string, Record<string, unknown>[]>).residentReports
    assert.lengthOf(reports, 1)
    assert.include(String(reports[0].messages), 'You: Broken fence.')
    assert.match(String(reports[0].attachments), /^fence\.png \(\d+ KB\)$/)

    await ResidentErasure.erase(resident.id)
    assert.lengthOf(await reportsOf(resident.id), 0)
    assert.lengthOf(await attachmentsOf(report.id), 0)
    assert.isFalse(storedFileExists(attachment.stored_name))
  })

  test('the alert’s email and its public page offer “Tell us something about this alert”; the resident pages offer “Tell us something”', async ({
    assert,
  }) => {
    const { resident, police, central } = await replyWorld()
    const {
      alert,
      mails: [mail],
    } = await sendAlertAndRead(
      {
        organisationId: police.id,
        areaIds: [central.id],
        title: 'Quad bikes stolen',
        body: 'Lock up.',
      },
      [resident.email!]
    )
    const link = linkAfter(mail.text, 'Tell us something about this alert')
    assert.include(link, `/alerts/${alert.id}/tell-us/${resident.id}/`)
    const guidance = await new BrowserLikeSession().get(link)
    assert.include(guidance.text, 'About the alert “Quad bikes stolen” from Lincolnshire Police.')

    await db.from('alerts').where('id', alert.id).update({ is_public: true, status: 'sent' })
    const publicPage = await new BrowserLikeSession().get(`/alerts/${alert.id}`)
    assert.include(
      publicPage.text,
      `href="/tell-us?alert=${alert.id}">Tell us something about this alert</a>`
    )
    const browser = await uploaderSignedInAs(resident)
    const account = await browser.get('/my-alerts/account')
    assert.include(account.text, 'href="/tell-us">Tell us something</a>')
    // Signed in, from the public page: to the alert's organisation only, about the alert.
    const form = await browser.get(`/my-alerts/tell-us/report?alert=${alert.id}`)
    assert.include(
      form.text,
      'This goes to <strong>Lincolnshire Police</strong>, about their alert “Quad bikes stolen”.'
    )
    await sendReport(browser, `/my-alerts/tell-us/report?alert=${alert.id}`, {
      organisationId: String(police.id),
      body: 'Seen them at the farm.',
    })
    const [report] = await reportsOf(resident.id)
    assert.equal(report.about_alert_id, alert.id)
  })

  test('reports are limited per resident, whatever address they send from', async ({
    assert,
    cleanup,
  }) => {
    const limit = config.get<number>('beacon.rateLimits.residentReports')
    config.set('beacon.rateLimits.residentReports', 1)
    const { resident, police } = await replyWorld()
    const key = `report:${resident.id}`
    // Ids come round again after the tables are emptied: start from a clean count.
    await limiter.use({ requests: 1, duration: '1 hour' }).delete(key)
    cleanup(async () => {
      config.set('beacon.rateLimits.residentReports', limit)
      await limiter.use({ requests: 1, duration: '1 hour' }).delete(key)
    })
    const fields = { organisationId: String(police.id), body: 'One thing.' }
    await sendReport(await uploaderSignedInAs(resident), FORM, fields)
    const again = await sendReport(await uploaderSignedInAs(resident), FORM, fields)
    assert.equal(again.status, 429)
    assert.include(again.text, 'You have sent several reports in the last hour')
    assert.lengthOf(await reportsOf(resident.id), 1)
  })

  test('the inbox’s retention purges an old report with its files', async ({ assert }) => {
    const { resident, police } = await replyWorld()
    await sendReport(
      await uploaderSignedInAs(resident),
      FORM,
      { organisationId: String(police.id), body: 'Old news.' },
      { name: 'old.png', content: realPng(), type: 'image/png' }
    )
    const [report] = await reportsOf(resident.id)
    const [attachment] = await attachmentsOf(report.id)
    await ReplyRetentionPurge.purge(DateTime.now().plus({ days: 10 }), 365)
    assert.isTrue(storedFileExists(attachment.stored_name))
    await db
      .from('alert_replies')
      .where('id', report.id)
      .update({ last_message_at: sqlTime(DateTime.now().minus({ days: 366 })) })
    assert.equal(await ReplyRetentionPurge.purge(DateTime.now(), 365), 1)
    assert.lengthOf(await reportsOf(resident.id), 0)
    assert.isFalse(storedFileExists(attachment.stored_name))
  })
})
