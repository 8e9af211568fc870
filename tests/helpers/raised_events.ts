import emitter from '@adonisjs/core/services/emitter'
import type { BeaconEventName, BeaconEvents } from '#contracts/events'

/**
 * Records the core's events as they are raised, while their listeners still
 * run (unlike emitter.fake()), until the test ends.
 */
export function recordEvents(cleanup: (callback: () => void) => void) {
  const raised: { name: string; payload: unknown }[] = []
  const stop = emitter.onAny((name, payload) => {
    raised.push({ name: String(name), payload })
  })
  cleanup(stop)
  return {
    /** The payloads of one event, in the order raised. */
    of<Name extends BeaconEventName>(name: Name) {
      return raised
        .filter((event) => event.name === name)
        .map((event) => event.payload as BeaconEvents[Name])
    },
    names() {
      return raised.map((event) => event.name)
    },
  }
}
