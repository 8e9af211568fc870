/**
 * Languages residents may choose for their alerts (added with
 * plugins/translation). Without an offer the core offers its own short
 * list; a plugin that can translate alerts offers the languages it can
 * translate into with context.residentLanguages(offer), and the sign-up and
 * preferences pages list those while the plugin is on.
 */

export interface OfferedLanguage {
  /** The code stored on the resident, as the translation service names it ("pl", "zh-TW"). */
  code: string
  /** The language's name in English ("Polish"), for staff and sorting. */
  name: string
  /** The language's name in itself ("Polski", "اردو"), shown to residents with its own lang attribute. */
  nativeName: string
  rightToLeft: boolean
}

export interface ResidentLanguageOffer {
  /**
   * The languages offered now, English included or not (the core always
   * offers English first). Asked when a page lists them: keep it quick
   * (cache what a service answers). One that throws is logged and skipped.
   */
  languages(): Promise<OfferedLanguage[]> | OfferedLanguage[]
}
