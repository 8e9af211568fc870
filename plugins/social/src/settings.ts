import vine from '@vinejs/vine'
import {
  defineSettings,
  type SettingsCheckResult,
  type SettingsField,
  type SettingsForm,
} from '#contracts/settings'

/** What an organisation sets: its share image, and the accounts its public alerts are posted to. */
export type SocialSettings = {
  share_image_url?: string
  facebook_page_id?: string
  facebook_page_token?: string
  x_api_key?: string
  x_api_secret?: string
  x_access_token?: string
  x_access_token_secret?: string
}

/** What install admins set for every organisation. */
export type SocialInstallSettings = {
  default_share_image_url?: string
  graph_api_url?: string
  x_api_url?: string
}

/**
 * The APIs' addresses may be pointed elsewhere (a local fake in tests) only
 * outside production: in production the fields are not offered and saved
 * values are ignored, so that nobody with the form can send an account's
 * tokens to another host.
 */
export function apiAddressAllowed(nodeEnv = process.env.NODE_ENV) {
  return nodeEnv !== 'production'
}

export function apiAddress(
  saved: string | undefined,
  fallback: string,
  allowed = apiAddressAllowed()
) {
  return (allowed && saved ? saved : fallback).replace(/\/+$/, '')
}

export const GRAPH_API = 'https://graph.facebook.com/v21.0'
export const X_API = 'https://api.x.com'

const optionalUrl = () => vine.string().trim().url({ require_tld: false }).maxLength(500).optional()

const ADDRESS_FIELDS: SettingsField[] = [
  {
    name: 'graph_api_url',
    type: 'url',
    label: 'Facebook Graph API address (optional)',
    hint: `For testing only: leave blank to use ${GRAPH_API}.`,
  },
  {
    name: 'x_api_url',
    type: 'url',
    label: 'X API address (optional)',
    hint: `For testing only: leave blank to use ${X_API}.`,
  },
]

export function installFormFor(addressAllowed = apiAddressAllowed()): SettingsForm {
  return {
    fields: [
      {
        name: 'default_share_image_url',
        type: 'url',
        label: 'Default share image',
        hint: 'The address of a picture (PNG or JPEG, ideally 1200 × 630 pixels) that Facebook, X and others show with a shared alert, for organisations that have not set their own.',
      },
      ...(addressAllowed ? ADDRESS_FIELDS : []),
    ],
    validator: vine.create({
      default_share_image_url: optionalUrl(),
      graph_api_url: optionalUrl(),
      x_api_url: optionalUrl(),
    }),
    messages: {
      default_share_image_url:
        'Enter the image’s address in full, like https://example.org/share.png',
      graph_api_url: 'Enter the address in full, like http://localhost:4000, or leave it blank',
      x_api_url: 'Enter the address in full, like http://localhost:4000, or leave it blank',
    },
  }
}

const secret = () => vine.string().trim().minLength(8).maxLength(500).optional()
const X_KEYS = ['x_api_key', 'x_api_secret', 'x_access_token', 'x_access_token_secret']
/** One of the four X keys: needed as soon as any other is there (half an account cannot post). */
const xKey = (name: string) =>
  secret().requiredIfAnyExists(X_KEYS.filter((other) => other !== name))

export function socialSettings(check: (values: SocialSettings) => Promise<SettingsCheckResult>) {
  return defineSettings<SocialSettings>({
    scope: 'organisation',
    organisationsMayEnable: true,
    fields: [
      {
        name: 'share_image_url',
        type: 'url',
        label: 'Share image',
        hint: 'The address of a picture (PNG or JPEG, ideally 1200 × 630 pixels) shown with your alerts when they are shared. Leave blank for the site’s default.',
      },
      {
        name: 'facebook_page_id',
        type: 'text',
        label: 'Facebook Page ID',
        hint: 'Leave blank not to post to Facebook. Found under your Page’s “About” → “Page transparency”.',
      },
      {
        name: 'facebook_page_token',
        type: 'secret',
        label: 'Facebook Page access token',
        hint: 'A long-lived Page access token with the pages_manage_posts permission.',
      },
      {
        name: 'x_api_key',
        type: 'secret',
        label: 'X API key',
        hint: 'Leave the four X keys blank not to post to X. From your app in the X developer portal (“Keys and tokens”).',
      },
      { name: 'x_api_secret', type: 'secret', label: 'X API key secret' },
      {
        name: 'x_access_token',
        type: 'secret',
        label: 'X access token',
        hint: 'Of the account that posts, with read and write permission.',
      },
      { name: 'x_access_token_secret', type: 'secret', label: 'X access token secret' },
    ],
    validator: vine.create({
      share_image_url: optionalUrl(),
      facebook_page_id: vine
        .string()
        .trim()
        .regex(/^\d{1,30}$/)
        .optional()
        .requiredIfExists('facebook_page_token'),
      facebook_page_token: secret().requiredIfExists('facebook_page_id'),
      x_api_key: xKey('x_api_key'),
      x_api_secret: xKey('x_api_secret'),
      x_access_token: xKey('x_access_token'),
      x_access_token_secret: xKey('x_access_token_secret'),
    }),
    messages: {
      'share_image_url': 'Enter the image’s address in full, like https://example.org/share.png',
      'facebook_page_id.regex': 'Enter the Facebook Page ID as digits only, like 104712345678901',
      'facebook_page_id.required': 'Enter the Facebook Page ID, or clear its access token',
      'facebook_page_token.required': 'Enter the Page’s access token, or clear the Page ID',
      'facebook_page_token.minLength': 'This token is too short: copy all of it',
      ...Object.fromEntries(
        X_KEYS.flatMap((name) => [
          [`${name}.required`, 'Enter all four X keys and secrets, or none'],
          [`${name}.minLength`, 'This key is too short: copy all of it'],
        ])
      ),
    },
    install: installFormFor(),
    check,
  })
}
