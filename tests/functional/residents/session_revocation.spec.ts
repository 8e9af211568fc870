import { test } from '@japa/runner'
import AuditLog from '#models/platform/audit_log'
import { createOrganisation, createStaff, STAFF_PASSWORD } from '#tests/helpers/fixtures'
import { residentOf, seedSelfService, signedInAs } from '#tests/helpers/self_service_fixtures'
import { nextTotpCode, signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

/*
| Sessions live in the cookie (config/session.ts), so signing out must end
| them on the server too: a copy of the cookie taken before signing out, or
| the session of another browser, is worth nothing afterwards.
*/
test.group('Signing a resident out', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  // Before: the cookie session still held the resident's id, so the copy stayed signed in.
  test('a cookie copied before signing out no longer opens their pages', async ({ assert }) => {
    const resident = await residentOf(await seedSelfService())
    const browser = await signedInAs(resident)
    const copied = browser.copy()
    assert.include((await copied.get('/my-alerts/account')).text, 'Signed in as')

    const out = await browser.post('/my-alerts/sign-out')
    assert.include(out.text, 'You have signed out.')

    const replay = await copied.get('/my-alerts/account')
    assert.equal(new URL(replay.url).pathname, '/my-alerts')
    assert.notInclude(replay.text, 'Signed in as')
  })

  test('signing out everywhere asks first, then ends every browser’s session', async ({
    assert,
  }) => {
    const resident = await residentOf(await seedSelfService())
    const phone = await signedInAs(resident)
    const laptop = await signedInAs(resident)

    const account = await laptop.get('/my-alerts/account')
    assert.include(account.text, 'href="/my-alerts/sign-out-everywhere"')
    const confirm = await laptop.get('/my-alerts/sign-out-everywhere')
    assert.include(confirm.text, 'Sign out on every device?')
    // Asking changes nothing.
    assert.include((await phone.get('/my-alerts/account')).text, 'Signed in as')

    const done = await laptop.post('/my-alerts/sign-out-everywhere')
    assert.equal(new URL(done.url).pathname, '/my-alerts')
    assert.include(done.text, 'You have signed out on every device.')
    for (const browser of [phone, laptop]) {
      const page = await browser.get('/my-alerts/account')
      assert.equal(new URL(page.url).pathname, '/my-alerts')
    }
  })
})

test.group('Signing a member of staff out', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a cookie copied before signing out no longer opens staff pages', async ({ assert }) => {
    const staff = await createStaff(await createOrganisation(), 'sender')
    const browser = await signInStaff(staff)
    const copied = browser.copy()
    assert.include((await copied.get('/staff')).text, `Sign out ${staff.fullName}`)

    await browser.post('/staff/logout')

    const replay = await copied.get('/staff')
    assert.equal(new URL(replay.url).pathname, '/staff/login')
    assert.notInclude(replay.text, `Sign out ${staff.fullName}`)
  })

  test('signing out everywhere asks first, then ends every browser’s session', async ({
    assert,
  }) => {
    const organisation = await createOrganisation()
    const staff = await createStaff(organisation, 'sender')
    const other = await signInStaff(staff)
    const browser = await signInStaff(staff)

    const account = await browser.get('/staff/account')
    assert.include(account.text, 'href="/staff/account/sign-out-everywhere"')
    const confirm = await browser.get('/staff/account/sign-out-everywhere')
    assert.include(confirm.text, 'Sign out on every device?')
    assert.include((await other.get('/staff')).text, `Sign out ${staff.fullName}`)

    const done = await browser.post('/staff/account/sign-out-everywhere')
    assert.equal(new URL(done.url).pathname, '/staff/login')
    assert.include(done.text, 'You have signed out on every device.')
    for (const each of [other, browser]) {
      assert.equal(new URL((await each.get('/staff')).url).pathname, '/staff/login')
    }
    const entry = await AuditLog.query()
      .where('action', 'staff.signed_out_everywhere')
      .firstOrFail()
    assert.equal(entry.userId, staff.id)
    assert.deepEqual(entry.details, { sessionsEnded: 2 })
  })

  // Before: new recovery codes left every other signed-in browser signed in.
  test('new recovery codes end the person’s other sessions but not this one', async ({
    assert,
  }) => {
    const staff = await createStaff(await createOrganisation(), 'sender')
    const other = await signInStaff(staff)
    const browser = await signInStaff(staff)

    const codes = await browser.submit('/staff/account/recovery-codes', {
      password: STAFF_PASSWORD,
      code: await nextTotpCode(staff),
    })
    assert.include(codes.text, 'Save your recovery codes')
    assert.include(codes.text, 'We have signed you out on every other device')

    assert.equal(new URL((await other.get('/staff')).url).pathname, '/staff/login')
    assert.include((await browser.get('/staff')).text, `Sign out ${staff.fullName}`)
  })
})
