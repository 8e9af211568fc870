import { SimpleMessagesProvider } from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'

/**
 * Messages keyed by "field.rule", with "field" alone as the fallback for any
 * other rule, so that every refusal a resident sees is a sentence written
 * for them rather than a rule name.
 */
export class PlainEnglishMessages extends SimpleMessagesProvider {
  #messages: Record<string, string>

  constructor(messages: Record<string, string>) {
    super(messages)
    this.#messages = messages
  }

  getMessage(rawMessage: string, rule: string, field: FieldContext, args?: Record<string, any>) {
    const path = field.getFieldPath()
    const specific =
      this.#messages[`${path}.${rule}`] ?? this.#messages[`${field.wildCardPath}.${rule}`]
    if (specific) return super.getMessage(rawMessage, rule, field, args)
    return (
      this.#messages[path] ??
      this.#messages[field.wildCardPath] ??
      super.getMessage(rawMessage, rule, field, args)
    )
  }
}
