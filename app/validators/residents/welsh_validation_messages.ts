import type { I18n } from '@adonisjs/i18n'
import type { FieldContext, MessagesProviderContact } from '@vinejs/vine/types'

const PREFIX = 'validator.shared.messages'

/**
 * The Welsh counterpart of PlainEnglishMessages, read from
 * resources/lang/cy/validator.json: "field.rule", then "field" alone for any
 * other rule, then a general sentence for the rule, so that a resident using
 * the service in Welsh never meets an English rule name.
 */
export class WelshValidationMessages implements MessagesProviderContact {
  constructor(private i18n: I18n) {}

  getMessage(rawMessage: string, rule: string, field: FieldContext, args?: Record<string, any>) {
    const data = { field: field.name, ...args }
    for (const key of [
      `${PREFIX}.${field.getFieldPath()}.${rule}`,
      `${PREFIX}.${field.wildCardPath}.${rule}`,
      `${PREFIX}.${field.getFieldPath()}`,
      `${PREFIX}.${field.wildCardPath}`,
      `${PREFIX}.${rule}`,
    ]) {
      if (this.i18n.hasMessage(key)) return this.i18n.formatMessage(key, data)
    }
    return this.i18n.formatMessage(`${PREFIX}.default`, data, rawMessage)
  }
}
