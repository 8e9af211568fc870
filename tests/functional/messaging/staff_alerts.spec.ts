import { test } from '@japa/runner'
import config from '@adonisjs/core/services/config'
import Alert from '#models/messaging/alert'
import AuditLog from '#models/platform/audit_log'
import { BrowserLikeSession } from '#tests/helpers/http'
import {
  countRows,
  createOrganisation,
  createResident,
  createStaff,
  seedAreas,
  STAFF_PASSWORD,
} from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

test.group('Staff sign-in', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a wrong password is refused with a message that does not say which part was wrong', async ({
    assert,
  }) => {
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const browser = new BrowserLikeSession()
    const page = await browser.submit('/staff/login', {
      email: sender.email,
      password: 'wrong password',
    })
    assert.include(page.text, 'The email address or password is not right')
    assert.include(page.text, `value="${sender.email}"`)
    assert.notInclude(page.text, 'wrong password')
  })

  test('staff pages send a visitor to the sign-in page', async ({ assert }) => {
    const page = await new BrowserLikeSession().get('/staff/alerts/new')
    assert.include(page.url, '/staff/login')
    assert.include(page.text, 'Staff sign in')
  })
})

test.group('Composing an alert', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('empty and oversize fields are explained and nothing is saved', async ({ assert }) => {
    await seedAreas()
    const organisation = await createOrganisation()
    const browser = await signInStaff(await createStaff(organisation, 'sender'))

    const empty = await browser.submit('/staff/alerts/new', {}, { action: '/staff/alerts' })
    assert.include(empty.text, 'Enter a title')
    assert.include(empty.text, 'Enter the alert text')
    assert.include(empty.text, 'Choose a priority')
    assert.include(empty.text, 'Choose at least one area')

    const oversize = await browser.submit(
      '/staff/alerts/new',
      { 'title': 'T'.repeat(151), 'body': 'B'.repeat(5001), 'priority': 9, 'areaIds[]': [1] },
      { action: '/staff/alerts' }
    )
    assert.include(oversize.text, 'The title must be 150 characters or fewer')
    assert.include(oversize.text, 'The alert text must be 5,000 characters or fewer')
    assert.include(oversize.text, 'Choose a priority from 1 to 5')
    assert.equal(await countRows('alerts'), 0)
  })

  test('an area that does not exist is refused', async ({ assert }) => {
    await seedAreas()
    const organisation = await createOrganisation()
    const browser = await signInStaff(await createStaff(organisation, 'sender'))
    const page = await browser.submit(
      '/staff/alerts/new',
      { 'title': 'Title', 'body': 'Body', 'priority': 2, 'areaIds[]': [987654] },
      { action: '/staff/alerts' }
    )
    assert.include(page.text, 'One of the chosen areas no longer exists')
    assert.equal(await countRows('alerts'), 0)
  })

  test('an alert whose target has no resident warns and cannot be sent', async ({ assert }) => {
    const { abbey } = await seedAreas()
    const organisation = await createOrganisation()
    const browser = await signInStaff(await createStaff(organisation, 'sender'))
    const review = await browser.submit(
      '/staff/alerts/new',
      { 'title': 'Nobody home', 'body': 'Body', 'priority': 2, 'areaIds[]': [abbey.id] },
      { action: '/staff/alerts' }
    )
    assert.include(review.text, 'No confirmed resident lives in these areas yet')
    assert.notInclude(review.text, 'Send alert')

    const alert = await Alert.findByOrFail('title', 'Nobody home')
    const attempt = await browser.post(`/staff/alerts/${alert.id}/send`)
    assert.include(
      attempt.text,
      'No confirmed resident matches this target, so the alert was not sent.'
    )
    await alert.refresh()
    assert.equal(alert.status, 'draft')
    assert.equal(await countRows('deliveries'), 0)
  })

  test('sending is audited with who sent it and to how many', async ({ assert }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    await createResident(central, [organisation])
    const browser = await signInStaff(sender)
    await browser.submit(
      '/staff/alerts/new',
      { 'title': 'Audited', 'body': 'Body', 'priority': 2, 'areaIds[]': [central.id] },
      { action: '/staff/alerts' }
    )
    const alert = await Alert.findByOrFail('title', 'Audited')
    const page = await browser.post(`/staff/alerts/${alert.id}/send`)
    assert.include(page.text, 'Sending has started.')

    const entry = await AuditLog.query().where('action', 'alert.sent').firstOrFail()
    assert.equal(entry.userId, sender.id)
    assert.equal(entry.subjectId, alert.id)
    assert.deepEqual(entry.details, { audience: 1 })
  })
})

test.group('Organisations and roles', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test("staff never see another organisation's alerts", async ({ assert }) => {
    const { central } = await seedAreas()
    const police = await createOrganisation('Police')
    const fire = await createOrganisation('Fire')
    const fireAlert = await Alert.create({
      organisationId: fire.id,
      title: 'Fire service draft',
      body: 'Secret draft',
      priority: 2,
      status: 'draft',
      criteria: { areaIds: [central.id] },
    })
    const browser = await signInStaff(await createStaff(police, 'admin'))

    const dashboard = await browser.get('/staff')
    assert.notInclude(dashboard.text, 'Fire service draft')
    const page = await browser.get(`/staff/alerts/${fireAlert.id}`)
    assert.equal(page.status, 403)
    assert.notInclude(page.text, 'Secret draft')
    const progress = await browser.get(`/staff/alerts/${fireAlert.id}/progress`)
    assert.equal(progress.status, 403)
    const send = await browser.post(`/staff/alerts/${fireAlert.id}/send`)
    assert.equal(send.status, 403)
    await fireAlert.refresh()
    assert.equal(fireAlert.status, 'draft')
  })

  test('an analyst can read alerts but not write or send them', async ({ assert }) => {
    await seedAreas()
    const organisation = await createOrganisation()
    const browser = await signInStaff(await createStaff(organisation, 'analyst'))
    const compose = await browser.get('/staff/alerts/new')
    assert.equal(compose.status, 403)
    assert.include(compose.text, 'You cannot see this page')
  })

  test('only install admins reach the outbox; admins reach plugin settings', async ({ assert }) => {
    const organisation = await createOrganisation()
    const sender = await signInStaff(await createStaff(organisation, 'sender'))
    assert.equal((await sender.get('/staff/outbox')).status, 403)
    assert.equal((await sender.get('/staff/settings/plugins')).status, 403)

    // The outbox holds every organisation's email: an organisation's admin does not read it.
    const admin = await signInStaff(await createStaff(organisation, 'admin'))
    assert.equal((await admin.get('/staff/outbox')).status, 403)
    // Its own part of them: plugins made per organisation (switching for the install stays below).
    assert.equal((await admin.get('/staff/settings/plugins')).status, 200)
    assert.equal(
      (await admin.post('/staff/settings/plugins/health', { enabled: 'true' })).status,
      403
    )

    const installAdmin = await signInStaff(
      await createStaff(organisation, 'admin', { installAdmin: true })
    )
    assert.equal((await installAdmin.get('/staff/outbox')).status, 200)
    assert.equal((await installAdmin.get('/staff/settings/plugins')).status, 200)
  })
})

test.group('Staff sign-in rate limit', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('repeated wrong passwords are stopped with a page that says when to try again', async ({
    assert,
    cleanup,
  }) => {
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const limit = config.get<number>('beacon.rateLimits.staffLogin')
    config.set('beacon.rateLimits.staffLogin', 2)
    cleanup(() => config.set('beacon.rateLimits.staffLogin', limit))

    const browser = new BrowserLikeSession()
    for (const attempt of [1, 2]) {
      const page = await browser.submit('/staff/login', {
        email: sender.email,
        password: `wrong ${attempt}`,
      })
      assert.include(page.text, 'The email address or password is not right')
    }
    const blocked = await browser.submit('/staff/login', {
      email: sender.email,
      password: STAFF_PASSWORD,
    })
    assert.equal(blocked.status, 429)
    assert.include(blocked.text, 'Too many attempts')
    assert.include(blocked.text, 'Wait 10 minutes, then try again.')
  })
})
