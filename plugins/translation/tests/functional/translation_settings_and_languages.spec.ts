import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { createOrganisation, createResident, seedAreas, uniqueEmail } from '#tests/helpers/fixtures'
import { BrowserLikeSession } from '#tests/helpers/http'
import { skipOptionalQuestions } from '#tests/helpers/sign_up_fixtures'
import { signedInAs } from '#tests/helpers/self_service_fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { FakeTranslateApi } from '../helpers/fake_translate.js'
import { enableTranslation, SETTINGS } from '../helpers/translation_setup.js'

async function startFake(cleanup: (fn: () => Promise<void>) => void) {
  const api = await new FakeTranslateApi().start()
  cleanup(() => api.stop())
  return api
}

/** An address where nothing answers: a server started, then stopped. */
async function deadAddress() {
  const api = await new FakeTranslateApi().start()
  const origin = api.origin
  await api.stop()
  return origin
}

test.group(
  'Translation plugin: settings, bad input and the languages residents choose',
  (group) => {
    group.each.setup(() => emptyTablesAfterwards())

    test('Test connection says when the key is wrong, the service unreachable or a language unknown', async ({
      assert,
      cleanup,
    }) => {
      const api = await startFake(cleanup)
      const organisation = await createOrganisation()
      const { admin, disable } = await enableTranslation(organisation, api)
      cleanup(disable)
      const form = `${SETTINGS}/settings`
      const fields = {
        project_id: 'county-alerts-123456',
        api_url: api.origin,
        languages: 'pl, ro, ur',
      }

      const wrong = await admin.post(form, {
        ...fields,
        api_key: 'AIzaSyWrong-key-0000000000000',
        _intent: 'check',
      })
      assert.include(
        wrong.text,
        'Google refused the API key: check it in Settings → Plugins → Translation.'
      )
      assert.notInclude(wrong.text, 'AIzaSyWrong-key-0000000000000')

      const away = await admin.post(form, {
        ...fields,
        api_url: await deadAddress(),
        _intent: 'check',
      })
      assert.include(away.text, 'The translation service could not be reached.')

      const french = await admin.post(form, { ...fields, languages: 'pl, fr', _intent: 'check' })
      assert.include(
        french.text,
        'Google accepted the credentials, but does not translate into “fr”: remove it from the languages residents may choose.'
      )

      const right = await admin.post(form, { ...fields, _intent: 'check' })
      assert.include(right.text, 'Google accepted the credentials and translates into 6 languages.')

      const unknown = await admin.post(form, {
        ...fields,
        languages: 'pl, xx, polish',
        _intent: 'save',
      })
      assert.include(unknown.text, '“xx”, “polish” are not language codes Google Translate knows.')
      const noKey = await admin.post(form, {
        project_id: 'county-alerts-123456',
        api_key: '',
        _intent: 'save',
      })
      // The saved key stays (a secret left blank is kept): the form is accepted.
      assert.notInclude(noKey.text, 'Enter an API key or a service account key')
    })

    test('while the plugin is on, residents choose from its languages, each in its own name', async ({
      assert,
      cleanup,
    }) => {
      const api = await startFake(cleanup)
      const { central } = await seedAreas()
      const organisation = await createOrganisation()
      const resident = await createResident(central, [organisation])
      const { disable } = await enableTranslation(organisation, api)
      cleanup(disable)

      const browser = await signedInAs(resident)
      const page = await browser.get('/my-alerts/language')
      assert.include(page.text, '(<span lang="pl" >Polski</span>)')
      assert.include(page.text, '(<span lang="ro" >Română</span>)')
      assert.include(page.text, '(<span lang="ur" dir=rtl>اردو</span>)')
      assert.notInclude(page.text, 'id="language-cy"', 'only the languages the install chose')

      const refused = await browser.submit('/my-alerts/language', { language: 'cy' })
      assert.include(refused.text, 'Choose a language from the list')
      const saved = await browser.submit('/my-alerts/language', { language: 'ur' })
      assert.include(saved.text, 'Your alerts will be in Urdu when there is a translation.')
      assert.include(saved.text, '(<span lang="ur" dir=rtl>اردو</span>)')
      await resident.refresh()
      assert.equal(resident.language, 'ur')
    })

    test('with the service unreachable the bundled list is offered; with the plugin off, nothing changes', async ({
      assert,
      cleanup,
    }) => {
      const api = await startFake(cleanup)
      const { central } = await seedAreas()
      const organisation = await createOrganisation()
      const resident = await createResident(central, [organisation])
      const { admin, disable } = await enableTranslation(organisation, api, {
        languages: 'pl, ro, ur, fa',
      })
      await admin.post(`${SETTINGS}/settings`, {
        project_id: 'county-alerts-123456',
        languages: 'pl, ro, ur, fa',
        api_url: await deadAddress(),
        _intent: 'save',
      })
      const browser = await signedInAs(resident)
      const fallback = await browser.get('/my-alerts/language')
      assert.include(
        fallback.text,
        '<span lang="fa" dir=rtl>فارسی</span>',
        'Persian from the bundled list'
      )
      assert.include(fallback.text, '<span lang="pl" >Polski</span>')

      await disable()
      const off = await browser.get('/my-alerts/language')
      assert.notInclude(off.text, 'id="language-fa"')
      assert.include(off.text, 'id="language-cy"', 'the core’s own list again')
      const refused = await browser.submit('/my-alerts/language', { language: 'fa' })
      assert.include(refused.text, 'Choose a language from the list')
    })

    test('a resident signing up chooses their language; with the plugin off the question is not asked', async ({
      assert,
      cleanup,
    }) => {
      const api = await startFake(cleanup)
      const { central } = await seedAreas()
      const organisation = await createOrganisation()
      const { disable } = await enableTranslation(organisation, api)

      const email = uniqueEmail()
      const browser = new BrowserLikeSession()
      await browser.submit('/sign-up/ward', { wardId: central.id })
      const contact = await browser.get('/sign-up/contact')
      assert.include(contact.text, 'Language for your alerts')
      assert.include(contact.text, '>Română</option>')
      const refused = await browser.submit('/sign-up/contact', {
        name: 'Ana',
        email,
        language: 'xx',
      })
      assert.include(refused.text, 'Choose a language from the list')
      const check = await skipOptionalQuestions(
        browser,
        await browser.submit('/sign-up/contact', { name: 'Ana', email, language: 'ro' })
      )
      assert.include(check.text, 'id="answer-language"><span lang="ro" >Română</span>')
      await browser.post('/sign-up')
      const row = await db.from('residents').where('email', email).first()
      assert.equal(row.language, 'ro')

      await disable()
      const later = new BrowserLikeSession()
      await later.submit('/sign-up/ward', { wardId: central.id })
      const plain = await later.get('/sign-up/contact')
      assert.notInclude(plain.text, 'Language for your alerts')
      assert.include(plain.text, 'How can we contact you?')
    })

    test('with every language offered, the page lists them in a drop-down, each in its own name', async ({
      assert,
      cleanup,
    }) => {
      const api = await startFake(cleanup)
      const { central } = await seedAreas()
      const organisation = await createOrganisation()
      const resident = await createResident(central, [organisation])
      const { admin, disable } = await enableTranslation(organisation, api)
      cleanup(disable)
      // Blank: every language Google offers (here the bundled list, the service being away).
      await admin.post(`${SETTINGS}/settings`, {
        project_id: 'county-alerts-123456',
        languages: '',
        api_url: await deadAddress(),
        _intent: 'save',
      })
      const browser = await signedInAs(resident)
      const page = (await browser.get('/my-alerts/language')).text.replace(/\s+/g, ' ')
      assert.include(page, '<select')
      assert.match(page, /<option value="ur" lang="ur" dir=rtl\s*>اردو<\/option>/)
      assert.match(page, /<option value="zh-TW" lang="zh-TW"\s*>/)
      const saved = await browser.submit('/my-alerts/language', { language: 'zh-TW' })
      assert.include(
        saved.text,
        'Your alerts will be in Chinese (Traditional) when there is a translation.'
      )
    })
  }
)
