import type { ApplicationService } from '@adonisjs/core/types'
import type { Router } from '@adonisjs/core/http'
import type { Channel } from '#contracts/channel'
import type { AlertHook } from '#contracts/alert_hooks'
import type { OrganisationChannel } from '#contracts/organisation_channel'
import type { PluginSettings, SettingsReader } from '#contracts/settings'
import type { StaffPageRouter, StaffPagesOptions } from '#contracts/pages'
import type { SlotDefinition, SlotName } from '#contracts/slots'
import type { InboundWebhook } from '#contracts/webhooks'
import type { ScheduledJob } from '#contracts/schedules'
import type { BeaconEvents } from '#contracts/events'
import type { PrivacyHooks } from '#contracts/privacy'
import type { CoreChecks } from '#contracts/checks'
import type { ResidentContacts } from '#contracts/contacts'
import type { DeliveryReceipts } from '#contracts/receipts'
import type { ResidentPageRouter } from '#contracts/resident_pages'
import type { ContactVerificationRegistry } from '#contracts/verification'
import type { ResidentLookup } from '#contracts/residents'
import type { ResidentLanguageOffer } from '#contracts/languages'
import type { WatchSchemes } from '#contracts/schemes'
import type { ResidentReplies } from '#contracts/replies'

/**
 * What a plugin's folder exports from plugins/<id>/plugin.ts.
 */
export interface PluginManifest {
  /** Same as the folder name: lowercase letters, digits and hyphens. */
  id: string
  name: string
  description: string
  version: string

  /**
   * What staff set in Settings → Plugins, and whether the plugin is switched
   * on install-wide or per organisation (#contracts/settings). Without it the
   * plugin has no form and one install-wide switch.
   */
  settings?: PluginSettings<any>

  /**
   * Called once at boot, whether or not the plugin is enabled. Routes are
   * registered inside a group that answers 404 while the plugin is disabled.
   */
  register?(context: PluginContext): void | Promise<void>
}

export interface PluginContext {
  app: ApplicationService
  /** Routes registered here are prefixed with /plugins/<id> and guarded by the enabled flag. */
  routes(define: (router: Router) => void): void
  /** Offers a channel while the plugin is enabled. */
  channel(channel: Channel): void
  /** Takes part in every alert's path (e.g. translation before dispatch) while the plugin is enabled. */
  alertHook(hook: AlertHook): void
  /** Offers a channel that sends each alert once per configured target (a webhook URL) while the plugin is enabled. */
  organisationChannel(channel: OrganisationChannel): void
  /** The plugin's settings, decrypted and current. */
  settings: SettingsReader
  /**
   * Whether the plugin is on right now: install-wide, or for an organisation
   * (its own switch too, for a plugin of scope `organisation`). Routes,
   * channels and hooks are guarded already; use it in code the core does not
   * guard, such as an inbound webhook naming an organisation.
   */
  isEnabled(organisationId?: number): boolean

  /** Pages under /staff/plugins/<id>, behind staff sign-in, roles and organisation scoping (#contracts/pages). */
  staffPages(define: (pages: StaffPageRouter) => void, options?: StaffPagesOptions): void
  /** Renders a partial of the plugin's views in a named place of the core's pages (#contracts/slots). */
  slot<Name extends SlotName>(name: Name, definition: SlotDefinition<Name>): void
  /** A route under /plugins/<id>/webhooks/<path>, exempt from CSRF because verify() runs first (#contracts/webhooks). */
  webhook(path: string, webhook: InboundWebhook): void
  /** Work on a timetable, once per install, in worker processes (#contracts/schedules). */
  schedule(name: string, job: ScheduledJob): void
  /**
   * Listens to an event the core raises (#contracts/events), while the plugin is enabled (for the
   * event's organisation, when it names one). A throwing handler is logged; the core carries on.
   */
  on<Name extends keyof BeaconEvents>(
    event: Name,
    handler: (payload: BeaconEvents[Name]) => void | Promise<void>
  ): void
  /**
   * Adds the plugin's personal data to the resident's data download and erases
   * it with the resident (#contracts/privacy). These run even while the plugin
   * is disabled: its tables still hold the data.
   */
  privacy(hooks: PrivacyHooks): void
  /** Read-only checks of the core's parts, for health probes (#contracts/checks). */
  checks: CoreChecks
  /** Residents' contacts of plugin-defined kinds (e.g. one push subscription per browser). */
  contacts: ResidentContacts
  /** Providers' delivery reports and bounces, matched to deliveries by provider id. */
  receipts: DeliveryReceipts

  // --- Resident pages (added with plugins/web-push) ---
  /** Routes under /my-alerts/plugins/<id> for the signed-in resident (#contracts/resident_pages). */
  residentPages(define: (pages: ResidentPageRouter) => void): void
  /** Delivers the codes that verify residents' phone numbers, for the kinds it can reach (#contracts/verification). */
  verification: ContactVerificationRegistry
  /** Who holds a number, "STOP" from a resident, the alert a reply answers (#contracts/residents). */
  residents: ResidentLookup

  // --- Languages (added with plugins/translation) ---
  /**
   * Offers residents these languages at sign-up and on their preferences
   * page while the plugin is on (for any organisation) (#contracts/languages).
   */
  residentLanguages(offer: ResidentLanguageOffer): void

  // --- Watch schemes (added with plugins/neighbourhood-watch) ---
  /** Schemes kept in step with an outside register, their members, residents enrolled from it (#contracts/schemes). */
  schemes: WatchSchemes
  /**
   * The organisations whose own switch is on, for work no organisation asks for (a nightly
   * sync); empty unless the plugin is on install-wide. A plugin of scope `install` gets [].
   */
  enabledOrganisations(): number[]

  // --- Replies (added with plugins/sms replies into the inbox) ---
  /** Residents' replies into the inbox of the organisation that sent the alert (#contracts/replies). */
  replies: ResidentReplies
}

export function definePlugin(manifest: PluginManifest): PluginManifest {
  return manifest
}
