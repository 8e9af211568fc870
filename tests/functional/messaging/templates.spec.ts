import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import Alert from '#models/messaging/alert'
import AlertTemplate from '#models/messaging/alert_template'
import AuditLog from '#models/platform/audit_log'
import type Organisation from '#models/platform/organisation'
import { countRows, createOrganisation, createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const BURGLARY = {
  name: 'Burglary warning',
  title: 'Burglaries in your area',
  body: 'There have been **burglaries** nearby. Lock doors and windows.',
  priority: 3,
  category: 'burglary',
}

function template(organisation: Organisation, name: string) {
  return AlertTemplate.create({ ...BURGLARY, name, organisationId: organisation.id })
}

test.group('Templates', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a sender writes, finds, edits and deletes a template, every step audited', async ({
    assert,
  }) => {
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const browser = await signInStaff(sender)

    const none = await browser.get('/staff/templates')
    assert.include(none.text, 'Your organisation has no templates yet.')

    const created = await browser.submit('/staff/templates/new', BURGLARY, {
      action: '/staff/templates',
    })
    assert.include(created.text, 'The template “Burglary warning” has been saved.')
    assert.include(created.text, 'Burglaries in your area')
    const saved = await AlertTemplate.findByOrFail('name', 'Burglary warning')
    assert.equal(saved.organisationId, organisation.id)
    assert.equal(saved.createdById, sender.id)
    assert.equal(saved.category, 'burglary')

    await template(organisation, 'Fraud call-back scam')
    const found = await browser.get('/staff/templates?q=fraud')
    assert.include(found.text, 'Fraud call-back scam')
    assert.notInclude(found.text, '>Burglary warning<')
    const missing = await browser.get('/staff/templates?q=flood')
    assert.include(missing.text, 'No template has a name containing “flood”.')

    const edited = await browser.submit(
      `/staff/templates/${saved.id}/edit`,
      { ...BURGLARY, title: 'Shed burglaries', priority: 4 },
      { action: `/staff/templates/${saved.id}` }
    )
    assert.include(edited.text, 'The template “Burglary warning” has been saved.')
    await saved.refresh()
    assert.equal(saved.title, 'Shed burglaries')
    assert.equal(saved.priority, 4)

    const confirm = await browser.get(`/staff/templates/${saved.id}/delete`)
    assert.include(confirm.text, 'Delete the template “Burglary warning”?')
    assert.isNotNull(await AlertTemplate.find(saved.id))
    const deleted = await browser.post(`/staff/templates/${saved.id}/delete`)
    assert.include(deleted.text, 'The template “Burglary warning” has been deleted.')
    assert.isNull(await AlertTemplate.find(saved.id))

    const audit = await AuditLog.query().where('subject_type', 'alert_template').orderBy('id')
    assert.deepEqual(
      audit.map((entry) => [entry.action, entry.userId]),
      [
        ['template.created', sender.id],
        ['template.updated', sender.id],
        ['template.deleted', sender.id],
      ]
    )
  })

  test('bad input is explained beside each field and nothing is saved', async ({ assert }) => {
    const organisation = await createOrganisation()
    const other = await createOrganisation('Fire')
    await template(organisation, 'Burglary warning')
    await template(other, 'Flood warning')
    const browser = await signInStaff(await createStaff(organisation, 'approver'))

    const empty = await browser.submit('/staff/templates/new', {}, { action: '/staff/templates' })
    for (const text of [
      'Enter a name for the template',
      'Enter the alert’s title',
      'Enter the alert text',
      'Choose a priority',
    ]) {
      assert.include(empty.text, text)
    }

    const bad = await browser.submit(
      '/staff/templates/new',
      {
        name: 'BURGLARY WARNING',
        title: 'T'.repeat(151),
        body: 'B'.repeat(5001),
        priority: 9,
        category: 'weather',
      },
      { action: '/staff/templates' }
    )
    assert.include(bad.text, 'Your organisation already has a template with this name')
    assert.include(bad.text, 'The title must be 150 characters or fewer')
    assert.include(bad.text, 'The alert text must be 5,000 characters or fewer')
    assert.include(bad.text, 'Choose a priority from 1 to 5')
    assert.include(bad.text, 'Choose a category from the list')
    assert.equal(await countRows('alert_templates'), 2)

    // Another organisation's template of the same name is no clash.
    const sameNameElsewhere = await browser.submit(
      '/staff/templates/new',
      { ...BURGLARY, name: 'Flood warning' },
      { action: '/staff/templates' }
    )
    assert.include(sameNameElsewhere.text, 'The template “Flood warning” has been saved.')
  })

  test("staff cannot see or change another organisation's templates, and analysts have none", async ({
    assert,
  }) => {
    const organisation = await createOrganisation('Police')
    const other = await createOrganisation('Fire')
    const theirs = await template(other, 'Fire safety visit')
    const browser = await signInStaff(await createStaff(organisation, 'admin'))

    const list = await browser.get('/staff/templates')
    assert.notInclude(list.text, 'Fire safety visit')
    for (const path of [
      `/staff/templates/${theirs.id}/edit`,
      `/staff/templates/${theirs.id}/delete`,
    ]) {
      assert.equal((await browser.get(path)).status, 403)
    }
    assert.equal(
      (await browser.post(`/staff/templates/${theirs.id}`, { ...BURGLARY, name: 'Taken' })).status,
      403
    )
    assert.equal((await browser.post(`/staff/templates/${theirs.id}/delete`)).status, 403)
    assert.equal((await browser.post(`/staff/templates/${theirs.id}/use`)).status, 403)
    await theirs.refresh()
    assert.equal(theirs.name, 'Fire safety visit')
    assert.equal(await countRows('alerts'), 0)

    const analyst = await signInStaff(await createStaff(organisation, 'analyst'))
    assert.equal((await analyst.get('/staff/templates')).status, 403)
    assert.equal((await analyst.get('/staff/templates/new')).status, 403)
  })

  test('“Use this template” makes a new draft with its words and no target yet', async ({
    assert,
  }) => {
    const organisation = await createOrganisation()
    const sender = await createStaff(organisation, 'sender')
    const saved = await template(organisation, 'Burglary warning')
    const browser = await signInStaff(sender)
    await browser.get('/staff/templates')
    const page = await browser.post(`/staff/templates/${saved.id}/use`)
    assert.include(page.text, 'A new draft was made from “Burglary warning”.')

    const alert = await Alert.query().firstOrFail()
    assert.equal(alert.status, 'draft')
    assert.equal(alert.authorId, sender.id)
    assert.equal(alert.title, BURGLARY.title)
    assert.equal(alert.body, BURGLARY.body)
    assert.equal(alert.priority, 3)
    assert.equal(alert.category, 'burglary')
    assert.deepEqual(alert.criteria.areaIds, [])
    const landing = router.has('staff.alerts.edit')
      ? `/staff/alerts/${alert.id}/edit`
      : `/staff/alerts/${alert.id}`
    assert.equal(new URL(page.url).pathname, landing)
    const audit = await AuditLog.query().where('action', 'alert.created').firstOrFail()
    assert.containSubset(audit.details, { fromTemplate: saved.id })
  })

  test('the list is paginated', async ({ assert }) => {
    const organisation = await createOrganisation()
    for (let index = 1; index <= 23; index++) {
      await template(organisation, `Template ${String(index).padStart(2, '0')}`)
    }
    const browser = await signInStaff(await createStaff(organisation, 'sender'))
    const first = await browser.get('/staff/templates')
    assert.include(first.text, 'Template 20')
    assert.notInclude(first.text, 'Template 21')
    assert.include(first.text, 'aria-label="Page 2"')
    const second = await browser.get('/staff/templates?page=2')
    assert.include(second.text, 'Template 23')
    assert.notInclude(second.text, 'Template 01')
  })
})
