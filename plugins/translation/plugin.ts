import { definePlugin } from '#contracts/plugin'
import { translationSettings, type TranslationInstallSettings } from './src/settings.js'
import { checkConnection } from './src/connection_check.js'
import { LanguageList } from './src/language_list.js'
import { AlertTranslator } from './src/alert_translator.js'
import { composerReview, saveReviews } from './src/composer_review.js'
import { staffAlertTranslations } from './src/staff_alert.js'

const languageList = new LanguageList()
let installSettings: () => Promise<TranslationInstallSettings> = async () => ({})

/**
 * Machine translation with Google Cloud Translation: residents choose their
 * language, each alert is translated once per language of its audience,
 * staff read and correct the translations beside the English, and residents
 * get a link to the original. README.md says what is sent where.
 */
export default definePlugin({
  id: 'translation',
  name: 'Translation',
  description:
    'Alerts translated by Google Cloud Translation into the languages residents choose, checked by staff before they go out.',
  version: '1.0.0',
  settings: translationSettings(checkConnection, async () =>
    checkConnection(await installSettings())
  ),
  register(context) {
    const { settings } = context
    installSettings = () => settings.forInstall<TranslationInstallSettings>()
    const translator = new AlertTranslator(settings, languageList)

    context.residentLanguages({
      languages: async () => languageList.offered(await installSettings()),
    })

    context.alertHook({
      beforeDispatch: (dispatch) => translator.beforeDispatch(dispatch),
      composerSaved: ({ alertId, fields }) => saveReviews(alertId, fields),
    })

    context.slot('staff.composer', {
      view: 'composer',
      data: (slot) => composerReview(translator, context.residents, slot),
    })

    context.slot('staff.alert', {
      view: 'staff_alert',
      data: ({ alertId }) => staffAlertTranslations(alertId),
    })
  },
})
