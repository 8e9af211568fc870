import env from '#start/env'

/** The install's namespace in Redis (QUEUE_PREFIX): installs and test runs sharing one Redis never meet. */
export function redisPrefix() {
  return env.get('QUEUE_PREFIX', 'beacon')
}

/** A Redis key or channel inside the install's namespace, e.g. redisKey('delivery-sweeper'). */
export function redisKey(...parts: (string | number)[]) {
  return [redisPrefix(), ...parts].join(':')
}
