import { test } from '@japa/runner'
import AuditLog from '#models/platform/audit_log'
import SiteSettings from '#services/platform/site/site_settings'
import { BrowserLikeSession } from '#tests/helpers/http'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { smtpSink } from '#tests/helpers/smtp_sink'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

function footerOf(html: string) {
  return html.match(/<footer[\s\S]*?<\/footer>/)?.[0] ?? ''
}

function footerLinks(html: string) {
  return [...footerOf(html).matchAll(/<a [^>]*href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map(
    (match) => `${match[2].trim()} ${match[1]}`
  )
}

/** The page's words, tags removed, apart from the footer's software credit. */
function wordsOf(html: string) {
  return html
    .replace(/<footer[\s\S]*?<\/footer>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
}

const SITE_FORM = {
  serviceName: 'Kent Community Alert',
  contactEmail: 'Alerts@Kent.example.org',
  contactPhone: '01622 000 000',
  contactAddress: 'Kent Police HQ\nSutton Road\nMaidstone',
  privacyNotice: 'We keep **little**.\n\n<script>alert(1)</script>',
  accessibilityStatement: '',
  cookiesPage: '',
}

test.group('Site settings and the pages every footer links to', (group) => {
  group.each.setup(() => emptyTablesAfterwards())
  // The settings are cached per process: no test sees another's.
  group.each.setup(() => () => SiteSettings.forget())

  test('before anything is set, pages name a neutral service, not the software, and link the footer pages', async ({
    assert,
  }) => {
    const browser = new BrowserLikeSession()
    for (const path of ['/', '/sign-up', '/alerts']) {
      const page = await browser.get(path)
      assert.equal(page.status, 200, path)
      assert.include(page.text, '– Community alerts</title>', path)
      assert.notInclude(wordsOf(page.text), 'Beacon', path)
      assert.deepEqual(footerLinks(page.text), [
        'Privacy /privacy',
        'Accessibility statement /accessibility',
        'Cookies /cookies',
        'Contact /contact',
      ])
      assert.include(footerOf(page.text), 'Powered by Beacon, open-source community messaging')
    }
    const privacy = await browser.get('/privacy')
    assert.include(privacy.text, '<h1 class="govuk-heading-l">Privacy notice</h1>')
    assert.include(privacy.text, 'Community alerts sends you the alerts you sign up for')
    const cookies = await browser.get('/cookies')
    assert.include(cookies.text, 'Community alerts uses only the cookies it needs to work')
    const accessibility = await browser.get('/accessibility')
    assert.include(accessibility.text, 'Community alerts is built to meet the Web Content')
    const contact = await browser.get('/contact')
    assert.include(contact.text, 'Contact details have not been published yet')
  })

  test('an install admin sets the service name, contact details and pages; every page shows them, and the change is audited', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const police = await createOrganisation('Kent Police')
    const installAdmin = await createStaff(police, 'analyst', { installAdmin: true })
    const staff = await signInStaff(installAdmin)
    const form = await staff.get('/staff/settings/site')
    assert.include(form.text, 'Site settings')
    assert.include(form.text, 'The default text')

    const saved = await staff.submit('/staff/settings/site', SITE_FORM)
    assert.include(saved.text, 'Site settings saved')
    assert.include(saved.text, 'value="Kent Community Alert"')

    const visitor = new BrowserLikeSession()
    const home = await visitor.get('/')
    assert.include(home.text, '<title>Get local alerts – Kent Community Alert</title>')
    assert.include(
      home.text,
      'class="govuk-generic-header__homepage-link">Kent Community Alert</a>'
    )
    const signUp = await visitor.get('/sign-up')
    assert.include(signUp.text, '– Kent Community Alert</title>')
    assert.include(footerOf(signUp.text), 'href="/privacy"')

    const privacy = await visitor.get('/privacy')
    assert.include(privacy.text, 'We keep <strong>little</strong>.')
    assert.notInclude(privacy.text, '<script>alert(1)</script>')
    // The pages left empty keep the default, which follows the new name.
    const cookies = await visitor.get('/cookies')
    assert.include(cookies.text, 'Kent Community Alert uses only the cookies it needs to work')
    const contact = await visitor.get('/contact')
    assert.include(contact.text, 'href="mailto:alerts@kent.example.org"')
    assert.include(contact.text, '01622 000 000')
    assert.include(contact.text, 'Sutton Road')

    const entry = await AuditLog.query().where('action', 'site.settings_updated').firstOrFail()
    assert.equal(entry.userId, installAdmin.id)
    assert.equal(entry.details?.serviceName, 'Kent Community Alert')

    // Residents' emails are signed with it too.
    const resident = await createResident(central, [police])
    await visitor.submit('/my-alerts', { email: resident.email })
    const mail = await smtpSink.waitForMail(
      resident.email!,
      (received) => received.subject === 'Your link to manage your alerts'
    )
    assert.match(mail.text, /Kent Community Alert\s*$/)
    assert.include(mail.html, '<p>Kent Community Alert</p>')
  })

  test('the form explains what is wrong and keeps the settings as they were', async ({
    assert,
  }) => {
    const police = await createOrganisation('Kent Police')
    const staff = await signInStaff(await createStaff(police, 'admin', { installAdmin: true }))
    const page = await staff.submit('/staff/settings/site', {
      ...SITE_FORM,
      serviceName: ' ',
      contactEmail: 'alerts at kent',
      contactPhone: 'call us',
    })
    assert.include(page.text, 'There is a problem')
    assert.include(page.text, 'Enter the name of the service, like “Community Alerts”')
    assert.include(page.text, 'Enter the contact email address in the right format')
    assert.include(
      page.text,
      'Enter the contact phone number with digits, spaces and brackets only'
    )
    assert.include(page.text, 'value="alerts at kent"')
    SiteSettings.forget()
    assert.equal((await SiteSettings.current()).serviceName, 'Community alerts')
    assert.notExists(await AuditLog.query().where('action', 'site.settings_updated').first())
  })

  test('a form of long pages with a mistake comes back with every word kept', async ({
    assert,
  }) => {
    const police = await createOrganisation('Kent Police')
    const staff = await signInStaff(await createStaff(police, 'admin', { installAdmin: true }))
    // Longer together than the 4 KB a browser keeps of one cookie, as real notices are.
    const long = (what: string) => `${what}: ${'We keep what you tell us. '.repeat(120)}`.trim()
    const page = await staff.submit('/staff/settings/site', {
      ...SITE_FORM,
      privacyNotice: long('Privacy'),
      accessibilityStatement: long('Accessibility'),
      cookiesPage: long('Cookies'),
      mapTileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png',
      mapTileAttribution: '',
    })
    assert.include(page.text, 'There is a problem')
    assert.include(page.text, 'Enter the attribution the tile server asks for')
    assert.include(page.text, 'value="https://tiles.example.org/{z}/{x}/{y}.png"')
    for (const what of ['Privacy', 'Accessibility', 'Cookies'])
      assert.include(page.text, long(what))
    SiteSettings.forget()
    assert.isNull((await SiteSettings.current()).mapTiles)
  })

  test('an organisation’s admin who is not an install admin can neither see nor change them', async ({
    assert,
  }) => {
    const police = await createOrganisation('Kent Police')
    const staff = await signInStaff(await createStaff(police, 'admin'))
    assert.equal((await staff.get('/staff/settings/site')).status, 403)
    await staff.get('/staff')
    const refused = await staff.post('/staff/settings/site', SITE_FORM)
    assert.equal(refused.status, 403)
    SiteSettings.forget()
    assert.equal((await SiteSettings.current()).serviceName, 'Community alerts')
  })
})
