import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import ResidentContacts from '#services/residents/contacts/resident_contacts'
import ResidentDataExport from '#services/residents/privacy/resident_data_export'
import ResidentErasure from '#services/residents/privacy/resident_erasure'
import pluginCoreServices from '#services/platform/plugins/plugin_core_services'
import { createOrganisation, createResident, seedAreas } from '#tests/helpers/fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'

test.group('Resident contacts', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  async function resident() {
    const { central } = await seedAreas()
    return createResident(central, [await createOrganisation()])
  }

  test('a plugin keeps several contacts per resident; personal values are encrypted at rest', async ({
    assert,
  }) => {
    const someone = await resident()
    // Through the context plugins are given, as a plugin would.
    const contacts = pluginCoreServices.contacts
    const laptop = await contacts.add({
      residentId: someone.id,
      kind: 'push_subscription',
      value: 'https://push.example/laptop',
      label: 'Laptop',
    })
    await contacts.add({
      residentId: someone.id,
      kind: 'push_subscription',
      value: 'https://push.example/phone',
      label: 'Phone',
    })
    await contacts.add({
      residentId: someone.id,
      kind: 'telegraph_office',
      value: 'Boston GPO',
      personal: false,
    })

    const stored = await db.from('resident_contacts').where('id', laptop.id).first()
    assert.notInclude(stored.value, 'push.example', 'the endpoint is not readable in the table')
    assert.equal(
      (await db.from('resident_contacts').where('kind', 'telegraph_office').first()).value,
      'Boston GPO'
    )

    const pushes = await contacts.list(someone.id, { kind: 'push_subscription' })
    assert.deepEqual(
      pushes.map((contact) => [contact.label, contact.value]),
      [
        ['Laptop', 'https://push.example/laptop'],
        ['Phone', 'https://push.example/phone'],
      ]
    )
    assert.equal(
      (await contacts.find('push_subscription', 'https://push.example/phone'))?.label,
      'Phone'
    )
    assert.isNull(await contacts.find('push_subscription', 'https://push.example/nowhere'))

    // The same browser again is the same contact; a dead one is listed only when asked for.
    const again = await contacts.add({
      residentId: someone.id,
      kind: 'push_subscription',
      value: 'https://push.example/laptop',
    })
    assert.equal(again.id, laptop.id)
    assert.equal(again.label, 'Laptop')
    await contacts.markInvalid(laptop.id)
    await contacts.touch(pushes[1].id)
    const working = await contacts.list(someone.id, { kind: 'push_subscription' })
    assert.deepEqual(
      working.map((contact) => contact.label),
      ['Phone']
    )
    assert.isNotNull(working[0].lastUsedAt)
    const all = await contacts.list(someone.id, { kind: 'push_subscription', includeInvalid: true })
    assert.isNotNull(all[0].invalidAt)
    await contacts.remove(pushes[1].id)
    assert.lengthOf(await contacts.list(someone.id, { includeInvalid: true }), 2)
  })

  test('a kind on the resident’s record or with odd characters is refused', async ({ assert }) => {
    const someone = await resident()
    for (const kind of ['email', 'mobile', 'Push Subscription', '']) {
      await assert.rejects(() => ResidentContacts.add({ residentId: someone.id, kind, value: 'x' }))
    }
  })

  test('the contacts are in the resident’s data download and go on erasure', async ({ assert }) => {
    const someone = await resident()
    await ResidentContacts.add({
      residentId: someone.id,
      kind: 'push_subscription',
      value: 'https://push.example/laptop',
      label: 'Laptop',
    })

    const data = await ResidentDataExport.collect(someone.id)
    assert.lengthOf(data.otherContacts, 1)
    assert.include(data.otherContacts[0], {
      kind: 'push_subscription',
      label: 'Laptop',
      value: 'https://push.example/laptop',
      stoppedWorkingAt: null,
    })
    assert.include(ResidentDataExport.toCsv(data), 'https://push.example/laptop')

    await ResidentErasure.erase(someone.id)
    assert.lengthOf(await db.from('resident_contacts').where('resident_id', someone.id), 0)
  })
})
