import https from 'node:https'

/**
 * The connection to push services: kept alive, since one service (FCM,
 * Mozilla's, Apple's) takes a whole send's pushes. Tests and installs behind
 * an inspecting proxy trust an extra certificate authority with trust().
 */
let agent = new https.Agent({ keepAlive: true, maxSockets: 64 })

export const pushTransport = {
  get agent() {
    return agent
  },
  /** Trusts an extra certificate authority (PEM), besides the system's. */
  trust(ca: string | null) {
    agent.destroy()
    agent = new https.Agent({ keepAlive: true, maxSockets: 64, ...(ca ? { ca } : {}) })
  },
}

/** How long a push service has to answer one push. */
export const PUSH_TIMEOUT_MS = 10_000
