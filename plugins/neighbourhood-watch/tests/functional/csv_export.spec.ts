import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createOrganisation, seedAreas } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { UploadingSession } from '#tests/helpers/multipart_upload'
import { enableWatch, finishedSync, importedSchemes, PAGE } from '../helpers/watch_setup.js'

const UPLOAD = `${PAGE}/upload`

const HEADER =
  'Scheme ID,Scheme name,Area code,Scheme postcode,Coordinator name,Coordinator email,Member ID,Member name,Member email,Member postcode,Consent to alerts'

/** A register export with good lines and broken ones: each broken line is reported on its own. */
const EXPORT = [
  HEADER,
  'NW-1,Elm Road Watch,T-W1,,Pat Coordinator,pat@example.test,M-1,Ann New,ann@example.test,,Yes',
  ',Lost Watch,T-W1,,,,M-2,No Scheme,noscheme@example.test,,Yes',
  'NW-1,Elm Road Watch,T-W1,,Pat Coordinator,pat@example.test,M-3,Bad Email,not-an-email,,Yes',
  'NW-1,Elm Road Watch,T-W1,,Pat Coordinator,pat@example.test,M-4,Cy Quiet,cy@example.test,,No',
  'NW-1,Elm Road Watch,T-W1,,Pat Coordinator,pat@example.test,,No Id,noid@example.test,,Yes',
  'NW-2,Unknown Area Watch,E05999999,,,,M-5,Di Far,di@example.test,,Yes',
  'NW-3,Formula Watch,T-W2,,,,M-6,"=HYPERLINK(""http://evil.test"")",eve@example.test,,yes',
].join('\r\n')

test.group('Neighbourhood Watch: CSV exports and the report', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a CSV export is imported and its broken lines are reported one by one', async ({
    assert,
    cleanup,
  }) => {
    await seedAreas()
    const organisation = await createOrganisation()
    const admin = await enableWatch(organisation, null, cleanup, {}, new UploadingSession())

    const index = await admin.get(PAGE)
    assert.include(index.text, 'The register’s address is not set (Settings → Plugins).')
    assert.include(index.text, 'No syncs yet.')

    const started = await admin.upload(
      PAGE,
      'csv_file',
      { name: 'register.csv', content: EXPORT },
      { action: UPLOAD }
    )
    const page = await finishedSync(admin, new URL(started.url).pathname)
    assert.include(page.text, 'The sync finished.')
    const rejected = [
      ...page.text.matchAll(
        /data-change="rejected">\s*<td[^>]*>Rejected<\/td>\s*<td[^>]*>([^<]*)<\/td>\s*<td[^>]*>([^<]*)<\/td>/g
      ),
    ].map((match) => `${match[1].trim()}: ${match[2].trim()}`)
    assert.deepEqual(rejected, [
      'Line 3: It has no scheme id',
      'Line 6: The member of scheme NW-1 has no member id',
      'Member M-3 (line 4) of Elm Road Watch: The email address “not-an-email” is not valid',
      'Member M-4 (line 5) of Elm Road Watch: They have not agreed on the register to receive alerts, so they were not added',
      'Scheme NW-2 (Unknown Area Watch): No area has the code E05999999 (Settings → Areas lists them)',
    ])
    assert.deepEqual(await importedSchemes(), {
      'NW-1': { name: 'Elm Road Watch', areaCode: 'T-W1', members: ['ann@example.test'] },
      'NW-3': { name: 'Formula Watch', areaCode: 'T-W2', members: ['eve@example.test'] },
    })
    const coordinator = await db
      .from('neighbourhood_watch_schemes')
      .where('scheme_ref', 'NW-1')
      .first()
    assert.equal(coordinator.coordinator_name, 'Pat Coordinator')

    // The report as CSV: every change, and a cell a spreadsheet would run as a formula made text.
    const runPath = new URL(started.url).pathname
    const csv = await admin.get(`${runPath}/report.csv`)
    assert.equal(csv.status, 200)
    assert.include(csv.headers.get('content-type') ?? '', 'text/csv')
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    assert.equal(lines[0], 'Sync,Change,What,Details')
    assert.lengthOf(lines, 1 + 5 + 4) // 5 rejected; 2 schemes and 2 members added
    assert.include(csv.text, `"Member M-6 (=HYPERLINK(""http://evil.test"")) of Formula Watch"`)
    // No cell starts as a formula would.
    assert.notMatch(csv.text, /(^|,)"?[=+\-@]/m)
    assert.include(csv.text, 'Rejected,Line 3,It has no scheme id')

    const list = await admin.get(PAGE)
    assert.include(list.text, 'CSV export')
    assert.include(list.text, 'Finished')
  })

  test('a file that is not the export is refused in plain English', async ({ assert, cleanup }) => {
    await seedAreas()
    const organisation = await createOrganisation()
    const admin = await enableWatch(organisation, null, cleanup, {}, new UploadingSession())

    const none = await admin.upload(PAGE, 'csv_file', null, { action: UPLOAD })
    assert.include(none.text, 'Choose the register’s CSV export to import')

    const huge = await admin.upload(
      PAGE,
      'csv_file',
      { name: 'huge.csv', content: `${HEADER}\r\n${'x'.repeat(5 * 1024 * 1024)}` },
      { action: UPLOAD }
    )
    assert.include(
      huge.text,
      'The CSV export must be smaller than 5 MB: ask the register for its JSON feed'
    )

    const wrong = await admin.upload(
      PAGE,
      'csv_file',
      {
        name: 'other.csv',
        content: 'Name,Email\r\nAnn,ann@example.test',
      },
      { action: UPLOAD }
    )
    const page = await finishedSync(admin, new URL(wrong.url).pathname)
    assert.include(
      page.text,
      'It has no column “Scheme ID”, “Scheme name”, “Member ID”, “Member email” (the column names are set in Settings → Plugins)'
    )
    assert.include(page.text, 'No schemes were read, so none was taken out.')
    assert.deepEqual(await importedSchemes(), {})
  })
})
