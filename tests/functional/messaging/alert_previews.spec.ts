import { test } from '@japa/runner'
import Alert from '#models/messaging/alert'
import type Organisation from '#models/platform/organisation'
import { createOrganisation, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { UploadingSession } from '#tests/helpers/multipart_upload'
import { emptyTablesAfterwards } from '#tests/helpers/database'

async function draft(organisation: Organisation, fields: Partial<Alert> = {}) {
  const { central } = await seedAreas()
  return Alert.create({
    organisationId: organisation.id,
    title: 'Sheds broken into',
    body: 'Three **sheds** were forced on Main Road.\n\n- Lock your shed\n- Mark your tools\n\nReport anything odd on 101.\n\n<script>alert(1)</script>',
    priority: 3,
    status: 'draft',
    isPublic: true,
    criteria: { areaIds: [central.id] },
    ...fields,
  })
}

function decode(text: string) {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&')
}

test.group('Alert previews', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('shows the alert on every channel, with the organisation branding', async ({ assert }) => {
    const organisation = await createOrganisation('Lincolnshire Police')
    organisation.merge({
      senderName: 'Lincs Police Alerts',
      brandColour: '#00703c',
      emailFooter: 'In an emergency, call 999.',
    })
    await organisation.save()
    const alert = await draft(organisation)
    const browser = await signInStaff(await createStaff(organisation, 'sender'))

    const show = await browser.get(`/staff/alerts/${alert.id}`)
    assert.include(show.text, `href="/staff/alerts/${alert.id}/preview"`)
    assert.include(show.text, '<strong>sheds</strong>')

    const page = await browser.get(`/staff/alerts/${alert.id}/preview`)
    assert.equal(page.status, 200)
    for (const tab of ['Email', 'SMS', 'Voice', 'Push']) {
      assert.match(page.text, new RegExp(`class="govuk-tabs__tab" href="#preview-[a-z]+">${tab}<`))
    }
    assert.match(page.text, /id="email-from">Lincs Police Alerts</)
    assert.match(page.text, /id="email-subject">\[Warning\] Sheds broken into</)
    assert.include(page.text, `src="/staff/alerts/${alert.id}/preview/email"`)
    const emailText = decode(page.text.match(/id="email-text">([\s\S]*?)<\/pre>/)![1])
    assert.include(emailText, 'Three sheds were forced on Main Road.')
    assert.include(emailText, '- Lock your shed')
    assert.include(emailText, 'In an emergency, call 999.')

    const sms = decode(page.text.match(/id="sms-text">([\s\S]*?)<\/div>/)![1])
    assert.isTrue(sms.startsWith('Lincolnshire Police (Warning): Sheds broken into.\nThree sheds'))
    assert.isAbove(sms.length, 160)
    assert.match(
      page.text,
      new RegExp(`id="sms-counter"><strong>${sms.length} characters, 2 segments \\(GSM-7\\)<`)
    )

    assert.match(
      page.text,
      /id="voice-script">This is a warning alert from Lincolnshire Police\. Sheds broken into\. Three sheds were forced on Main Road\. Lock your shed\. Mark your tools\./
    )
    assert.match(page.text, /id="push-title">Sheds broken into</)
    assert.match(page.text, /id="push-body">Three sheds were forced on Main Road\./)
    assert.match(page.text, new RegExp(`id="push-url">http://[^<]+/alerts/${alert.id}<`))
    assert.notInclude(page.text, '<script>alert(1)</script>')
  })

  test('the email frame is the branded HTML, under a policy that runs no script and loads only images', async ({
    assert,
  }) => {
    const organisation = await createOrganisation('Lincolnshire Police')
    organisation.merge({ brandColour: '#00703c', emailFooter: 'Footer words' })
    await organisation.save()
    const alert = await draft(organisation)
    const browser = new UploadingSession()
    await signInStaff(await createStaff(organisation, 'analyst'), browser)

    const frame = await browser.get(`/staff/alerts/${alert.id}/preview/email`)
    assert.equal(frame.status, 200)
    assert.include(frame.headers.get('content-type')!, 'text/html')
    const policy = frame.headers.get('content-security-policy')!
    assert.include(policy, "default-src 'none'")
    assert.include(policy, "frame-ancestors 'self'")
    assert.notInclude(policy, 'script-src')
    assert.include(policy, "img-src 'self'")
    assert.equal(frame.headers.get('x-frame-options'), 'SAMEORIGIN')
    assert.include(frame.text, 'background: #00703c')
    assert.include(frame.text, '<strong>sheds</strong>')
    assert.include(frame.text, 'Footer words')
    assert.include(frame.text, 'Dear [the resident’s name],')
    assert.notInclude(frame.text, '%%')
    assert.notInclude(frame.text, '<script>')
  })

  test('counts a Unicode SMS in 70-character segments', async ({ assert }) => {
    const organisation = await createOrganisation('Heddlu')
    const alert = await draft(organisation, { title: 'Rhybudd’', body: 'Byr.' })
    const browser = await signInStaff(await createStaff(organisation, 'sender'))
    const page = await browser.get(`/staff/alerts/${alert.id}/preview`)
    assert.match(page.text, /id="sms-counter"><strong>\d+ characters, 1 segment \(Unicode\)</)
  })

  test('another organisation’s alert cannot be previewed', async ({ assert }) => {
    const mine = await createOrganisation('Mine')
    const theirs = await createOrganisation('Theirs')
    const alert = await draft(theirs)
    const browser = await signInStaff(await createStaff(mine, 'admin'))
    const page = await browser.get(`/staff/alerts/${alert.id}/preview`)
    assert.equal(page.status, 403)
    assert.notInclude(page.text, 'Sheds broken into')
    const frame = await browser.get(`/staff/alerts/${alert.id}/preview/email`)
    assert.equal(frame.status, 403)
    assert.notInclude(frame.text, 'Sheds broken into')
    const missing = await browser.get('/staff/alerts/999999/preview')
    assert.equal(missing.status, 404)
  })

  test('an officer (doorstep sign-ups only) cannot preview alerts', async ({ assert }) => {
    const organisation = await createOrganisation()
    const alert = await draft(organisation)
    const browser = await signInStaff(await createStaff(organisation, 'officer'))
    const page = await browser.get(`/staff/alerts/${alert.id}/preview`)
    assert.equal(page.status, 403)
  })
})
