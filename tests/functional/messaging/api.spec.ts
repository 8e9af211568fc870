import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import config from '@adonisjs/core/services/config'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import ApiToken from '#models/platform/api_token'
import AuditLog from '#models/platform/audit_log'
import Alert from '#models/messaging/alert'
import ApiTokens from '#services/platform/organisations/api_tokens'
import env from '#start/env'
import { eventually } from '#tests/helpers/eventually'
import {
  countRows,
  createOrganisation,
  createResident,
  createStaff,
  seedAreas,
} from '#tests/helpers/fixtures'
import { alertFor, callApi, tokenFor } from '#tests/helpers/archive_fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

const base = env.get('APP_URL').replace(/\/$/, '')

const NEW_ALERT = {
  title: 'Sheds broken into',
  body: 'Three sheds were forced overnight.\nLock your shed.',
  priority: 3,
  category: 'burglary',
}

test.group('API tokens in staff settings', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('an admin creates a token, sees it once, and it works until revoked after a confirmation', async ({
    assert,
  }) => {
    await seedAreas()
    const organisation = await createOrganisation('Lincolnshire Police')
    const browser = await signInStaff(await createStaff(organisation, 'admin'))

    const empty = await browser.get('/staff/settings/api-tokens')
    assert.include(empty.text, 'There are no API tokens yet.')

    const created = await browser.submit(
      '/staff/settings/api-tokens/new',
      { name: 'Control room' },
      { action: '/staff/settings/api-tokens' }
    )
    assert.include(created.text, 'Copy the token now')
    const secret = created.text.match(/id="token" [^>]*value="(beacon_[\w-]+)"/)?.[1]
    assert.isString(secret, 'the new token is on the page')

    // Only a SHA-256 hash of the token is stored; the list shows its last four characters.
    const stored = await ApiToken.findByOrFail('name', 'Control room')
    assert.equal(stored.tokenHash, createHash('sha256').update(secret!).digest('hex'))
    assert.equal(stored.lastFour, secret!.slice(-4))
    const rows = await db.from('api_tokens').select('*')
    assert.notInclude(JSON.stringify(rows), secret!)

    const list = await browser.get('/staff/settings/api-tokens')
    assert.include(list.text, 'Control room')
    assert.include(list.text, `<code>…${secret!.slice(-4)}</code>`)
    assert.notInclude(list.text, secret!)
    assert.match(list.text, /<td class="govuk-table__cell">Never<\/td>/)

    const used = await callApi('GET', '/api/v1/alerts/999999', { token: secret })
    assert.equal(used.status, 404)
    const afterUse = await browser.get('/staff/settings/api-tokens')
    assert.notMatch(afterUse.text, /<td class="govuk-table__cell">Never<\/td>/)

    // Following the revoke link only asks; nothing is revoked yet.
    const confirm = await browser.get(`/staff/settings/api-tokens/${stored.id}/revoke`)
    assert.include(confirm.text, 'Revoke the token “Control room”?')
    assert.include(confirm.text, 'You cannot undo this.')
    assert.equal((await callApi('GET', '/api/v1/alerts/999999', { token: secret })).status, 404)

    const revoked = await browser.post(`/staff/settings/api-tokens/${stored.id}/revoke`)
    assert.include(revoked.text, 'The token “Control room” has been revoked.')
    assert.include(revoked.text, 'Revoked ')
    const refused = await callApi('GET', '/api/v1/alerts/999999', { token: secret })
    assert.equal(refused.status, 401)
    assert.equal(
      refused.json.errors[0].message,
      'This API token has been revoked. Ask an administrator of your organisation for a new one.'
    )

    const audit = await AuditLog.query().orderBy('id')
    assert.deepEqual(
      audit.map((entry) => entry.action).filter((action) => action.startsWith('api_token.')),
      ['api_token.created', 'api_token.revoked']
    )
  })

  test('a token needs a name', async ({ assert }) => {
    const organisation = await createOrganisation()
    const browser = await signInStaff(await createStaff(organisation, 'admin'))
    const page = await browser.submit(
      '/staff/settings/api-tokens/new',
      { name: '   ' },
      { action: '/staff/settings/api-tokens' }
    )
    assert.include(page.text, 'Enter a name for the token')
    assert.equal(await countRows('api_tokens'), 0)
  })

  test('only admins manage tokens, and only their own organisation’s', async ({ assert }) => {
    const police = await createOrganisation('Police')
    const fire = await createOrganisation('Fire')
    await tokenFor(fire, 'Fire control')
    const fireToken = await ApiToken.findByOrFail('name', 'Fire control')

    const sender = await signInStaff(await createStaff(police, 'sender'))
    assert.equal((await sender.get('/staff/settings/api-tokens')).status, 403)
    assert.equal((await sender.get('/staff/settings/api-tokens/new')).status, 403)

    const policeAdmin = await signInStaff(await createStaff(police, 'admin'))
    const list = await policeAdmin.get('/staff/settings/api-tokens')
    assert.notInclude(list.text, 'Fire control')
    assert.equal(
      (await policeAdmin.get(`/staff/settings/api-tokens/${fireToken.id}/revoke`)).status,
      404
    )
    assert.equal(
      (await policeAdmin.post(`/staff/settings/api-tokens/${fireToken.id}/revoke`)).status,
      404
    )
    await fireToken.refresh()
    assert.isNull(fireToken.revokedAt)
  })

  test('the staff forms still need their CSRF token', async ({ assert }) => {
    const organisation = await createOrganisation()
    const browser = await signInStaff(await createStaff(organisation, 'admin'))
    await browser.submit(
      '/staff/settings/api-tokens/new',
      { name: 'Forged' },
      { action: '/staff/settings/api-tokens', csrf: false }
    )
    assert.equal(await countRows('api_tokens'), 0)
  })
})

test.group('API: who may call it', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a missing, malformed, unknown or revoked token is refused with 401 and a reason', async ({
    assert,
  }) => {
    const organisation = await createOrganisation()
    const revoked = await tokenFor(organisation, 'Old system')
    await ApiTokens.revoke(await ApiToken.findByOrFail('name', 'Old system'))

    const cases: [Record<string, string>, string][] = [
      [{}, 'Send your API token in the Authorization header'],
      [{ Authorization: 'Basic dXNlcjpwYXNz' }, 'Send your API token in the Authorization header'],
      [{ Authorization: 'Bearer beacon_not-a-real-token' }, 'This API token is not recognised'],
      [{ Authorization: `Bearer ${revoked}` }, 'This API token has been revoked'],
    ]
    for (const [headers, reason] of cases) {
      for (const [method, path] of [
        ['POST', '/api/v1/alerts'],
        ['GET', '/api/v1/alerts/1'],
        ['POST', '/api/v1/alerts/1/send'],
      ] as const) {
        const answer = await callApi(method, path, {
          headers,
          body: method === 'POST' ? NEW_ALERT : undefined,
        })
        assert.equal(answer.status, 401, `${method} ${path} with ${JSON.stringify(headers)}`)
        assert.include(answer.json.errors[0].message, reason)
        assert.equal(answer.headers.get('www-authenticate'), 'Bearer realm="Beacon API"')
      }
    }
    assert.equal(await countRows('alerts'), 0)
  })

  test("an organisation's token never sees another organisation's alerts", async ({ assert }) => {
    const { central } = await seedAreas()
    const police = await createOrganisation('Police')
    const fire = await createOrganisation('Fire')
    await createResident(central, [police, fire])
    const fireAlert = await alertFor(fire, [central], { status: 'draft', title: 'Fire draft' })
    const policeToken = await tokenFor(police)

    const read = await callApi('GET', `/api/v1/alerts/${fireAlert.id}`, { token: policeToken })
    assert.equal(read.status, 404)
    assert.deepEqual(read.json, {
      errors: [{ message: 'No alert with this id belongs to your organisation.' }],
    })
    assert.notInclude(JSON.stringify(read.json), 'Fire draft')

    const send = await callApi('POST', `/api/v1/alerts/${fireAlert.id}/send`, {
      token: policeToken,
    })
    assert.equal(send.status, 404)
    await fireAlert.refresh()
    assert.equal(fireAlert.status, 'draft')
    assert.equal(await countRows('deliveries'), 0)
  })

  test('each token has its own rate limit, answered in JSON', async ({ assert, cleanup }) => {
    const organisation = await createOrganisation()
    const busy = await tokenFor(organisation, 'Busy system')
    const quiet = await tokenFor(organisation, 'Quiet system')
    const limit = config.get<number>('beacon.rateLimits.api', 120)
    config.set('beacon.rateLimits.api', 3)
    cleanup(() => config.set('beacon.rateLimits.api', limit))

    for (let request = 1; request <= 3; request++) {
      assert.equal((await callApi('GET', '/api/v1/alerts/999999', { token: busy })).status, 404)
    }
    const blocked = await callApi('GET', '/api/v1/alerts/999999', { token: busy })
    assert.equal(blocked.status, 429)
    assert.match(
      blocked.json.errors[0].message,
      /^This token has made too many requests\. Wait \d+ seconds?, then try again\.$/
    )
    assert.isAbove(Number(blocked.headers.get('retry-after')), 0)

    assert.equal((await callApi('GET', '/api/v1/alerts/999999', { token: quiet })).status, 404)
  })
})

test.group('API: alerts', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('a wrong or missing field answers 422 with each field and what to fix', async ({
    assert,
  }) => {
    await seedAreas()
    const token = await tokenFor(await createOrganisation())

    const empty = await callApi('POST', '/api/v1/alerts', { token, body: {} })
    assert.equal(empty.status, 422)
    const fields = empty.json.errors.map((error: { field: string }) => error.field)
    assert.includeMembers(fields, ['title', 'body', 'priority', 'category', 'areaCodes', 'areaIds'])
    assert.deepInclude(empty.json.errors, {
      field: 'areaCodes',
      message: 'Give the target areas as areaCodes (like E05005541) or areaIds',
    })
    for (const error of empty.json.errors)
      assert.sameMembers(Object.keys(error), ['field', 'message'])

    const wrong = await callApi('POST', '/api/v1/alerts', {
      token,
      body: {
        ...NEW_ALERT,
        title: 'T'.repeat(151),
        priority: '3',
        category: 'weather',
        areaCodes: ['T-W1', 'E05999999'],
        public: 'yes',
      },
    })
    assert.equal(wrong.status, 422)
    assert.deepEqual(wrong.json.errors, [
      { field: 'title', message: 'The title must be 150 characters or fewer' },
      {
        field: 'priority',
        message: 'The priority must be a whole number from 1 (information) to 5 (emergency)',
      },
      {
        field: 'category',
        message:
          'The category must be one of burglary, fraud-and-scams, anti-social-behaviour, road-safety, fire-safety, rural-crime, missing-person, cyber-crime, community-news, other',
      },
      { field: 'areaCodes', message: 'These area codes are not known: E05999999' },
      { field: 'public', message: 'public must be true or false' },
    ])
    assert.equal(await countRows('alerts'), 0)
  })

  test('creates and sends an alert, then reports its delivery', async ({ assert }) => {
    const { central, skirbeck } = await seedAreas()
    const organisation = await createOrganisation('Lincolnshire Police')
    await createResident(central, [organisation])
    await createResident(skirbeck, [organisation])
    const token = await tokenFor(organisation, 'Control room')

    const created = await callApi('POST', '/api/v1/alerts', {
      token,
      body: { ...NEW_ALERT, areaCodes: [central.code], public: true, send: true },
    })
    assert.equal(created.status, 201)
    const id = created.json.id
    assert.equal(created.headers.get('location'), `/api/v1/alerts/${id}`)
    assert.containSubset(created.json, {
      title: 'Sheds broken into',
      body: 'Three sheds were forced overnight.\nLock your shed.',
      priority: 3,
      priorityLabel: 'Warning',
      category: 'burglary',
      public: true,
      status: 'sending',
      audience: 1,
      areas: [{ id: central.id, code: central.code, name: 'Central', level: 'ward' }],
      publicUrl: null,
    })

    const done = await eventually(async () => {
      const answer = await callApi('GET', `/api/v1/alerts/${id}`, { token })
      assert.equal(answer.json.status, 'sent')
      return answer
    })
    assert.equal(done.status, 200)
    assert.containSubset(done.json.delivery, {
      total: 1,
      sent: 1,
      failed: 0,
      pending: 0,
      byChannel: { email: { total: 1, sent: 1 } },
    })
    assert.equal(done.json.publicUrl, `${base}/alerts/${id}`)
    assert.isString(done.json.completedAt)

    // The audit log says the API did it, with which token, and no person.
    const audit = await AuditLog.query().where('subject_id', id).orderBy('id')
    assert.deepEqual(
      audit.map((entry) => entry.action),
      ['alert.created', 'alert.sent']
    )
    for (const entry of audit) {
      assert.isNull(entry.userId)
      assert.equal(entry.organisationId, organisation.id)
      assert.containSubset(entry.details, { via: 'api', apiTokenName: 'Control room' })
    }
    assert.containSubset(audit[1].details, { audience: 1 })
  })

  test('a draft created by id is sent later, once, and stays private unless told', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    await createResident(central, [organisation])
    const token = await tokenFor(organisation)

    const created = await callApi('POST', '/api/v1/alerts', {
      token,
      // No `public` field: an alert from another system is private unless it says otherwise.
      body: { ...NEW_ALERT, areaIds: [central.id] },
    })
    assert.equal(created.status, 201)
    assert.containSubset(created.json, { status: 'draft', public: false, audience: null })
    assert.containSubset(created.json.delivery, { total: 0 })

    const sent = await callApi('POST', `/api/v1/alerts/${created.json.id}/send`, { token })
    assert.equal(sent.status, 202)
    assert.containSubset(sent.json, { status: 'sending', audience: 1 })

    const again = await callApi('POST', `/api/v1/alerts/${created.json.id}/send`, { token })
    assert.equal(again.status, 409)
    assert.match(
      again.json.errors[0].message,
      /^This alert cannot be sent: it is (sending|sent)\.$/
    )

    // Not public: once sent, it stays out of the archive.
    const done = await eventually(async () => {
      const answer = await callApi('GET', `/api/v1/alerts/${created.json.id}`, { token })
      assert.equal(answer.json.status, 'sent')
      return answer
    })
    assert.isNull(done.json.publicUrl)
    const page = await fetch(`${base}/alerts/${created.json.id}`)
    assert.equal(page.status, 404)
  })

  test('an alert nobody would receive is refused with 422 and not kept', async ({ assert }) => {
    const { abbey, central } = await seedAreas()
    const organisation = await createOrganisation()
    await createResident(central, [organisation])
    const token = await tokenFor(organisation)

    const refused = await callApi('POST', '/api/v1/alerts', {
      token,
      body: { ...NEW_ALERT, areaCodes: [abbey.code], send: true },
    })
    assert.equal(refused.status, 422)
    assert.deepEqual(refused.json, {
      errors: [
        { message: 'No confirmed resident matches this target, so the alert was not sent.' },
      ],
    })
    assert.equal(await countRows('alerts'), 0)

    const draft = await callApi('POST', '/api/v1/alerts', {
      token,
      body: { ...NEW_ALERT, areaCodes: [abbey.code] },
    })
    const send = await callApi('POST', `/api/v1/alerts/${draft.json.id}/send`, { token })
    assert.equal(send.status, 422)
    assert.include(send.json.errors[0].message, 'No confirmed resident matches this target')
    const alert = await Alert.findOrFail(draft.json.id)
    assert.equal(alert.status, 'draft')
    assert.equal(await countRows('deliveries'), 0)
  })
})

test.group('API documentation', () => {
  test('docs/openapi.json is OpenAPI 3.1 and documents every API route', async ({ assert }) => {
    const document = JSON.parse(await readFile(app.makePath('docs/openapi.json'), 'utf8'))
    assert.match(document.openapi, /^3\.1\.\d+$/)
    assert.deepEqual(document.components.securitySchemes.bearerToken, {
      ...document.components.securitySchemes.bearerToken,
      type: 'http',
      scheme: 'bearer',
    })
    assert.deepEqual(document.security, [{ bearerToken: [] }])
    const prefix = document.servers[0].url

    const routes = Object.values(router.toJSON())
      .flat()
      .filter((route) => route.pattern.startsWith('/api/v1/'))
      .flatMap((route) =>
        route.methods
          .filter((method) => method !== 'HEAD')
          .map((method) => `${method} ${route.pattern.replace(/:(\w+)/g, '{$1}')}`)
      )
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations as object).map((method) => `${method.toUpperCase()} ${prefix}${path}`)
    )
    assert.isAbove(routes.length, 0)
    assert.sameMembers(documented, routes)

    for (const operations of Object.values(document.paths) as Record<string, any>[]) {
      for (const operation of Object.values(operations)) {
        assert.property(operation.responses, '401')
        assert.property(operation.responses, '429')
      }
    }
  })
})
