import type { VineValidator } from '@vinejs/vine'

/**
 * Plugin settings: what a plugin asks staff to fill in (a provider's address,
 * an API key…), where it is set (once for the install, or by each
 * organisation), and how Beacon checks it. Settings → Plugins renders the form
 * from `fields`, validates the answers with `validator`, stores them encrypted
 * with the install's APP_KEY and never shows a secret again.
 *
 * @example
 *   settings: defineSettings({
 *     scope: 'organisation',
 *     organisationsMayEnable: true,
 *     fields: [
 *       { name: 'url', type: 'url', label: 'Address', required: true },
 *       { name: 'token', type: 'secret', label: 'Token', hint: 'From the provider’s dashboard' },
 *     ],
 *     validator: vine.create({ url: vine.string().url(), token: vine.string().optional() }),
 *     messages: { 'url.url': 'Enter the address as a full web address, like https://example.org' },
 *     async check(values) {
 *       return (await ping(values.url)) ? { ok: true, message: 'It answered' }
 *                                      : { ok: false, message: 'It did not answer' }
 *     },
 *   })
 */

/**
 * `install`: one set of settings, and one switch, for the whole install
 * (install admins). `organisation`: each organisation has its own settings and
 * its own switch, behind the install-wide one.
 */
export type SettingsScope = 'install' | 'organisation'

interface FieldBase {
  /** The key in the values and the form field's name: letters, digits and underscores, starting with a letter. */
  name: string
  /** What the form calls it, in words staff know ("API key", not "apiKey"). */
  label: string
  /** A line under the label: where to find the value, what it is for. */
  hint?: string
  /**
   * Shown as required on the form. The validator still decides: mark a field
   * required here and make it required there too.
   */
  required?: boolean
}

export interface TextSettingsField extends FieldBase {
  type: 'text' | 'url' | 'email' | 'textarea'
  default?: string
}

export interface NumberSettingsField extends FieldBase {
  type: 'number'
  default?: number
}

/** A checkbox: the validator receives true or false (never missing). */
export interface BooleanSettingsField extends FieldBase {
  type: 'boolean'
  default?: boolean
}

export interface SelectSettingsField extends FieldBase {
  type: 'select'
  options: { value: string; label: string }[]
  default?: string
}

/**
 * Write-only: never sent back to the browser. The form says that a value is
 * saved and offers to clear it; left blank, the saved value is kept (and is
 * what the validator receives). A secret that was never set reaches the
 * validator as undefined.
 */
export interface SecretSettingsField extends FieldBase {
  type: 'secret'
}

export type SettingsField =
  | TextSettingsField
  | NumberSettingsField
  | BooleanSettingsField
  | SelectSettingsField
  | SecretSettingsField

export type SettingsFieldType = SettingsField['type']

/** Stored settings, as the validator returned them. */
export type SettingsValues = Record<string, unknown>

/** The answer of a "Test connection", in words for staff. */
export type SettingsCheckResult = { ok: true; message: string } | { ok: false; message: string }

/** One form: what it asks, how the answers are validated and how they are checked. */
export interface SettingsForm<Values extends SettingsValues = SettingsValues> {
  fields: SettingsField[]
  /**
   * A compiled VineJS validator (`vine.create({...})`) for the values. It
   * receives form input: strings (empty as undefined), numbers as strings,
   * checkboxes as true/false. What it returns is what is stored. The page
   * also runs it on the saved values, to say whether the form is complete.
   */
  validator: VineValidator<any, any>
  /**
   * Plain-English refusals keyed "field.rule" or "field" (any rule), as the
   * core's own forms have. Without one, Beacon words a refusal from the
   * field's label ("Enter the API key", "Enter the address as a full web
   * address…").
   */
  messages?: Record<string, string>
  /**
   * "Test connection": runs with the values staff typed (secrets left blank
   * fall back to the saved ones) or the saved values. Say what happened in
   * words staff understand; do not put secrets in the message. A check that
   * throws is shown as failed, with no detail.
   */
  check?(values: Values): Promise<SettingsCheckResult> | SettingsCheckResult
}

export interface PluginSettings<
  Values extends SettingsValues = SettingsValues,
> extends SettingsForm<Values> {
  scope: SettingsScope
  /**
   * Scope `organisation` only: whether an organisation's admins may switch
   * the plugin on and off for their organisation themselves. When false, only
   * install admins do (e.g. a channel the install pays for). Organisation
   * admins always edit their organisation's settings. Default false.
   */
  organisationsMayEnable?: boolean
  /**
   * Scope `organisation` only: settings that stay install-wide for every
   * organisation, set by install admins (e.g. a provider account, or whether
   * private addresses are allowed).
   */
  install?: SettingsForm

  /**
   * Values the plugin makes itself rather than staff typing them (a key
   * pair). See GeneratedSettings below.
   */
  generated?: GeneratedSettings
}

// --- Generated settings (added with plugins/web-push) -----------------------

/**
 * Install-wide values a plugin generates once, such as the VAPID key pair of
 * browser push. Beacon calls generate() when the plugin is enabled install-wide
 * and whenever the install settings are saved, for the names still missing;
 * it stores what comes back with the install settings (encrypted with APP_KEY
 * like every setting), never shows it on the form, never lets a form save
 * overwrite it, and hands it back through `context.settings.forInstall()`.
 * The names must not be field names of the install form.
 */
export interface GeneratedSettings {
  /** The names generate() fills in; when one is missing, generate() runs again. */
  names: string[]
  generate(): SettingsValues | Promise<SettingsValues>
}

/**
 * How a plugin reads its settings at run time (`context.settings`): always
 * decrypted and current (a change made in another process is seen within a
 * second). Values never saved read as {}; the field defaults are not applied.
 */
export interface SettingsReader {
  /** The install-wide settings (scope `install`, or a scope-`organisation` plugin's `install` form). */
  forInstall<Values extends SettingsValues = SettingsValues>(): Promise<Partial<Values>>
  /**
   * The settings that apply to an organisation: its own for scope
   * `organisation`, the install's for scope `install`.
   */
  forOrganisation<Values extends SettingsValues = SettingsValues>(
    organisationId: number
  ): Promise<Partial<Values>>
}

export function defineSettings<Values extends SettingsValues = SettingsValues>(
  settings: PluginSettings<Values>
): PluginSettings<Values> {
  return settings
}
