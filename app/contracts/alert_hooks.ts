/**
 * Alert hooks: how a plugin takes part in an alert's path. A hook is
 * registered from a plugin's register() with context.alertHook(hook) and
 * is called only while its plugin is enabled.
 */

/** The alert as the sender wrote it; the body is Markdown. */
export interface HookAlert {
  id: number
  organisationId: number
  title: string
  body: string
  priority: number
  category: string | null
  /**
   * Where residents read the alert as the sender wrote it (added with
   * plugins/translation): its public page when published, else their list
   * of alerts received.
   */
  originalUrl: string
}

export interface BeforeDispatchContext {
  alert: HookAlert
  /**
   * The languages of the alert's audience other than the default ("en"),
   * as stored on residents (e.g. "cy", "pl"). Asked once per alert.
   */
  languages: string[]
  /**
   * The fixed words every alert carries around the sender's (the email's
   * greeting and footer), in English, keyed by ALERT_FIXED_TEXTS' names.
   * Added with plugins/translation: a translation may return them in `texts`.
   */
  fixedTexts: AlertFixedTexts
}

/**
 * The fixed words around an alert, in English. A channel reads them from
 * RenderableAlert.texts; a translation hook returns them translated.
 * `{link}` in `unsubscribe` and `manage` marks where the link's words go.
 */
export const ALERT_FIXED_TEXTS = {
  greeting: 'Dear',
  reason: 'You get this alert because you signed up for local alerts.',
  unsubscribe: 'Unsubscribe from all alerts',
  manage: 'Manage your alerts',
  manageHint: 'choose which alerts you get and when, or see and delete your data.',
  priority: 'priority',
  codeLabel: 'Alert code',
  codeCheck: 'Not sure this alert is genuine? Check the code at',
  codeScan: 'or scan the QR code. Never act on a message whose code does not check out.',
  qrAlt: 'QR code: scan it to check this alert at',
} as const

export type AlertFixedTextName = keyof typeof ALERT_FIXED_TEXTS
export type AlertFixedTexts = Record<AlertFixedTextName, string>

/** The alert's words in another language. The body stays Markdown. */
export interface AlertTranslation {
  language: string
  title: string
  body: string
  /**
   * Optional (added with plugins/translation): the fixed texts in this
   * language; any left out stay in English.
   */
  texts?: Partial<AlertFixedTexts>
  /** Optional: 'rtl' for a language written right to left (Urdu, Arabic); 'ltr' when left out. */
  direction?: 'ltr' | 'rtl'
}

/** A draft the composer saved (new or changed), with every field the form posted. */
export interface ComposerSavedContext {
  alertId: number
  organisationId: number
  /**
   * The composer's fields as posted, including those a staff.composer partial
   * added (names the core does not know). Untrusted: validate what you read.
   */
  fields: Record<string, unknown>
}

export interface AlertHook {
  /**
   * Before the audience is walked, once per alert: return translations
   * for any of the languages asked (or none). Each becomes a variant per
   * channel; residents whose language has none get the default one. A hook
   * that throws is logged and the alert goes out untranslated.
   */
  beforeDispatch?(context: BeforeDispatchContext): Promise<AlertTranslation[]> | AlertTranslation[]

  /**
   * After the composer saved a draft (Added with plugins/social): keep what a
   * staff.composer partial asked, against the alert ("do not post this one").
   * A hook that throws is logged; the draft stays saved.
   */
  composerSaved?(context: ComposerSavedContext): Promise<void> | void
}
