import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import Alert from '#models/messaging/alert'
import type { BeforeDispatchContext, AlertHook } from '#contracts/alert_hooks'
import channelRegistry from '#services/platform/plugins/channel_registry'
import alertHookRegistry from '#services/platform/plugins/alert_hook_registry'
import { PluginHost } from '#services/platform/plugins/plugin_host'
import AlertDispatcher from '#services/messaging/delivery/alert_dispatcher'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { eventually } from '#tests/helpers/eventually'
import { createOrganisation, createResident, seedAreas } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

/** A translation service as a plugin would bring it: Welsh only. */
function welshHook(calls: BeforeDispatchContext[]): AlertHook {
  return {
    beforeDispatch(context) {
      calls.push(context)
      return context.languages.includes('cy')
        ? [{ language: 'cy', title: 'Torri i mewn i siediau', body: 'Clowch eich **sied**.' }]
        : []
    },
  }
}

/** Counts how often the email channel renders while a test runs. */
function countRenders() {
  const email = channelRegistry.get('email')!
  const original = email.render.bind(email)
  const counter = { calls: [] as string[], restore: () => {} }
  email.render = async (alert, language) => {
    counter.calls.push(language)
    return original(alert, language)
  }
  counter.restore = () => {
    email.render = original
  }
  return counter
}

async function sendingAlert(organisationId: number, areaId: number, title: string) {
  return Alert.create({
    organisationId,
    title,
    body: 'Lock your **shed**.',
    priority: 3,
    status: 'sending',
    criteria: { areaIds: [areaId] },
  })
}

test.group('Alert variants', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a Welsh resident gets the translation; English and untranslated languages get the default', async ({
    assert,
    cleanup,
  }) => {
    const calls: BeforeDispatchContext[] = []
    cleanup(alertHookRegistry.register(welshHook(calls)))
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const english = await createResident(central, [organisation], { language: 'en' })
    const welsh = await createResident(central, [organisation], { language: 'cy' })
    const polish = await createResident(central, [organisation], { language: 'pl' })

    const message = await sendingAlert(organisation.id, central.id, 'Sheds broken into')
    await AlertDispatcher.dispatch(message.id)

    assert.lengthOf(calls, 1, 'the hook is asked once per message')
    assert.sameMembers(calls[0].languages, ['cy', 'pl'])
    assert.equal(calls[0].alert.title, 'Sheds broken into')

    const variants = await db
      .from('alert_variants')
      .where('alert_id', message.id)
      .orderBy('language')
    assert.deepEqual(
      variants.map((row) => `${row.channel}:${row.language}`),
      ['email:cy', 'email:en']
    )

    const welshMail = await smtpSink.waitForMail(welsh.email!)
    assert.equal(welshMail.subject, '[Warning] Torri i mewn i siediau')
    assert.include(welshMail.html, '<html lang="cy" dir="ltr">')
    assert.include(welshMail.html, 'Clowch eich <strong>sied</strong>.')
    assert.include(welshMail.text, 'Clowch eich sied.')

    for (const resident of [english, polish]) {
      const mail = await smtpSink.waitForMail(resident.email!)
      assert.equal(mail.subject, '[Warning] Sheds broken into')
      assert.include(mail.html, '<html lang="en" dir="ltr">')
      assert.include(mail.text, 'Lock your shed.')
    }
    await eventually(async () => {
      await message.refresh()
      assert.equal(message.status, 'sent')
    })
  })

  test('renders once per channel and language, never per recipient, and a rerun adds nothing', async ({
    assert,
    cleanup,
  }) => {
    cleanup(alertHookRegistry.register(welshHook([])))
    const renders = countRenders()
    cleanup(() => renders.restore())
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const residents = [
      ...(await Promise.all([1, 2, 3, 4].map(() => createResident(central, [organisation])))),
      ...(await Promise.all(
        [1, 2, 3].map(() => createResident(central, [organisation], { language: 'cy' }))
      )),
    ]

    const alert = await sendingAlert(organisation.id, central.id, 'Seven residents')
    await AlertDispatcher.dispatch(alert.id)
    await eventually(async () => {
      await alert.refresh()
      assert.equal(alert.status, 'sent')
    })
    // A rerun of the dispatch job (as after a lost job) renders nothing again.
    await db.from('alerts').where('id', alert.id).update({ status: 'sending' })
    await AlertDispatcher.dispatch(alert.id)
    await eventually(async () => {
      await alert.refresh()
      assert.equal(alert.status, 'sent')
    })

    assert.sameMembers(renders.calls, ['en', 'cy'])
    const rows = await db.from('alert_variants').where('alert_id', alert.id)
    assert.lengthOf(rows, 2)
    for (const resident of residents) {
      const mails = smtpSink.mailTo(resident.email!)
      assert.lengthOf(mails, 1, `${resident.email} gets one email`)
      assert.include(
        mails[0].text,
        resident.language === 'cy' ? 'Clowch eich sied.' : 'Lock your shed.'
      )
    }
    // The recipient's own tokens are still filled in per delivery.
    const sample = smtpSink.mailTo(residents[0].email!)[0]
    assert.include(sample.text, 'Dear Test Resident,')
    assert.match(
      sample.text,
      /Unsubscribe from all alerts: http:\/\/\S+\/unsubscribe\/\d+\?signature=/
    )
    assert.notInclude(sample.text, '%%')
  })

  test('a hook that fails leaves the alert in its own language', async ({ assert, cleanup }) => {
    cleanup(
      alertHookRegistry.register({
        beforeDispatch() {
          throw new Error('Translation service unreachable')
        },
      })
    )
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const welsh = await createResident(central, [organisation], { language: 'cy' })
    const alert = await sendingAlert(organisation.id, central.id, 'Untranslated')
    await AlertDispatcher.dispatch(alert.id)

    const mail = await smtpSink.waitForMail(welsh.email!, (received) =>
      received.subject.includes('Untranslated')
    )
    assert.include(mail.text, 'Lock your shed.')
    const languages = await db.from('alert_variants').where('alert_id', alert.id).select('language')
    assert.deepEqual(
      languages.map((row) => row.language),
      ['en']
    )
  })

  test('without any hook, only the default variant is rendered', async ({ assert }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    await createResident(central, [organisation], { language: 'cy' })
    const alert = await sendingAlert(organisation.id, central.id, 'No hooks')
    await AlertDispatcher.dispatch(alert.id)
    const rows = await db.from('alert_variants').where('alert_id', alert.id)
    assert.deepEqual(
      rows.map((row) => `${row.channel}:${row.language}`),
      ['email:en']
    )
  })
})

test.group('Alert hooks from plugins', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a plugin’s hook translates only while the plugin is enabled', async ({
    assert,
    cleanup,
  }) => {
    const directory = app.makePath('tmp', `plugins-${process.pid}`)
    await mkdir(join(directory, 'translator'), { recursive: true })
    cleanup(() => rm(directory, { recursive: true, force: true }))
    await writeFile(
      join(directory, 'translator', 'plugin.ts'),
      `import { definePlugin } from '#contracts/plugin'
export default definePlugin({
  id: 'translator',
  name: 'Translator',
  description: 'Welsh for tests',
  version: '1.0.0',
  register(context) {
    context.alertHook({
      beforeDispatch: ({ languages }) =>
        languages.includes('cy') ? [{ language: 'cy', title: 'Rhybudd', body: 'Cymraeg.' }] : [],
    })
  },
})
`
    )
    const host = new PluginHost()
    await host.discover(directory)
    cleanup(() => host.setEnabled('translator', false))

    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    await createResident(central, [organisation], { language: 'cy' })

    const before = await sendingAlert(organisation.id, central.id, 'While disabled')
    await AlertDispatcher.dispatch(before.id)
    const untranslated = await db.from('alert_variants').where('alert_id', before.id)
    assert.deepEqual(
      untranslated.map((row) => row.language),
      ['en']
    )

    await host.setEnabled('translator', true)
    const after = await sendingAlert(organisation.id, central.id, 'While enabled')
    await AlertDispatcher.dispatch(after.id)
    const welsh = await db
      .from('alert_variants')
      .where('alert_id', after.id)
      .where('language', 'cy')
      .firstOrFail()
    assert.equal(welsh.subject, '[Warning] Rhybudd')
    assert.include(welsh.text, 'Cymraeg.')
  })
})
