import { test } from '@japa/runner'
import Postcode from '#models/areas/postcode'
import PostcodeLookup from '#services/areas/postcode_lookup'
import PhoneNumbers from '#services/residents/contacts/phone_numbers'
import { contactValidator, postcodeValidator } from '#validators/residents/sign_up'
import { numberRefusal } from '#services/residents/contacts/verification_wording'
import {
  channelPreferenceValidator,
  magicLinkRequestValidator,
} from '#validators/residents/self_service'
import { brandingValidator } from '#validators/platform/branding'
import { siteSettingsValidator } from '#validators/platform/site_settings'
import { apiTokenValidator } from '#validators/platform/api_token'
import { interestValidator, schemeValidator } from '#validators/residents/lists'
import { alertTemplateValidator } from '#validators/messaging/alert_template'
import { alertScheduleValidator } from '#validators/messaging/alert_schedule'
import Alert from '#models/messaging/alert'
import { accessHelpValidator } from '#validators/residents/access_help'
import { quietTimeValidator } from '#validators/residents/sign_up_choices'
import { BrowserLikeSession } from '#tests/helpers/http'
import { createStaff } from '#tests/helpers/fixtures'
import { residentOf, seedSelfService, signedInAs } from '#tests/helpers/self_service_fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'

/**
 * Every example a form's hint shows ("like 07700 900123", "For example, CF10 1EP") must pass the
 * check the form itself makes, so a resident or officer who copies the pattern is never refused.
 * A hint with an example and no check here fails the test: a new hint needs one.
 */

const EXAMPLE = /\b(?:like|for example,?|such as)\s/i
const HINT = /<div id="([^"]+)-hint" class="govuk-hint[^"]*">([\s\S]*?)<\/div>/g

function hintsOf(html: string) {
  return [...html.matchAll(HINT)].map(([, id, text]) => ({
    id,
    text: text
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  }))
}

/** The quoted example (“Burglary warning”) or the words after "like" up to the sentence's end. */
function quoted(text: string) {
  const match = text.match(/(?:like|for example,?)\s+“([^”]+)”/i)
  if (!match) throw new Error(`No quoted example in: ${text}`)
  return match[1]
}

async function passes(
  validator: { validate: (data: any, options?: any) => Promise<unknown> },
  data: object,
  options: object = { meta: {} }
) {
  try {
    await validator.validate(data, options)
  } catch (error) {
    throw new Error(`${JSON.stringify(data)} refused: ${JSON.stringify((error as any).messages)}`)
  }
  return true
}

type Check = (text: string, page: string) => Promise<string[]>

// Hints whose "for example" describes a kind of person or thing, not a value typed in the field.
const DESCRIPTIVE = new Set([
  'communityInfluencer',
  'disability',
  'body',
  'emailFooter',
  'interestIds',
  // What priority 2 means ("such as new scams"), not a value typed in.
  'priorityThreshold-2',
])

const CHECKS: Record<string, Check> = {
  postcode: async (text) => {
    const example = text.match(/like ([A-Z0-9]{2,4} [0-9][A-Z]{2})/)![1]
    await passes(postcodeValidator, { postcode: example })
    return (await PostcodeLookup.find(example)) ? [example] : []
  },
  number: async (text, page) => {
    const example = text.match(/like ([0-9 ]+[0-9])/)![1]
    const kind = page.endsWith('landline') ? 'landline' : 'mobile'
    return PhoneNumbers[kind](example).valid ? [example] : []
  },
  quiet: async (text) => {
    const [, quietFrom, quietTo] = text.match(/from (\d\d:\d\d) to (\d\d:\d\d)/)!
    await passes(channelPreferenceValidator, { quietFrom, quietTo })
    return [quietFrom, quietTo]
  },
  wantsQuietTime: async (text) => {
    const [, quietFrom, quietTo] = text.match(/from (\d\d:\d\d) to (\d\d:\d\d)/)!
    await passes(quietTimeValidator, { quietFrom, quietTo })
    return [quietFrom, quietTo]
  },
  brandColour: async (text) => {
    const example = text.match(/like (#[0-9a-fA-F]{6})/)![1]
    await passes(brandingValidator, { brandColour: example })
    return [example]
  },
  serviceName: async (text) => {
    await passes(siteSettingsValidator, { serviceName: quoted(text) })
    return [quoted(text)]
  },
  name: async (text, page) => {
    const name = quoted(text)
    if (page.includes('api-tokens')) await passes(apiTokenValidator, { name })
    else if (page.includes('interests')) await passes(interestValidator, { name })
    else if (page.includes('schemes')) {
      await passes(schemeValidator, { name, kind: 'neighbourhood_watch' })
    } else if (page.includes('templates')) {
      // The template form's category and priority are chosen from lists; only the name is typed.
      await passes(
        alertTemplateValidator,
        { name, title: 'A title', body: 'A body', priority: 3, category: 'burglary' },
        { meta: { organisationId: 0 } }
      )
    } else throw new Error(`No validator known for the name on ${page}`)
    return [name]
  },
  date: async (text) => {
    const [, day, month, year] = text.match(/For example, (\d{1,2}) (\d{1,2}) (\d{4})/)!
    await passes(alertScheduleValidator, { day, month, year, time: '09:30' })
    return [`${day} ${month} ${year}`]
  },
  time: async (text) => {
    const times = [...text.matchAll(/\b(\d\d:\d\d)\b/g)].map(([time]) => time)
    for (const time of times) {
      await passes(alertScheduleValidator, { day: 1, month: 1, year: 2030, time })
    }
    return times
  },
  email: async (text) => {
    const example = text.match(/like (\S+@\S+?)\.?$/)![1]
    await passes(accessHelpValidator, {
      name: 'A Resident',
      address: 'CF10 1EP',
      email: example,
      contact: 'Call me',
    })
    return [example]
  },
  address: async (text) => {
    const example = text.match(/like ([A-Z0-9]{2,4} [0-9][A-Z]{2})/)![1]
    await passes(accessHelpValidator, {
      name: 'A Resident',
      address: example,
      email: 'a@example.com',
      contact: 'Call me',
    })
    return [example]
  },
}

test.group('Examples in form hints', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('every example a resident or staff form shows passes that form’s own check', async ({
    assert,
  }) => {
    const world = await seedSelfService()
    // A postcode outside Lincolnshire: the hint's example comes from the install's own postcodes.
    await Postcode.create({ postcode: 'CF10 1EP', lat: 51.48, lng: -3.18 })
    const resident = await residentOf(world)
    const admin = await createStaff(world.opcc, 'admin', { installAdmin: true })

    const residentPages = ['/sign-up', '/my-alerts/help', '/my-alerts']
    const signedInPages = [
      '/my-alerts/numbers/mobile',
      '/my-alerts/numbers/landline',
      '/my-alerts/channels/email',
      '/my-alerts/about-you',
    ]
    const staffPages = [
      `/staff/residents/${resident.id}/edit`,
      `/staff/settings/organisations/${world.opcc.id}/branding`,
      '/staff/settings/site',
      '/staff/settings/api-tokens/new',
      '/staff/settings/lists/interests/new',
      '/staff/settings/lists/schemes/new',
      '/staff/templates/new',
      '/staff/doorstep',
    ]
    const residentBrowser = await signedInAs(resident)
    const staffBrowser = await signInStaff(admin)
    // An alert that reaches someone, so its page offers to schedule it.
    await staffBrowser.submit(
      '/staff/alerts/new',
      { 'title': 'Hints', 'body': 'Body', 'priority': 2, 'areaIds[]': [world.areas.central.id] },
      { action: '/staff/alerts' }
    )
    staffPages.push(`/staff/alerts/${(await Alert.findByOrFail('title', 'Hints')).id}`)
    // The sign-up's questions after "How can we contact you?".
    const signingUp = new BrowserLikeSession()
    await signingUp.submit('/sign-up/ward', { wardId: world.areas.skirbeck.id })
    await signingUp.submit('/sign-up/contact', { name: 'A Resident', email: 'new@example.com' })
    const questionPages = ['topics', 'schemes', 'priority', 'quiet-time', 'about-you'].map(
      (question): [string, BrowserLikeSession] => [`/sign-up/${question}`, signingUp]
    )
    const visits: Array<[string, BrowserLikeSession]> = [
      ...residentPages.map((path): [string, BrowserLikeSession] => [
        path,
        new BrowserLikeSession(),
      ]),
      ...questionPages,
      ...signedInPages.map((path): [string, BrowserLikeSession] => [path, residentBrowser]),
      ...staffPages.map((path): [string, BrowserLikeSession] => [path, staffBrowser]),
    ]

    const checked: string[] = []
    for (const [path, browser] of visits) {
      const page = await browser.get(path)
      assert.equal(page.status, 200, `${path} did not open`)
      for (const hint of hintsOf(page.text)) {
        if (!EXAMPLE.test(hint.text) || DESCRIPTIVE.has(hint.id)) continue
        const check = CHECKS[hint.id]
        assert.isDefined(check, `${path}: the hint “${hint.text}” has an example and no check`)
        const passed = await check(hint.text, path)
        assert.isNotEmpty(passed, `${path}: the example in “${hint.text}” is refused by its form`)
        checked.push(`${path}#${hint.id}: ${passed.join(', ')}`)
        assert.notMatch(
          hint.text,
          /Lincoln|Lincs|Sleaford|Boston|01522|\bLN\d/,
          `${path}: ${hint.text}`
        )
      }
    }
    // The pages really showed their examples (a page that lost them would pass silently otherwise).
    for (const id of [
      'postcode',
      'number',
      'quiet',
      'wantsQuietTime',
      'brandColour',
      'serviceName',
      'name',
      'date',
      'time',
    ]) {
      assert.isTrue(
        checked.some((line) => line.includes(`#${id}:`)),
        `no example checked for ${id}: ${checked.join('; ')}`
      )
    }
    assert.isTrue(checked.some((line) => line.startsWith('/sign-up#postcode: CF10 1EP')))
    assert.isTrue(checked.some((line) => line.startsWith('/my-alerts/numbers/landline#number')))
  })
})

/** The examples ("like 07400 123456") in the messages a validator gives for the bad data. */
async function refusalExamples(
  validator: { validate: (data: any) => Promise<unknown> },
  bad: object
) {
  try {
    await validator.validate(bad)
  } catch (error) {
    const messages: Array<{ field: string; message: string }> = (error as any).messages ?? []
    return messages.flatMap(({ field, message }) => {
      const match = message.match(/\blike ([^.,]+?)(?:[.,]|$)/)
      return match ? [{ field, example: match[1] }] : []
    })
  }
  throw new Error('The bad data was accepted')
}

test.group('Examples in error messages', () => {
  test('the example an error message gives passes the same form', async ({ assert }) => {
    const forms = [
      {
        validator: contactValidator,
        good: { name: 'A Resident' },
        bad: { name: 'A Resident', mobile: 'x', landline: 'y', email: 'z' },
      },
      {
        validator: channelPreferenceValidator,
        good: {},
        bad: { quietFrom: 'night', quietTo: 'day' },
      },
      { validator: quietTimeValidator, good: {}, bad: { quietFrom: 'night', quietTo: 'day' } },
      { validator: magicLinkRequestValidator, good: {}, bad: { email: 'not an address' } },
      {
        validator: accessHelpValidator,
        good: { name: 'A', address: 'CF10 1EP', email: 'a@example.com', contact: 'Phone me' },
        bad: { name: 'A', address: 'CF10 1EP', email: 'nope', contact: 'Phone me' },
      },
    ]
    let seen = 0
    for (const { validator, good, bad } of forms) {
      const examples = await refusalExamples(validator, bad)
      assert.isNotEmpty(examples, `no example in the messages for ${JSON.stringify(bad)}`)
      for (const { field, example } of examples) {
        const data = { ...good, [field]: example }
        if (field === 'quietFrom') Object.assign(data, { quietTo: '07:00' })
        if (field === 'quietTo') Object.assign(data, { quietFrom: '22:00' })
        await assert.doesNotReject(() => validator.validate(data), `${field}: ${example}`)
        seen++
      }
    }
    for (const kind of ['mobile', 'landline'] as const) {
      const example = numberRefusal(kind, 'x', 'malformed').match(/like (.+)$/)![1]
      assert.isTrue(PhoneNumbers[kind](example).valid, `${kind}: ${example}`)
      seen++
    }
    assert.isAtLeast(seen, 8)
  })
})
