/*
| The core's own listeners to the events it raises (app/contracts/events.ts):
| how a later module reacts to an earlier one without the earlier importing it.
| Preloaded in every process (web, worker, ace commands, tests), so a listener
| runs wherever the event is raised. Plugins listen through their context.
*/
import emitter from '@adonisjs/core/services/emitter'

const SeedDefaultInterests = () => import('#listeners/residents/seed_default_interests')
const AnnounceJoinRequests = () => import('#listeners/residents/announce_join_requests')
const HoldSuspendedSends = () => import('#listeners/messaging/hold_suspended_sends')
const SkipWithdrawnDeliveries = () => import('#listeners/messaging/skip_withdrawn_deliveries')
const RefreshPublicPages = () => import('#listeners/messaging/refresh_public_pages')
const KeepDeliveryFigures = () => import('#listeners/engagement/keep_delivery_figures')
const ForgetErasedInFigures = () => import('#listeners/engagement/forget_erased_in_figures')

// A new install offers residents the default interests.
emitter.on('organisation:created', [SeedDefaultInterests])
// Schemes asked for at sign-up reach their coordinators once the resident has confirmed.
emitter.on('resident:confirmed', [AnnounceJoinRequests])
// Nothing a suspended organisation started is sent.
emitter.on('organisation:suspended', [HoldSuspendedSends])
// A resident's withdrawal applies at once to alerts already queued for them.
emitter.on('resident:consent_withdrawn', [SkipWithdrawnDeliveries, 'consentWithdrawn'])
emitter.on('resident:erased', [SkipWithdrawnDeliveries, 'erased'])

// A completed alert may be a published one: the cached public pages and feeds start again.
emitter.on('alert:completed', [RefreshPublicPages])

// The reports count a finished alert's deliveries once; a later receipt sends it back to the ledger.
emitter.on('alert:completed', [KeepDeliveryFigures, 'finished'])
emitter.on('alert:cancelled', [KeepDeliveryFigures, 'finished'])
emitter.on('delivery:delivered', [KeepDeliveryFigures, 'changed'])
emitter.on('delivery:failed', [KeepDeliveryFigures, 'changed'])
// An erased resident's entries in the reports' figures say where they lived: they go at once.
emitter.on('resident:erased', [ForgetErasedInFigures])
