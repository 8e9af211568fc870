import vine from '@vinejs/vine'
import { defineSettings, type SettingsForm } from '#contracts/settings'

/** What an organisation sets: where its alerts go, and the secret they are signed with. */
export type WebhookSettings = {
  urls?: string
  signing_secret?: string
}

/** What install admins set for every organisation. */
export type WebhookInstallSettings = {
  allow_private_addresses?: boolean
}

export const MOST_URLS = 10

/** The addresses, one a line, blank lines and surrounding spaces ignored. */
export function urlsOf(text: string | undefined) {
  return (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
}

const urlList = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  const urls = urlsOf(value)
  if (urls.length > MOST_URLS) {
    field.report(`Enter at most ${MOST_URLS} addresses`, 'urlList', field)
    return
  }
  for (const url of urls) {
    let parsed: URL | null = null
    try {
      parsed = new URL(url)
    } catch {}
    if (
      !parsed ||
      !['https:', 'http:'].includes(parsed.protocol) ||
      parsed.username ||
      parsed.password
    ) {
      field.report(
        `“${url.slice(0, 80)}” is not a web address: enter each one in full, like https://hooks.example.org/beacon`,
        'urlList',
        field
      )
      return
    }
  }
})

export const installForm: SettingsForm = {
  fields: [
    {
      name: 'allow_private_addresses',
      type: 'boolean',
      label: 'Allow private addresses',
      hint: 'Lets webhooks reach addresses inside your own network (10.x, 192.168.x, localhost…). Leave this off unless the receiver runs inside your network: anyone who can edit an organisation’s webhook addresses could then reach machines that are not on the internet.',
      default: false,
    },
  ],
  validator: vine.create({ allow_private_addresses: vine.boolean() }),
}

/**
 * Per organisation: the addresses and the signing secret. Whether private
 * addresses may be reached is the install admins' choice (installForm).
 */
export function webhookSettings(
  check: (values: WebhookSettings) => ReturnType<NonNullable<SettingsForm['check']>>
) {
  return defineSettings<WebhookSettings>({
    scope: 'organisation',
    organisationsMayEnable: true,
    fields: [
      {
        name: 'urls',
        type: 'textarea',
        label: 'Webhook addresses',
        hint: `One address a line, at most ${MOST_URLS}. Each alert is sent to every address as a signed JSON POST.`,
        required: true,
      },
      {
        name: 'signing_secret',
        type: 'secret',
        label: 'Signing secret',
        hint: 'At least 24 characters. Your receiver uses it to check that a request came from Beacon (see the plugin’s README).',
        required: true,
      },
    ],
    validator: vine.create({
      urls: vine.string().trim().maxLength(5000).use(urlList()),
      signing_secret: vine.string().minLength(24).maxLength(200),
    }),
    messages: {
      'urls.required': 'Enter at least one webhook address',
      'signing_secret.required': 'Enter a signing secret',
      'signing_secret.minLength': 'Enter a signing secret of at least 24 characters',
      'signing_secret.maxLength': 'Enter a signing secret of at most 200 characters',
    },
    install: installForm,
    check,
  })
}
