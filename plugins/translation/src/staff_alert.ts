import { describeLanguage } from './language_names.js'
import { TranslationVersions } from './versions.js'

/** Each translation of an alert as staff read it on the alert's page: what went out, and what did not. */
export async function staffAlertTranslations(alertId: number) {
  const versions = await TranslationVersions.of(alertId)
  const rows = versions.map((version) => {
    const language = describeLanguage(version.language)
    let state: string
    let warning: string | null = null
    if (version.status === 'failed') {
      state = 'Not translated'
      warning = `${version.error ?? 'The translation failed.'} Residents who chose ${language.name} get the English alert.`
    } else if (version.heldReason) {
      state = 'Not sent'
      warning = version.heldReason
    } else if (version.status === 'reviewed') {
      state = version.corrected ? 'Corrected by staff' : 'Checked by staff'
    } else {
      state = 'Machine translated, not checked'
    }
    return { ...language, state, warning, title: version.title }
  })
  return { rows, warnings: rows.filter((row) => row.warning).length }
}
