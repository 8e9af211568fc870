import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import AuditLog from '#models/platform/audit_log'
import Alert from '#models/messaging/alert'
import type Organisation from '#models/platform/organisation'
import AlertDispatcher from '#services/messaging/delivery/alert_dispatcher'
import OrganisationBranding from '#services/platform/organisations/organisation_branding'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { UploadingSession } from '#tests/helpers/multipart_upload'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64'
)

const stored: string[] = []

async function adminSession(organisation: Organisation) {
  const browser = new UploadingSession()
  await signInStaff(await createStaff(organisation, 'admin'), browser)
  return browser
}

/** A one-pixel PNG sent as the branding form's logo. */
function uploadLogo(browser: UploadingSession, name: string) {
  return browser.upload('/staff/settings/branding', 'logo', {
    name,
    content: ONE_PIXEL_PNG,
    type: 'image/png',
  })
}

async function remember(organisation: Organisation) {
  await organisation.refresh()
  if (organisation.logoFile) stored.push(organisation.logoFile)
  return organisation
}

test.group('Branding settings', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.teardown(async () => {
    for (const file of stored) {
      await rm(join(OrganisationBranding.directory(), file), { force: true })
    }
  })

  test('an admin sets the sender name, colour and footer; the change is audited', async ({
    assert,
  }) => {
    const organisation = await createOrganisation('Lincolnshire Police')
    const browser = await adminSession(organisation)

    const form = await browser.get('/staff/settings/branding')
    assert.equal(form.status, 200)
    assert.include(form.text, 'href="/staff/settings/branding">Branding</a>')
    const saved = await browser.submit('/staff/settings/branding', {
      senderName: 'Lincs Police Alerts',
      brandColour: '#00703C',
      emailFooter: 'In an emergency, call 999.\nNot an emergency? Call 101.',
    })
    assert.include(saved.text, 'Branding saved.')
    assert.include(saved.text, 'value="Lincs Police Alerts"')
    assert.include(saved.text, 'value="#00703c"')
    await organisation.refresh()
    assert.equal(organisation.senderName, 'Lincs Police Alerts')
    assert.equal(organisation.brandColour, '#00703c')
    assert.equal(
      organisation.emailFooter,
      'In an emergency, call 999.\nNot an emergency? Call 101.'
    )
    const audit = await AuditLog.query()
      .where('action', 'organisation.branding_updated')
      .firstOrFail()
    assert.equal(audit.organisationId, organisation.id)
    assert.equal(audit.subjectId, organisation.id)
  })

  test('refuses a colour that is not #rrggbb, or too light for white text, and saves nothing', async ({
    assert,
  }) => {
    const organisation = await createOrganisation()
    const browser = await adminSession(organisation)

    const malformed = await browser.submit('/staff/settings/branding', {
      senderName: 'Changed',
      brandColour: 'blue',
    })
    assert.include(malformed.text, 'There is a problem')
    assert.include(
      malformed.text,
      'Enter the colour as a hash and six hexadecimal digits, like #1d70b8'
    )
    assert.include(malformed.text, 'value="blue"')

    const light = await browser.submit('/staff/settings/branding', {
      senderName: 'Changed',
      brandColour: '#ffdd00',
    })
    assert.include(
      light.text,
      'White text on #ffdd00 has a contrast ratio of 1.3 to 1, and needs at least 4.5 to 1 to be readable (WCAG AA). Choose a darker colour'
    )
    await organisation.refresh()
    assert.isNull(organisation.senderName)
    assert.isNull(organisation.brandColour)
  })

  test('refuses a footer longer than 500 characters', async ({ assert }) => {
    const organisation = await createOrganisation()
    const browser = await adminSession(organisation)
    const page = await browser.submit('/staff/settings/branding', { emailFooter: 'x'.repeat(501) })
    assert.include(page.text, 'The footer must be 500 characters or fewer')
    await organisation.refresh()
    assert.isNull(organisation.emailFooter)
  })

  test('keeps a PNG logo under a random name and serves it to anyone', async ({ assert }) => {
    const organisation = await createOrganisation('Lincolnshire Police')
    const browser = await adminSession(organisation)
    const page = await uploadLogo(browser, 'our logo.png')
    assert.include(page.text, 'Branding saved.')
    await remember(organisation)
    assert.match(organisation.logoFile!, /^[a-f0-9]{32}\.png$/)
    assert.include(page.text, `src="/branding/logos/${organisation.logoFile}"`)

    const logo = await new UploadingSession().get(`/branding/logos/${organisation.logoFile}`)
    assert.equal(logo.status, 200)
    assert.equal(logo.headers.get('content-type'), 'image/png')
    assert.isTrue(logo.bytes.equals(ONE_PIXEL_PNG))
    const unknown = await new UploadingSession().get(`/branding/logos/${'0'.repeat(32)}.png`)
    assert.equal(unknown.status, 404)
    const traversal = await new UploadingSession().get('/branding/logos/..%2F..%2F.env')
    assert.equal(traversal.status, 404)
  })

  test('keeps logos in STORAGE_DIR, so a production install keeps them outside build/', async ({
    assert,
    cleanup,
  }) => {
    const storage = await mkdtemp(join(tmpdir(), 'beacon-storage-'))
    env.set('STORAGE_DIR', storage)
    cleanup(async () => {
      // Back to the default: Env.set also wrote the value into process.env.
      env.set('STORAGE_DIR', undefined as unknown as string)
      delete process.env.STORAGE_DIR
      await rm(storage, { recursive: true, force: true })
    })
    const organisation = await createOrganisation('Isle of Wight Council')
    const browser = await adminSession(organisation)
    const page = await uploadLogo(browser, 'logo.png')
    assert.include(page.text, 'Branding saved.')
    await organisation.refresh()

    assert.isTrue(existsSync(join(storage, 'branding', organisation.logoFile!)))
    assert.isFalse(existsSync(join(app.makePath('storage', 'branding'), organisation.logoFile!)))
    const logo = await new UploadingSession().get(`/branding/logos/${organisation.logoFile}`)
    assert.equal(logo.status, 200)
    assert.isTrue(logo.bytes.equals(ONE_PIXEL_PNG))
  })

  test('refuses a logo that is not a PNG or JPEG, or larger than 200 KB', async ({ assert }) => {
    const organisation = await createOrganisation()
    const browser = await adminSession(organisation)

    const renamed = await browser.upload('/staff/settings/branding', 'logo', {
      name: 'logo.png',
      content: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      type: 'image/png',
    })
    assert.include(renamed.text, 'The logo must be a PNG or JPEG image')

    const svg = await browser.upload('/staff/settings/branding', 'logo', {
      name: 'logo.svg',
      content: '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
      type: 'image/svg+xml',
    })
    assert.include(svg.text, 'The logo must be a PNG or JPEG image')

    const large = await browser.upload('/staff/settings/branding', 'logo', {
      name: 'logo.png',
      content: Buffer.concat([ONE_PIXEL_PNG, Buffer.alloc(201 * 1024)]),
      type: 'image/png',
    })
    assert.include(large.text, 'The logo must be 200 KB or smaller')
    await organisation.refresh()
    assert.isNull(organisation.logoFile)
  })

  test('only an admin may change the branding', async ({ assert }) => {
    const organisation = await createOrganisation()
    const browser = new UploadingSession()
    await signInStaff(await createStaff(organisation, 'sender'), browser)
    assert.equal((await browser.get('/staff/settings/branding')).status, 403)
    const attempt = await browser.post('/staff/settings/branding', { senderName: 'Hijacked' })
    assert.equal(attempt.status, 403)
    await organisation.refresh()
    assert.isNull(organisation.senderName)
  })

  test('a sent alert carries the branding: From name, colour bar, logo and footer', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation('Lincolnshire Police')
    const browser = await adminSession(organisation)
    await uploadLogo(browser, 'logo.png')
    await remember(organisation)
    organisation.merge({
      senderName: 'Lincs Police Alerts',
      brandColour: '#00703c',
      emailFooter: 'In an emergency, call 999.',
    })
    await organisation.save()
    const resident = await createResident(central, [organisation], { name: 'Ada <Lovelace>' })

    const alert = await Alert.create({
      organisationId: organisation.id,
      title: 'Branded alert',
      body: 'Lock **your** shed.',
      priority: 3,
      status: 'sending',
      criteria: { areaIds: [central.id] },
    })
    await AlertDispatcher.dispatch(alert.id)
    const mail = await smtpSink.waitForMail(resident.email!, (received) =>
      received.subject.includes('Branded alert')
    )
    assert.equal(mail.header('from'), 'Lincs Police Alerts <alerts@beacon.test>')
    assert.include(mail.html, 'background: #00703c')
    assert.include(mail.html, `/branding/logos/${organisation.logoFile}" alt="Lincolnshire Police"`)
    assert.include(mail.html, 'In an emergency, call 999.')
    assert.include(mail.html, 'Lock <strong>your</strong> shed.')
    assert.include(mail.html, 'Dear Ada &lt;Lovelace&gt;,')
    assert.include(mail.text, 'Lock your shed.')
    assert.include(mail.text, 'In an emergency, call 999.')
  })
})
