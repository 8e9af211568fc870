import { mkdir, utimes, writeFile, access } from 'node:fs/promises'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import Area from '#models/areas/area'
import AreaImportRecord from '#models/areas/area_import_record'
import AuditLog from '#models/platform/audit_log'
import { createOrganisation, createResident, createStaff } from '#tests/helpers/fixtures'
import { AREA_FILES, areaFixture, importAreaFixture } from '#tests/helpers/boundary_fixtures'
import { eventually } from '#tests/helpers/eventually'
import { UploadingSession } from '#tests/helpers/multipart_upload'
import { visibleText } from '#tests/helpers/resident_fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const AREAS = '/staff/settings/areas'

async function installAdmin() {
  const organisation = await createOrganisation('Hampshire and Isle of Wight Constabulary')
  const admin = await createStaff(organisation, 'admin')
  admin.isInstallAdmin = true
  await admin.save()
  return { organisation, admin, browser: await signInStaff(admin, new UploadingSession()) }
}

async function uploadFixture(browser: UploadingSession, name: string) {
  return browser.upload(
    AREAS,
    'file',
    { name, content: await areaFixture(name), type: 'application/octet-stream' },
    {
      action: `${AREAS}/imports`,
    }
  )
}

/** Waits for the queued job, then answers the page it leads to. */
async function finished(browser: UploadingSession, path: string) {
  return eventually(async () => {
    const page = await browser.get(path)
    if (page.text.includes('id="area-import-progress"')) throw new Error('still working')
    return page
  })
}

test.group('Settings → Areas', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('with no areas the page says what to do; only install admins reach it', async ({
    assert,
  }) => {
    const { organisation, browser } = await installAdmin()
    const page = await browser.get(AREAS)
    assert.equal(page.status, 200)
    assert.include(visibleText(page.text), 'There are no areas yet , so nobody can sign up.')

    const orgAdmin = await createStaff(organisation, 'admin')
    const other = await signInStaff(orgAdmin, new UploadingSession())
    assert.equal((await other.get(AREAS)).status, 403)
  })

  test('uploads districts, checks them with a dry run, then imports them on the queue', async ({
    assert,
  }) => {
    const { browser, admin } = await installAdmin()
    const options = await uploadFixture(browser, AREA_FILES.districts)
    assert.include(visibleText(options.text), 'This is a GeoJSON file with 2 areas.')
    assert.match(options.text, /<option value="LAD13CD" selected>LAD13CD<\/option>/)
    assert.match(
      options.text,
      /id="level-district" name="level" type="radio" value="district" checked/
    )

    const optionsPath = new URL(options.url).pathname
    const record = await AreaImportRecord.query().orderBy('id', 'desc').firstOrFail()
    await browser.post(optionsPath.replace(/options$/, 'check'), {
      level: 'district',
      codeProperty: 'LAD13CD',
      nameProperty: 'LAD13NM',
      parentCode: '',
      simplifyMetres: '0',
    })
    const checked = await finished(browser, `${AREAS}/imports/${record.id}`)
    const text = visibleText(checked.text)
    assert.include(text, 'This is what importing the file would do. Nothing has changed yet.')
    assert.include(text, 'Would be added 2 districts')
    assert.equal(
      await Area.query()
        .count('* as n')
        .first()
        .then((row) => Number(row!.$extras.n)),
      0
    )

    await browser.post(`${AREAS}/imports/${record.id}/run`)
    const imported = await finished(browser, `${AREAS}/imports/${record.id}`)
    assert.include(visibleText(imported.text), 'Boundaries imported')
    assert.include(visibleText(imported.text), 'Added 2 districts')
    assert.deepEqual(
      (await Area.query().orderBy('name')).map((area) => area.name),
      ['Isle of Wight', 'Rutland']
    )
    const progress = await browser.get(`${AREAS}/imports/${record.id}/progress`)
    assert.deepEqual(JSON.parse(progress.text), {
      status: 'imported',
      phase: 'finished',
      done: 0,
      total: 0,
    })
    const audit = await AuditLog.query().where('action', 'areas.imported').firstOrFail()
    assert.equal(audit.userId, admin.id)
    assert.deepInclude(audit.details!, { added: 2, level: 'district' })

    const list = visibleText((await browser.get(AREAS)).text)
    assert.include(list, '2 districts and 0 wards.')
    assert.include(list, 'Isle of Wight (E06000046): 0 wards, 0 residents')
  })

  test('a ward file that cannot be imported reports every problem and imports nothing', async ({
    assert,
  }) => {
    const { browser } = await installAdmin()
    const options = await uploadFixture(browser, AREA_FILES.wightWards)
    const record = await AreaImportRecord.query().orderBy('id', 'desc').firstOrFail()
    await browser.post(new URL(options.url).pathname.replace(/options$/, 'check'), {
      level: 'ward',
      codeProperty: 'WD13CD',
      nameProperty: 'WD13NM',
    })
    const failed = await finished(browser, `${AREAS}/imports/${record.id}`)
    const text = visibleText(failed.text)
    assert.include(text, 'Nothing was imported')
    assert.include(
      text,
      'Feature 1 (E05008479 Arreton and Newchurch) cannot be imported: it lies in no district imported so far'
    )
    assert.equal((await browser.post(`${AREAS}/imports/${record.id}/run`)).status, 200)
    assert.equal(
      await Area.query()
        .count('* as n')
        .first()
        .then((row) => Number(row!.$extras.n)),
      0
    )
  })

  test('a file that is not boundaries is refused by name, and options are validated', async ({
    assert,
  }) => {
    const { browser } = await installAdmin()
    const wrongType = await browser.upload(
      AREAS,
      'file',
      { name: 'wards.xlsx', content: 'x' },
      { action: `${AREAS}/imports` }
    )
    assert.include(
      visibleText(wrongType.text),
      'The file must be GeoJSON (.geojson or .json), TopoJSON (.topojson) or a zipped shapefile (.zip)'
    )
    const notGeo = await browser.upload(
      AREAS,
      'file',
      { name: 'wards.json', content: '{"a":1}' },
      { action: `${AREAS}/imports` }
    )
    assert.include(
      visibleText(notGeo.text),
      'wards.json is JSON but not GeoJSON or TopoJSON: it has no FeatureCollection or Topology in it.'
    )

    const options = await uploadFixture(browser, AREA_FILES.rutlandWards)
    const again = await browser.post(new URL(options.url).pathname.replace(/options$/, 'check'), {
      level: 'county',
      codeProperty: '',
      nameProperty: 'WD13NM',
      simplifyMetres: 'lots',
    })
    const text = visibleText(again.text)
    assert.include(text, 'Choose whether the file holds districts or wards')
    assert.include(text, 'Choose the property that holds each area’s code')
    assert.include(text, 'Enter a number of metres from 0 to 1000, like 10')
  })

  test('wards find their districts through an uploaded lookup file', async ({ assert }) => {
    const { browser } = await installAdmin()
    await importAreaFixture(AREA_FILES.districts)
    const options = await uploadFixture(browser, AREA_FILES.rutlandWards)
    assert.include(visibleText(options.text), 'This is a TopoJSON file with 16 areas.')
    const record = await AreaImportRecord.query().orderBy('id', 'desc').firstOrFail()
    await browser.postMultipart(
      `${AREAS}/imports/${record.id}/check`,
      { level: 'ward', codeProperty: 'WD13CD', nameProperty: 'WD13NM', simplifyMetres: '0' },
      {
        lookup: {
          name: AREA_FILES.rutlandLookup,
          content: await areaFixture(AREA_FILES.rutlandLookup),
        },
      }
    )
    assert.include(
      visibleText((await finished(browser, `${AREAS}/imports/${record.id}`)).text),
      'Would be added 16 wards'
    )
    await browser.post(`${AREAS}/imports/${record.id}/run`)
    await finished(browser, `${AREAS}/imports/${record.id}`)
    const rutland = await Area.findByOrFail('code', 'E06000017')
    const wards = await Area.query().where('parent_id', rutland.id)
    assert.lengthOf(wards, 16)
  })

  test('lists 20 districts a page', async ({ assert }) => {
    const { browser } = await installAdmin()
    for (let index = 1; index <= 21; index++) {
      const code = `E0700${String(index).padStart(4, '0')}`
      await Area.create({
        code,
        name: `District ${String(index).padStart(2, '0')}`,
        level: 'district',
      })
    }
    const first = visibleText((await browser.get(AREAS)).text)
    assert.include(first, 'District 20 (E07000020)')
    assert.notInclude(first, 'District 21')
    const second = visibleText((await browser.get(`${AREAS}?page=2`)).text)
    assert.include(second, 'District 21 (E07000021): 0 wards, 0 residents')
    assert.notInclude(second, 'District 01')
  })

  test('an upload left for a week is removed when the next file is uploaded', async ({
    assert,
  }) => {
    const { browser } = await installAdmin()
    const old = app.makePath('tmp', 'area-imports', '999999')
    await mkdir(old, { recursive: true })
    await writeFile(`${old}/boundaries`, '{}')
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000)
    await utimes(old, eightDaysAgo, eightDaysAgo)
    await uploadFixture(browser, AREA_FILES.districts)
    await assert.rejects(() => access(old))
  })

  test('while a check waits for a worker, the page shows a progress bar and a refresh link', async ({
    assert,
  }) => {
    const { browser, admin } = await installAdmin()
    const record = await AreaImportRecord.create({
      userId: admin.id,
      filename: 'wards.geojson',
      status: 'checking',
      dryRun: true,
    })
    const page = await browser.get(`${AREAS}/imports/${record.id}`)
    assert.match(page.text, /<progress [^>]*id="progress-bar"/)
    const text = visibleText(page.text)
    assert.include(text, 'Checking the file: waiting for a worker, then reading the file.')
    assert.include(text, 'Refresh to see how far it has got')
  })

  test('lists districts with their wards and residents, and finds them by name', async ({
    assert,
  }) => {
    const { browser, organisation } = await installAdmin()
    await importAreaFixture(AREA_FILES.districts)
    await importAreaFixture(AREA_FILES.wightWards)
    const carisbrooke = await Area.findByOrFail('name', 'Carisbrooke')
    await createResident(carisbrooke, [organisation])

    const all = visibleText((await browser.get(AREAS)).text)
    assert.include(all, 'Isle of Wight (E06000046): 39 wards, 1 resident')
    assert.include(all, 'Rutland (E06000017): 0 wards, 0 residents')

    const found = await browser.get(`${AREAS}?q=carisb`)
    const text = visibleText(found.text)
    assert.include(text, 'Carisbrooke E05008482 1')
    assert.notInclude(text, 'Ryde North East')
    assert.notInclude(text, 'Rutland (E06000017)')
    assert.include(
      visibleText((await browser.get(`${AREAS}?q=atlantis`)).text),
      'No district or ward matches “atlantis”.'
    )
  })
})
