import https from 'node:https'
import { PushLanes } from './push_lanes.js'

// Connections to one push service; each push in flight beyond them waits for one.
const MAX_SOCKETS = 64

/**
 * The connection to push services: kept alive, since one service (FCM,
 * Mozilla's, Apple's) takes a whole send's pushes. Tests and installs behind
 * an inspecting proxy trust an extra certificate authority with trust().
 */
let agent = new https.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS })
// Per push service, as the agent's connections are: one slow service holds up no other's pushes.
const lanes = new Map<string, PushLanes>()

export const pushTransport = {
  get agent() {
    return agent
  },
  /** A push service's lanes (by its origin): twice its connections, so each has its next push ready. */
  lanesFor(origin: string) {
    let found = lanes.get(origin)
    if (!found) {
      found = new PushLanes(2 * MAX_SOCKETS)
      lanes.set(origin, found)
    }
    return found
  },
  /** Trusts an extra certificate authority (PEM), besides the system's. */
  trust(ca: string | null) {
    agent.destroy()
    agent = new https.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS, ...(ca ? { ca } : {}) })
  },
}

/** How long a push service has to answer one push. */
export const PUSH_TIMEOUT_MS = 10_000
