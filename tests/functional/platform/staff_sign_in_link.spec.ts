import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import AuditLog from '#models/platform/audit_log'
import StaffSignInLink from '../../../app/commands/staff_sign_in_link.js'
import { BrowserLikeSession } from '#tests/helpers/http'
import { createOrganisation, createStaff } from '#tests/helpers/fixtures'
import { nextTotpCode } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const NEW_PASSWORD = 'a long new password from the console'

test.group('node ace staff:sign-in-link', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.setup(() => ace.ui.switchMode('raw'))
  group.each.teardown(() => ace.ui.switchMode('normal'))

  test('prints a one-time link with which a locked-out admin chooses a password and signs in, and audits it', async ({
    assert,
  }) => {
    const police = await createOrganisation('Kent Police')
    // Unique: sign-in attempts are counted per address for 10 minutes, across test runs.
    const email = `locked-out-${randomUUID().slice(0, 8)}@police.test`
    const admin = await createStaff(police, 'admin', email)

    const command = await ace.create(StaffSignInLink, [email.toUpperCase()])
    await command.exec()
    command.assertSucceeded()
    const printed = command.logger
      .getLogs()
      .map((log) => log.message)
      .join('\n')
    assert.include(printed, `A one-time link for ${email} to choose a new password`)
    const link = printed.match(/http:\/\/\S+\/staff\/reset-password\/[\w-]{43}/)?.[0]
    assert.exists(link, printed)

    const entry = await AuditLog.query().where('action', 'staff.sign_in_link_printed').firstOrFail()
    assert.equal(entry.subjectId, admin.id)
    assert.equal(entry.details?.by, 'command line')

    const browser = new BrowserLikeSession()
    const path = new URL(link!).pathname
    const form = await browser.get(path)
    assert.include(form.text, 'Choose a new password')
    const signIn = await browser.post(path, {
      password: NEW_PASSWORD,
      passwordConfirmation: NEW_PASSWORD,
    })
    assert.include(signIn.text, 'Your password has been changed')
    const challenge = await browser.submit('/staff/login', { email, password: NEW_PASSWORD })
    assert.include(challenge.text, 'Enter the code from your authenticator app')
    const dashboard = await browser.post('/staff/two-factor', { code: await nextTotpCode(admin) })
    assert.include(dashboard.text, 'Sign out')

    // It works once.
    assert.equal((await new BrowserLikeSession().get(path)).status, 410)
  })

  test('refuses an address nobody signs in with, and prints no link', async ({ assert }) => {
    const command = await ace.create(StaffSignInLink, ['nobody@police.test'])
    await command.exec()
    command.assertFailed()
    command.assertLog(
      '[ red(error) ] Nobody signs in as nobody@police.test. Check the address and run this again.'
    )
    assert.notExists(await AuditLog.query().where('action', 'staff.sign_in_link_printed').first())
  })
})
