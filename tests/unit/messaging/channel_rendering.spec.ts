import { test } from '@japa/runner'
import Alert from '#models/messaging/alert'
import Organisation from '#models/platform/organisation'
import channelRegistry from '#services/platform/plugins/channel_registry'
import { RECIPIENT_TOKENS } from '#contracts/channel'
import {
  brandingOf,
  pushVariant,
  renderableAlert,
  smsVariant,
  voiceScript,
} from '#services/messaging/alert_rendering'
import { absoluteUrl } from '#services/messaging/public_alert_view'

function alertOf(
  fields: Partial<Pick<Alert, 'title' | 'body' | 'priority' | 'isPublic'>> = {},
  branding: Partial<
    Pick<Organisation, 'senderName' | 'brandColour' | 'emailFooter' | 'logoFile'>
  > = {}
) {
  const organisation = new Organisation()
  organisation.merge({ name: 'Lincolnshire Police', slug: 'lincs', ...branding })
  const alert = new Alert()
  alert.merge({
    title: 'Sheds broken into',
    body: 'Three **sheds** were forced.\n\n- Lock up\n- Mark your tools\n\nAdvice: [our page](https://police.example/sheds)',
    priority: 3,
    isPublic: true,
    ...fields,
  })
  alert.id = 42
  alert.$setRelated('organisation', organisation)
  return renderableAlert(alert)
}

test.group('Channel rendering', () => {
  test('the voice script speaks in sentences, without list marks or addresses', ({ assert }) => {
    assert.equal(
      voiceScript(alertOf()),
      'This is a warning alert from Lincolnshire Police. Sheds broken into. Three sheds were forced. Lock up. Mark your tools. Advice: our page.'
    )
    assert.match(voiceScript(alertOf({ priority: 4 })), /^This is an urgent alert from/)
    assert.match(
      voiceScript(alertOf({ priority: 5, title: 'Flood!' })),
      /emergency alert from Lincolnshire Police\. Flood! /
    )
  })

  test('a push notification has the title, the body cut to about 120 characters and a link', ({
    assert,
  }) => {
    const long = alertOf({ body: 'Word '.repeat(60) })
    const push = pushVariant(long)
    assert.equal(push.subject, 'Sheds broken into')
    assert.isAtMost(push.text.length, 120)
    assert.isTrue(push.text.endsWith('…'))
    assert.equal(push.url, absoluteUrl('/alerts/42'))

    const unpublished = pushVariant(alertOf({ isPublic: false }))
    assert.equal(unpublished.url, absoluteUrl('/my-alerts/received'))
  })

  test('an SMS says who, how urgent and what, in plain text', ({ assert }) => {
    const sms = smsVariant(alertOf())
    assert.equal(
      sms.text,
      'Lincolnshire Police (Warning): Sheds broken into.\nThree sheds were forced.\n\n- Lock up\n- Mark your tools\n\nAdvice: our page (https://police.example/sheds)'
    )
  })

  test('branding falls back to the organisation name and the default colour', ({ assert }) => {
    const plain = alertOf().branding
    assert.deepEqual(plain, {
      organisationName: 'Lincolnshire Police',
      senderName: 'Lincolnshire Police',
      colour: '#1d70b8',
      footer: null,
      logoUrl: null,
    })
    const organisation = new Organisation()
    organisation.merge({
      name: 'Fire',
      senderName: 'Fire Alerts',
      brandColour: '#8b0000',
      emailFooter: 'Call 999 in an emergency',
      logoFile: 'a'.repeat(32) + '.png',
    })
    assert.deepEqual(brandingOf(organisation), {
      organisationName: 'Fire',
      senderName: 'Fire Alerts',
      colour: '#8b0000',
      footer: 'Call 999 in an emergency',
      logoUrl: absoluteUrl(`/branding/logos/${'a'.repeat(32)}.png`),
    })
  })

  test('the email carries the branding and leaves the recipient tokens for sending', async ({
    assert,
  }) => {
    const email = channelRegistry.get('email')!
    const variant = await email.render(
      alertOf(
        {},
        {
          brandColour: '#00703c',
          emailFooter: 'Lincolnshire Police, PO Box 999 <Lincoln>',
          logoFile: 'b'.repeat(32) + '.jpg',
        }
      ),
      'en'
    )
    assert.equal(variant.subject, '[Warning] Sheds broken into')
    assert.include(variant.html, 'background: #00703c')
    assert.include(
      variant.html,
      `<img src="${absoluteUrl(`/branding/logos/${'b'.repeat(32)}.jpg`)}" alt="Lincolnshire Police"`
    )
    assert.include(variant.html, 'Lincolnshire Police, PO Box 999 &lt;Lincoln&gt;')
    assert.include(variant.html, '<strong>sheds</strong>')
    assert.include(variant.html, `Dear ${RECIPIENT_TOKENS.name},`)
    assert.include(variant.html, `href="${RECIPIENT_TOKENS.unsubscribeUrl}"`)
    assert.include(variant.text, 'Three sheds were forced.')
    assert.include(variant.text, 'Lincolnshire Police, PO Box 999 <Lincoln>')
    assert.include(variant.text, `Unsubscribe from all alerts: ${RECIPIENT_TOKENS.unsubscribeUrl}`)
    assert.notInclude(variant.text, '**')
  })
})
