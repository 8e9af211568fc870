import { errors as vineErrors } from '@vinejs/vine'
import type { HttpContext } from '@adonisjs/core/http'

interface ValidationMessage {
  field: string
  message: string
}

/** What a page's templates read as flashMessages: get(key, default) and has(key). */
class ValuesForThisRequest {
  constructor(private readonly values: Record<string, unknown>) {}

  get(key: string, defaultValue?: unknown) {
    return key in this.values ? this.values[key] : defaultValue
  }

  has(key: string) {
    return key in this.values
  }

  all() {
    return this.values
  }
}

/**
 * A form whose fields can be long (whole pages of text) shows its errors in
 * the same response instead of the usual redirect with the input flashed:
 * flashed through the session cookie, long input can pass the 4 KB a browser
 * keeps of one cookie, and the browser then drops it without a word, so the
 * form would come back empty. The templates read the errors and the input
 * exactly as after a redirect (flashMessages, old()).
 *
 * Returns false when the error is not a validation error (the caller rethrows).
 */
export function shareErrorsInline(ctx: HttpContext, error: unknown) {
  if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) return false
  const inputErrorsBag: Record<string, string[]> = {}
  for (const { field, message } of error.messages as ValidationMessage[]) {
    ;(inputErrorsBag[field] ??= []).push(message)
  }
  const input: Record<string, unknown> = { ...ctx.request.all() }
  delete input._csrf
  const values = new ValuesForThisRequest({ ...input, inputErrorsBag })
  ctx.view.share({
    flashMessages: values,
    old: (key: string, defaultValue?: unknown) => values.get(key, defaultValue),
  })
  ctx.response.status(422)
  return true
}
