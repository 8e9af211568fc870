import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import env from '#start/env'
import ace from '@adonisjs/core/services/ace'
import AuditLog from '#models/platform/audit_log'
import Organisation from '#models/platform/organisation'
import OrganisationsCreate from '../../../app/commands/organisations_create.js'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { BrowserLikeSession } from '#tests/helpers/http'
import { createOrganisation } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

test.group('node ace organisations:create', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  group.each.setup(() => ace.ui.switchMode('raw'))
  group.each.teardown(() => ace.ui.switchMode('normal'))

  test('organisations:create creates it, invites its admin and prints the link', async ({
    assert,
  }) => {
    const email = `chief-${randomUUID().slice(0, 8)}@police.test`
    const command = await ace.create(OrganisationsCreate, [
      'Northshire Police',
      '--type=police',
      `--admin-email=${email}`,
    ])
    await command.exec()
    command.assertSucceeded()
    const organisation = await Organisation.findByOrFail('name', 'Northshire Police')
    assert.equal(organisation.type, 'police')
    command.assertLog(
      `[ green(success) ] Created Northshire Police (Police force), id ${organisation.id}, sign-up link ${env.get('APP_URL')}/sign-up?organisation=northshire-police`
    )
    const link = command.logger
      .getLogs()
      .map((log) => log.message)
      .find((line) => line.includes('/staff/invitations/'))!
    const mail = await smtpSink.waitForMail(email)
    assert.include(mail.text, link)
    assert.include(mail.text, 'The administrator of this install has invited you')

    // The link works: it leads to setting up the account.
    const visitor = new BrowserLikeSession()
    const page = await visitor.get(new URL(link).pathname)
    assert.include(page.text, 'Northshire Police')
    const entry = await AuditLog.findByOrFail('action', 'organisation.created')
    assert.isNull(entry.userId)
    assert.equal(entry.details!.by, 'command line')

    // A name whose short name is taken gets the next free one, and no admin is no error.
    const second = await ace.create(OrganisationsCreate, ['Northshire-Police Cadets'])
    await second.exec()
    second.assertSucceeded()
    const other = await Organisation.findByOrFail('name', 'Northshire-Police Cadets')
    assert.equal(other.type, 'other')
    const third = await ace.create(OrganisationsCreate, ['Northshire Police: Cadets'])
    await third.exec()
    assert.equal(
      (await Organisation.findByOrFail('name', 'Northshire Police: Cadets')).slug,
      'northshire-police-cadets-2'
    )
    third.assertLog(
      '[ blue(info) ] It has no admin yet: invite one from Settings → Organisations, or run this again with --admin-email'
    )
  })

  test('organisations:create says plainly what is wrong and creates nothing', async ({
    assert,
  }) => {
    await createOrganisation('Northshire Police')
    const command = await ace.create(OrganisationsCreate, [
      'northshire police',
      '--type=army',
      '--admin-email=not-an-email',
    ])
    await command.exec()
    command.assertFailed()
    command.assertLog('[ red(error) ] There is already an organisation with this name')
    command.assertLog(
      '[ red(error) ] --type must be one of: opcc, police, fire, council, neighbourhood_watch, other'
    )
    command.assertLog(
      '[ red(error) ] --admin-email: Enter the first admin’s email address in the correct format, like name@example.com'
    )
    assert.lengthOf(await Organisation.all(), 1)
  })
})
