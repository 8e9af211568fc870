import { randomUUID } from 'node:crypto'
import { readFile, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import { recordEvents } from '#tests/helpers/raised_events'
import db from '@adonisjs/lucid/services/db'
import { parse } from 'csv-parse/sync'
import Area from '#models/areas/area'
import AuditLog from '#models/platform/audit_log'
import Resident from '#models/residents/resident'
import ResidentImportRecord from '#models/residents/resident_import_record'
import type Organisation from '#models/platform/organisation'
import type User from '#models/platform/user'
import { seedDefaultInterests } from '#services/residents/lists/default_interests'
import {
  countRows,
  createOrganisation,
  createResident,
  createStaff,
  seedAreas,
} from '#tests/helpers/fixtures'
import { UploadingSession } from '#tests/helpers/multipart_upload'
import {
  cleanUpUploads,
  importCounts,
  messyCsv,
  reportRow,
  visibleText,
} from '#tests/helpers/resident_fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const IMPORT = '/staff/residents/import'

/** What the messy fixture's check must say about each row that is not imported. */
const MESSY_PROBLEMS: Record<number, string> = {
  5: 'Rejected The email address “not-an-email” is not a valid email address',
  6: 'Rejected The mobile number “12345” is not a valid UK mobile number',
  7: 'Rejected There is no email address, mobile or landline, so Beacon could not reach this person',
  8: 'Rejected No ward has the code or name “Atlantis”',
  9: 'Rejected The consent evidence is missing: Beacon imports only residents whose consent you can show',
  10: 'Skipped: duplicate Duplicate of row 2 in the file (same email address)',
  14: 'Skipped: duplicate Already registered with Beacon (same email address)',
  15: 'Skipped: duplicate Duplicate of row 2 in the file (same mobile number)',
  16: 'Rejected This row has 9 values but the file has 8 columns: check it for a missing or extra comma',
  17: 'Rejected No interest is called “Knitting”: add it under Interests and schemes, or remove it from the file',
  18: 'Rejected The landline number “07400 123009” is a mobile number: put it in the mobile column',
  20: 'Rejected The postcode “NOT A POSTCODE” is not a UK postcode',
}
const MESSY_NEW_ROWS = [2, 3, 11, 12, 13, 21]

interface Scene {
  areas: Awaited<ReturnType<typeof seedAreas>>
  police: Organisation
  fire: Organisation
  admin: User
  browser: UploadingSession
}

async function scene(): Promise<Scene> {
  const areas = await seedAreas()
  await seedDefaultInterests()
  const police = await createOrganisation('Police')
  const fire = await createOrganisation('Fire')
  const admin = await createStaff(police, 'admin')
  const browser = await signInStaff(admin, new UploadingSession())
  return { areas, police, fire, admin, browser }
}

async function upload(browser: UploadingSession, name: string, content: string | Buffer) {
  return browser.upload(IMPORT, 'file', { name, content })
}

/** Uploads the file and accepts Beacon's guesses for the columns: the page after is the check. */
async function uploadAndCheck(browser: UploadingSession, name: string, content: string | Buffer) {
  const mapping = await upload(browser, name, content)
  const fields = Object.fromEntries(
    [...mapping.text.matchAll(/<select[^>]*name="(\w+)"[\s\S]*?<\/select>/g)].map((match) => [
      match[1],
      match[0].match(/<option value="(\d*)" selected>/)?.[1] ?? '',
    ])
  )
  const check = await browser.post(new URL(mapping.url).pathname, fields)
  return { mapping, check }
}

async function runImport(browser: UploadingSession, check: { url: string }) {
  return browser.post(`${new URL(check.url).pathname.replace(/\/dry-run$/, '')}/run`)
}

test.group('Resident import: the file', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.setup(() => cleanUpUploads())

  test('no file, a file that is not CSV, an empty file, one with only headings and one that is too big are refused with a clear message', async ({
    assert,
  }) => {
    const { browser } = await scene()
    const cases: [Parameters<UploadingSession['upload']>[2], string][] = [
      [null, 'Choose a CSV file to upload'],
      [
        {
          name: 'residents.xlsx',
          content: 'PK\u0003\u0004binary',
          type: 'application/vnd.ms-excel',
        },
        'The file must be a CSV file. In your spreadsheet, choose “Save as” and pick “CSV UTF-8”.',
      ],
      [{ name: 'empty.csv', content: '' }, 'The file is empty.'],
      [{ name: 'blank.csv', content: '\r\n\r\n,,,\r\n' }, 'The file is empty.'],
      [
        { name: 'headings.csv', content: 'Name,Email\r\n\r\n' },
        'The file has a row of column headings but no residents below it.',
      ],
      [
        { name: 'big.csv', content: 'Name,Email\n' + 'x'.repeat(5 * 1024 * 1024) },
        'The file must be 5 MB or smaller. Split it into smaller files.',
      ],
    ]
    for (const [file, message] of cases) {
      const page = await browser.upload(IMPORT, 'file', file)
      assert.equal(new URL(page.url).pathname, IMPORT, file?.name)
      assert.include(visibleText(page.text), `Error: ${message}`, file?.name)
    }
    assert.equal(await countRows('resident_imports'), 0)
  })

  test('no copy of an uploaded file is left in the system’s temporary folder, whether it is refused or kept', async ({
    assert,
  }) => {
    const { browser, police } = await scene()
    const sender = await signInStaff(await createStaff(police, 'sender'), new UploadingSession())
    const marker = `marker-${randomUUID()}`
    const before = new Set(await readdir(tmpdir()))
    const forbidden = await sender.upload(IMPORT, 'file', {
      name: 'mine.csv',
      content: `Name\n${marker}\n`,
    })
    assert.equal(forbidden.status, 403)
    await upload(browser, 'refused.xlsx', `Name,Email\n${marker},a@example.test\n`)
    await upload(browser, 'headings.csv', `Name,${marker}\n`)
    await upload(
      browser,
      'kept.csv',
      `Name,Email,Ward,Consent\n${marker},a@example.test,Central,Form\n`
    )

    const leftBehind: string[] = []
    for (const entry of await readdir(tmpdir())) {
      if (before.has(entry)) continue
      const content = await readFile(join(tmpdir(), entry), 'utf8').catch(() => '')
      if (content.includes(marker)) leftBehind.push(entry)
    }
    assert.deepEqual(leftBehind, [])
  })

  test('a file with more than 20,000 residents is refused and the admin is told to split it', async ({
    assert,
  }) => {
    const { browser } = await scene()
    const rows = Array.from({ length: 20_001 }, (_, index) => `R${index},r${index}@example.test`)
    const page = await upload(browser, 'many.csv', ['Name,Email', ...rows].join('\n'))
    assert.include(
      visibleText(page.text),
      'The file has more than 20,000 rows. Split it into files of 20,000 rows or fewer and import them one at a time.'
    )
  })

  test('only admins may import, and an upload or a report is reachable only by the admin’s own organisation', async ({
    assert,
  }) => {
    const { browser, police, fire } = await scene()
    const { check } = await uploadAndCheck(browser, 'residents_messy.csv', await messyCsv())
    const checkPath = new URL(check.url).pathname
    const record = await ResidentImportRecord.firstOrFail()

    for (const role of ['sender', 'approver', 'officer', 'analyst'] as const) {
      const other = await signInStaff(await createStaff(police, role), new UploadingSession())
      assert.equal((await other.get(IMPORT)).status, 403, role)
      const attempt = await other.upload(IMPORT, 'file', { name: 'x.csv', content: 'Name\nA' })
      assert.equal(attempt.status, 403, role)
      assert.equal((await other.get(`/staff/residents/imports/${record.id}`)).status, 403, role)
    }

    const fireAdmin = await signInStaff(await createStaff(fire, 'admin'), new UploadingSession())
    for (const path of [
      checkPath,
      checkPath.replace(/\/dry-run$/, ''),
      `/staff/residents/imports/${record.id}`,
      `/staff/residents/imports/${record.id}/report`,
    ]) {
      const page = await fireAdmin.get(path)
      assert.equal(page.status, 404, path)
      assert.notInclude(page.text, 'Ada Lovelace')
    }
    await fireAdmin.get(IMPORT)
    const run = await fireAdmin.post(`${checkPath.replace(/\/dry-run$/, '')}/run`)
    assert.equal(run.status, 404)

    // A second admin of the same organisation cannot pick up someone else's upload either.
    const colleague = await signInStaff(await createStaff(police, 'admin'), new UploadingSession())
    assert.equal((await colleague.get(checkPath)).status, 404)
    assert.equal(await countRows('residents'), 0)
  })

  test('a quotation mark that is never closed makes the rest of the file one rejected row, not a lost one', async ({
    assert,
  }) => {
    const { browser } = await scene()
    const csv = [
      'Name,Email,Ward,Consent',
      'Ada Lovelace,ada@example.test,Central,Paper form',
      'Bob "Builder,bob@example.test,Central,Paper form',
      '"Carol,carol@example.test,Central,Paper form',
      'Dan,dan@example.test,Central,Paper form',
    ].join('\r\n')
    const { check } = await uploadAndCheck(browser, 'broken.csv', csv)
    assert.deepEqual(importCounts(check.text), {
      total: 3,
      imported: 2,
      duplicates: 0,
      rejected: 1,
    })
    assert.include(
      reportRow(check.text, 4)!,
      'A quotation mark (") opens a value and is never closed, so this row and the rest of the file could not be read'
    )
  })

  test('a file saved as Windows-1252 keeps its accents', async ({ assert }) => {
    const { browser } = await scene()
    const csv = Buffer.from(
      'Name,Email,Ward,Consent\r\nJosé Núñez,jose@example.test,Central,Formulaire papier\r\n',
      'latin1'
    )
    const { check } = await uploadAndCheck(browser, 'latin.csv', csv)
    assert.deepEqual(importCounts(check.text), {
      total: 1,
      imported: 1,
      duplicates: 0,
      rejected: 0,
    })
    await runImport(browser, check)
    assert.equal((await Resident.findByOrFail('email', 'jose@example.test')).name, 'José Núñez')
  })
})

test.group('Resident import: choosing the columns', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.setup(() => cleanUpUploads())

  test('Beacon guesses the columns from their headings', async ({ assert }) => {
    const { browser } = await scene()
    const page = await upload(browser, 'residents_messy.csv', await messyCsv())
    assert.match(new URL(page.url).pathname, /^\/staff\/residents\/import\/[\w-]{22}$/)
    const text = visibleText(page.text)
    assert.include(text, 'residents_messy.csv has 18 rows of residents')
    const selected = (field: string) =>
      page.text
        .match(new RegExp(`<select[^>]*name="${field}"[\\s\\S]*?</select>`))![0]
        .match(/<option value="\d+" selected>([^(<]+)/)?.[1]
        ?.trim()
    assert.equal(selected('name'), 'Full Name')
    assert.equal(selected('email'), 'E-mail Address')
    assert.equal(selected('mobile'), 'Mobile')
    assert.equal(selected('landline'), 'Home Phone')
    assert.equal(selected('postcode'), 'Post Code')
    assert.equal(selected('ward'), 'Ward')
    assert.equal(selected('interests'), 'Interests')
    assert.equal(selected('consentEvidence'), 'Consent given')
    assert.include(page.text, 'Full Name (for example “Ada Lovelace”)')
  })

  test('the admin cannot continue without the consent evidence, the name or the ward, or with one column for two fields', async ({
    assert,
  }) => {
    const { browser } = await scene()
    const mapping = await upload(browser, 'residents_messy.csv', await messyCsv())
    const action = new URL(mapping.url).pathname

    const missing = await browser.post(action, {
      name: '0',
      email: '1',
      ward: '',
      consentEvidence: '',
    })
    assert.equal(new URL(missing.url).pathname, action, 'back on the column page')
    const text = visibleText(missing.text)
    assert.include(
      text,
      'Error: Choose the column that holds the consent evidence. Beacon imports only residents whose consent you can show'
    )
    assert.include(text, 'Error: Choose the column that holds the ward code or ward name')
    assert.match(
      missing.text,
      /name="email"[\s\S]*?<option value="1" selected>/,
      'choices are kept'
    )

    const noName = await browser.post(action, { ward: '5', consentEvidence: '7' })
    assert.include(
      visibleText(noName.text),
      'Error: Choose the column that holds each resident’s name'
    )

    const twice = await browser.post(action, {
      name: '0',
      email: '1',
      mobile: '1',
      ward: '5',
      consentEvidence: '7',
    })
    assert.include(
      visibleText(twice.text),
      'Error: This column is already chosen for “Email address”. Choose a different column for each field'
    )
    const outside = await browser.post(action, { name: '0', ward: '5', consentEvidence: '99' })
    assert.include(visibleText(outside.text), 'Error: Choose a column from the list')
    assert.equal(await countRows('resident_imports'), 0, 'no check was run')
  })
})

test.group('Resident import: check, import and report', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.setup(() => cleanUpUploads())

  test('the dry run of a messy file lists every row that will not be imported, with its row number and reason, and imports nothing', async ({
    assert,
  }) => {
    const { browser, fire, areas } = await scene()
    await createResident(areas.central, [fire], {
      email: 'existing@example.test',
      name: 'Henry Existing',
    })
    const { check } = await uploadAndCheck(browser, 'residents_messy.csv', await messyCsv())
    assert.match(new URL(check.url).pathname, /\/dry-run$/)
    const text = visibleText(check.text)
    assert.include(text, 'nothing has been imported yet')
    assert.deepEqual(importCounts(check.text), {
      total: 18,
      imported: 6,
      duplicates: 3,
      rejected: 9,
    })
    assert.include(text, '2 blank rows were left out, as they hold no resident: rows 4, 19.')
    for (const [row, expected] of Object.entries(MESSY_PROBLEMS)) {
      assert.include(reportRow(check.text, Number(row)) ?? '', expected, `row ${row}`)
    }
    for (const row of MESSY_NEW_ROWS) {
      assert.isNull(reportRow(check.text, row), `row ${row} will be imported`)
    }
    assert.include(text, 'Import 6 residents')

    assert.equal(await countRows('residents'), 1, 'only the resident who was already there')
    const record = await ResidentImportRecord.firstOrFail()
    assert.equal(record.status, 'dry_run')
    assert.equal(record.totalRows, 18)
  })

  test('the import adds the residents as the check said, for the importing organisation only; the totals add up; a re-import adds nobody', async ({
    assert,
    cleanup,
  }) => {
    const events = recordEvents(cleanup)
    const { browser, police, fire, admin, areas } = await scene()
    const { central, boston } = areas
    await createResident(central, [fire], {
      email: 'existing@example.test',
      name: 'Henry Existing',
    })

    const { check } = await uploadAndCheck(browser, 'residents_messy.csv', await messyCsv())
    const summary = await runImport(browser, check)
    assert.match(new URL(summary.url).pathname, /^\/staff\/residents\/imports\/\d+$/)
    const text = visibleText(summary.text)
    assert.include(text, '6 residents were imported.')
    const counts = importCounts(summary.text)
    assert.deepEqual(counts, { total: 18, imported: 6, duplicates: 3, rejected: 9 })
    assert.equal(counts.imported + counts.duplicates + counts.rejected, counts.total)
    for (const [row, expected] of Object.entries(MESSY_PROBLEMS)) {
      assert.include(reportRow(summary.text, Number(row)) ?? '', expected, `row ${row}`)
    }

    const imported = await Resident.query()
      .where('source', 'import')
      .orderBy('id')
      .preload('areas')
      .preload('interests')
    assert.deepEqual(
      imported.map((resident) => resident.name),
      ['Ada Lovelace', 'Bob Baker', '=cmd()', '+1 Plus', 'Smith, Jane', 'Nia Text']
    )
    // Plugins hear of each imported resident as of any confirmed one.
    assert.sameMembers(
      events.of('resident:confirmed').map((event) => event.residentId),
      imported.map((resident) => resident.id)
    )
    for (const resident of imported) {
      assert.equal(resident.status, 'active')
      assert.equal(resident.registeredByUserId, admin.id)
      const consents = await db.from('consents').where('resident_id', resident.id)
      assert.deepEqual(
        consents.map((consent) => consent.organisation_id),
        [police.id],
        `${resident.name} consents to the importing organisation only`
      )
    }
    const ada = imported[0]
    assert.equal(ada.email, 'ada@example.test')
    assert.equal(ada.phone, '+447400123001')
    assert.equal(ada.postcode, 'PE21 8QR')
    assert.sameMembers(
      ada.areas.map((area) => area.id),
      [central.id, boston.id],
      'in the ward and its district'
    )
    assert.sameMembers(
      ada.interests.map((interest) => interest.name),
      ['Burglary', 'Fraud and scams']
    )
    const bob = imported[1]
    assert.equal(bob.email, 'bob.baker@example.test')
    assert.equal(bob.landline, '+441205311001')
    assert.equal(bob.postcode, 'PE21 9AA')
    assert.equal(imported[5].phone, '+447400123010')
    assert.isNull(imported[5].email)

    // Formula-like cells are kept as the text they are.
    assert.equal(imported[2].name, '=cmd()')
    const evidence = await AuditLog.query()
      .where('action', 'resident.imported')
      .where('subject_id', imported[2].id)
      .firstOrFail()
    assert.equal(evidence.userId, admin.id)
    assert.equal(evidence.organisationId, police.id)
    assert.deepInclude(evidence.details!, {
      filename: 'residents_messy.csv',
      row: 11,
      consentEvidence: '@SUM(A1:A2)',
    })
    const summaryEntry = await AuditLog.findByOrFail('action', 'residents.imported')
    assert.deepInclude(summaryEntry.details!, {
      imported: 6,
      duplicates: 3,
      rejected: 9,
      total: 18,
    })

    const record = await ResidentImportRecord.firstOrFail()
    assert.equal(record.status, 'imported')
    assert.equal(record.organisationId, police.id)
    assert.equal(record.totalRows, 18)
    assert.equal(record.importedRows, 6)
    assert.equal(record.rejectedRows, 9)

    // The resident's page shows where they came from and the consent evidence.
    const page = visibleText((await browser.get(`/staff/residents/${imported[2].id}`)).text)
    assert.include(page, 'Imported the resident from a file')
    assert.include(page, 'From residents_messy.csv, row 11')
    assert.include(page, 'Consent evidence: @SUM(A1:A2)')

    // Clicking "Import" again, or going back to the columns, does not import again.
    const again = await runImport(browser, check)
    assert.equal(new URL(again.url).pathname, new URL(summary.url).pathname)
    const back = await browser.get(new URL(check.url).pathname.replace(/\/dry-run$/, ''))
    assert.equal(new URL(back.url).pathname, new URL(summary.url).pathname)
    assert.lengthOf(await Resident.query().where('source', 'import'), 6)

    // The same file a second time: every row is a duplicate or rejected.
    const second = await uploadAndCheck(browser, 'residents_messy.csv', await messyCsv())
    assert.deepEqual(importCounts(second.check.text), {
      total: 18,
      imported: 0,
      duplicates: 9,
      rejected: 9,
    })
    assert.include(visibleText(second.check.text), 'No row of this file can be imported')
    assert.include(
      reportRow(second.check.text, 2)!,
      'Already registered with Beacon (same email address)'
    )
    assert.include(
      reportRow(second.check.text, 21)!,
      'Already registered with Beacon (same mobile number)'
    )
    const reimport = await runImport(browser, second.check)
    assert.deepEqual(importCounts(reimport.text), {
      total: 18,
      imported: 0,
      duplicates: 9,
      rejected: 9,
    })
    assert.equal(await countRows('residents'), 7)
  })

  test('the report downloads as CSV with every row, and cells that a spreadsheet would run as formulas are made plain text', async ({
    assert,
  }) => {
    const { browser } = await scene()
    const { check } = await uploadAndCheck(browser, 'residents_messy.csv', await messyCsv())
    const summary = await runImport(browser, check)
    const download = await browser.get(`${new URL(summary.url).pathname}/report`)
    assert.equal(download.status, 200)
    assert.include(download.headers.get('content-type')!, 'text/csv')
    assert.include(download.headers.get('content-disposition')!, 'attachment')

    assert.equal(
      download.bytes.subarray(0, 3).toString('hex'),
      'efbbbf',
      'marked as UTF-8 for Excel'
    )
    const rows: string[][] = parse(download.bytes, { bom: true })
    assert.deepEqual(rows[0], [
      'Row',
      'Outcome',
      'Reason',
      'Name',
      'Email address',
      'Mobile',
      'Landline',
    ])
    assert.lengthOf(rows, 19, 'a heading and every one of the 18 rows')
    const byRow = new Map(rows.slice(1).map((row) => [Number(row[0]), row]))
    assert.deepEqual(byRow.get(11), [
      '11',
      'Imported',
      '',
      "'=cmd()",
      'formula@example.test',
      "'+447400123003",
      '',
    ])
    assert.deepEqual(byRow.get(12)!.slice(1, 4), ['Imported', '', "'+1 Plus"])
    assert.deepEqual(byRow.get(5)!.slice(1, 5), [
      'Rejected',
      'The email address “not-an-email” is not a valid email address',
      'Carol Danvers',
      'not-an-email',
    ])
    assert.equal(byRow.get(10)![1], 'Skipped: duplicate')
    for (const row of rows.slice(1)) {
      for (const cell of row) assert.notMatch(cell, /^[=+\-@]/, `row ${row[0]}`)
    }
  })

  test('a ward name shared by two wards must be given by its code', async ({ assert }) => {
    const { browser, areas } = await scene()
    await Area.create({ code: 'T-W9', name: 'Central', level: 'ward', parentId: areas.lincoln.id })
    const csv =
      'Name,Email,Ward,Consent\nAda,ada@example.test,Central,Form\nBob,bob@example.test,T-W9,Form\n'
    const { check } = await uploadAndCheck(browser, 'wards.csv', csv)
    assert.deepEqual(importCounts(check.text), {
      total: 2,
      imported: 1,
      duplicates: 0,
      rejected: 1,
    })
    assert.include(
      reportRow(check.text, 2)!,
      'More than one ward is called “Central”: use the ward code instead'
    )
  })
})
