import type { SettingsField, SettingsForm, SettingsValues } from '#contracts/settings'
import { PlainEnglishMessages } from '#validators/platform/plain_english_messages'

/** The form's own fields, which a plugin's field names (starting with a letter) cannot take. */
export const CLEAR_SECRETS_FIELD = '_clear'
export const FIELD_NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,59}$/

/** What happened to a secret field in one submission; its value is never recorded anywhere else. */
export type SecretChange = 'replaced' | 'cleared' | 'kept' | 'not set'

export interface SubmittedSettings {
  /** What the validator receives: the form's answers, with saved secrets where none was typed. */
  input: SettingsValues
  secrets: Record<string, SecretChange>
}

const TRUE_VALUES = new Set(['true', 'on', '1', 'yes'])

/**
 * Reads a settings form's answers from a request body. Secrets left blank keep
 * their saved value unless "clear" was ticked; an unticked checkbox is false.
 */
export function submittedSettings(
  form: SettingsForm,
  body: Record<string, unknown>,
  saved: SettingsValues
): SubmittedSettings {
  const cleared = new Set([body[CLEAR_SECRETS_FIELD]].flat().map(String))
  const input: SettingsValues = {}
  const secrets: Record<string, SecretChange> = {}
  for (const field of form.fields) {
    const raw = body[field.name]
    const text = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : ''
    if (field.type === 'boolean') {
      input[field.name] = raw === true || TRUE_VALUES.has(text.toLowerCase())
    } else if (field.type === 'secret') {
      const hasSaved = saved[field.name] !== undefined && saved[field.name] !== null
      if (text !== '') {
        input[field.name] = text
        secrets[field.name] = 'replaced'
      } else if (cleared.has(field.name)) {
        secrets[field.name] = hasSaved ? 'cleared' : 'not set'
      } else {
        if (hasSaved) input[field.name] = saved[field.name]
        secrets[field.name] = hasSaved ? 'kept' : 'not set'
      }
    } else if (text !== '') {
      input[field.name] = text
    }
  }
  return { input, secrets }
}

/** "API key" stays, "Address" becomes "address": the label inside a sentence. */
function inSentence(label: string) {
  return /^[A-Z][a-z]/.test(label) ? label[0].toLowerCase() + label.slice(1) : label
}

/** A refusal for each field in words staff understand, unless the plugin worded its own. */
function defaultMessages(fields: SettingsField[]) {
  const messages: Record<string, string> = {}
  for (const field of fields) {
    const name = field.name
    const label = inSentence(field.label)
    messages[`${name}.required`] =
      field.type === 'select' ? `Choose the ${label}` : `Enter the ${label}`
    messages[`${name}.maxLength`] = `The ${label} must be {{ max }} characters or fewer`
    messages[`${name}.minLength`] = `The ${label} must be at least {{ min }} characters`
    messages[`${name}.min`] = `The ${label} must be {{ min }} or more`
    messages[`${name}.max`] = `The ${label} must be {{ max }} or less`
    messages[name] = {
      text: `Enter a valid ${label}`,
      textarea: `Enter a valid ${label}`,
      secret: `Enter a valid ${label}`,
      url: `Enter the ${label} as a full web address, like https://example.org`,
      email: `Enter the ${label} as an email address, like name@example.org`,
      number: `Enter the ${label} as a number`,
      boolean: `Choose whether to turn on ${label}`,
      select: `Choose one of the options for the ${label}`,
    }[field.type]
  }
  return messages
}

/** Plain-English refusals: the plugin's own first, then ones worded from the labels. */
export function settingsMessages(form: SettingsForm) {
  return new PlainEnglishMessages({ ...defaultMessages(form.fields), ...form.messages })
}

/** One field as the form shows it: never a secret's value, only whether one is saved. */
export interface FieldView {
  field: SettingsField
  value: string
  checked: boolean
  secretSaved: boolean
}

/**
 * The fields with what to show in them: the answers just refused (old), or
 * the saved values, or the field's default.
 */
export function fieldViews(
  form: SettingsForm,
  saved: SettingsValues,
  old: ((name: string) => unknown) | null
): FieldView[] {
  return form.fields.map((field) => {
    const secretSaved = saved[field.name] !== undefined && saved[field.name] !== null
    if (field.type === 'secret') return { field, value: '', checked: false, secretSaved }
    const current = old
      ? old(field.name)
      : (saved[field.name] ?? ('default' in field ? field.default : undefined))
    return {
      field,
      value: current === undefined || current === null ? '' : String(current),
      checked: field.type === 'boolean' && (current === true || TRUE_VALUES.has(String(current))),
      secretSaved: false,
    }
  })
}

/**
 * The saved values, with each field never saved taking its default: what the
 * form would submit untouched. A form is complete when these pass its validator,
 * so an optional switch left at its default does not read as missing.
 */
export function valuesWithDefaults(form: SettingsForm, saved: SettingsValues): SettingsValues {
  const values: SettingsValues = { ...saved }
  for (const field of form.fields) {
    if (values[field.name] === undefined && 'default' in field && field.default !== undefined) {
      values[field.name] = field.default
    }
  }
  return values
}
