/**
 * The events the core raises. Core modules listen to them to stay one-way
 * (a later module reacts to an earlier one without being called by it), and
 * plugins listen through their context's on(). Payloads carry ids and facts,
 * never models, so that a listener reads what it needs itself.
 *
 * Raised with `await emitter.emit(name, payload)` from
 * '@adonisjs/core/services/emitter': the emit resolves once every listener has
 * run, so a listener that must finish first (cancelling an erased resident's
 * pending deliveries) does.
 */
export interface BeaconEvents {
  'organisation:created': { organisationId: number }
  'organisation:suspended': { organisationId: number; reason: string }
  'organisation:reinstated': { organisationId: number }

  /** The resident's alerts begin: they confirmed their email, or an organisation imported them with consent. */
  'resident:confirmed': { residentId: number }
  /** The resident withdrew consent for these organisations (or for all, when null). */
  'resident:consent_withdrawn': { residentId: number; organisationIds: number[] | null }
  /** Raised as erasure begins, before the resident's row is emptied: listeners stop what is in flight (pending deliveries); data is deleted by privacy hooks. */
  'resident:erased': { residentId: number }

  /** The alert was handed to the dispatcher (its audience is being walked). */
  'alert:sent': { alertId: number; organisationId: number }
  'alert:paused': { alertId: number; organisationId: number; reason: string | null }
  'alert:resumed': { alertId: number; organisationId: number }
  'alert:cancelled': { alertId: number; organisationId: number }
  /** Every delivery of the alert is finished (sent, delivered, failed or suppressed). */
  'alert:completed': { alertId: number; organisationId: number }

  /** A provider confirmed the delivery reached the resident's device or inbox. */
  'delivery:delivered': { deliveryId: number; alertId: number; channel: string }
  /** The delivery will not be tried again. */
  'delivery:failed': {
    deliveryId: number
    alertId: number
    channel: string
    reason: string
    permanent: boolean
  }
}

export type BeaconEventName = keyof BeaconEvents

declare module '@adonisjs/core/types' {
  interface EventsList extends BeaconEvents {}
}
