import { randomUUID } from 'node:crypto'
import { readdir, readFile, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import AreaImportRecord from '#models/areas/area_import_record'
import Organisation from '#models/platform/organisation'
import { uploadFolder } from '#services/platform/infrastructure/uploaded_form'
import { createOrganisation, createStaff } from '#tests/helpers/fixtures'
import { UploadingSession } from '#tests/helpers/multipart_upload'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

/**
 * A file of this size, holding a marker no other file holds: the temporary
 * folders are searched for it after each refused upload.
 */
function markedFile(name = 'residents.csv', size = 64 * 1024) {
  const marker = `upload-${randomUUID()}`
  const content = Buffer.alloc(size, `${marker}\n`)
  return { marker, file: { name, content } }
}

/** Files written since `since` that hold the marker, in the system's and Beacon's upload folders. */
async function filesHolding(marker: string, since: number) {
  const found: string[] = []
  for (const folder of [tmpdir(), uploadFolder()]) {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => [])
    for (const entry of entries) {
      if (!entry.isFile()) continue
      const path = join(folder, entry.name)
      const info = await stat(path).catch(() => null)
      // Other programs share the system's folder: only new files of an upload's size are read.
      if (!info || info.mtimeMs < since - 1000) continue
      if (info.size < 1024 || info.size > 4 * 1024 * 1024) continue
      const bytes = await readFile(path).catch(() => Buffer.alloc(0))
      if (bytes.includes(marker)) found.push(path)
    }
  }
  return found
}

async function uploadRoutes() {
  const fire = await createOrganisation('Northshire Fire')
  const record = await AreaImportRecord.create({
    userId: null,
    filename: 'wards.geojson',
    status: 'uploaded',
    dryRun: true,
  })
  return [
    '/staff/residents/import',
    '/staff/settings/branding',
    `/staff/settings/organisations/${fire.id}/branding`,
    '/staff/settings/areas/imports',
    `/staff/settings/areas/imports/${record.id}/check`,
  ]
}

test.group('Forms that take a file', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('an anonymous upload is sent to sign in and nothing of it is written to disk', async ({
    assert,
  }) => {
    for (const path of await uploadRoutes()) {
      const since = Date.now()
      const { marker, file } = markedFile()
      const page = await new UploadingSession().postMultipart(
        path,
        { senderName: 'Taken over' },
        { file, logo: file, lookup: file }
      )
      assert.equal(new URL(page.url).pathname, '/staff/login', path)
      assert.deepEqual(await filesHolding(marker, since), [], path)
    }
  })

  test('staff who may not use the form are refused before anything is written to disk', async ({
    assert,
  }) => {
    const police = await createOrganisation('Northshire Police')
    const sender = await signInStaff(await createStaff(police, 'sender'), new UploadingSession())
    const orgAdmin = await signInStaff(await createStaff(police, 'admin'), new UploadingSession())
    const [residentImport, branding, otherBranding, areaImport, areaCheck] = await uploadRoutes()
    const attempts: [UploadingSession, string][] = [
      [sender, residentImport],
      [sender, branding],
      [orgAdmin, otherBranding],
      [orgAdmin, areaImport],
      [orgAdmin, areaCheck],
    ]
    for (const [browser, path] of attempts) {
      const since = Date.now()
      const { marker, file } = markedFile()
      await browser.get('/staff')
      const page = await browser.postMultipart(
        path,
        { senderName: 'Taken over' },
        { file, logo: file, lookup: file }
      )
      assert.equal(page.status, 403, path)
      assert.deepEqual(await filesHolding(marker, since), [], path)
    }
    await police.refresh()
    assert.isNull(police.senderName)
  })

  test('an upload without the form’s CSRF token is refused and its file removed', async ({
    assert,
  }) => {
    const police = await createOrganisation('Northshire Police')
    const admin = await createStaff(police, 'admin', { installAdmin: true })
    const browser = await signInStaff(admin, new UploadingSession())
    const routes = await uploadRoutes()
    const fields = ['file', 'logo', 'logo', 'file', 'lookup']
    for (const [index, path] of routes.entries()) {
      const since = Date.now()
      const { marker, file } = markedFile(fields[index] === 'logo' ? 'logo.png' : 'data.csv')
      const page = await browser.upload('/staff', fields[index], file, {
        action: path,
        csrf: false,
      })
      assert.include(page.text, 'your answers were not sent', path)
      assert.deepEqual(await filesHolding(marker, since), [], path)
    }
    const fire = await Organisation.findByOrFail('name', 'Northshire Fire')
    assert.isNull(fire.logoFile)
  })

  test('a file far over the form’s limit is refused in plain English and not kept', async ({
    assert,
  }) => {
    const police = await createOrganisation('Northshire Police')
    const browser = await signInStaff(await createStaff(police, 'admin'), new UploadingSession())
    const since = Date.now()
    const { marker, file } = markedFile('logo.png', 3 * 1024 * 1024)
    const page = await browser.upload('/staff/settings/branding', 'logo', file)
    assert.equal(new URL(page.url).pathname, '/staff/settings/branding')
    assert.include(page.text, 'The logo must be 200 KB or smaller')
    assert.deepEqual(await filesHolding(marker, since), [])
  })
})
