import net from 'node:net'

/**
 * Asks Redis for a PONG over a plain socket, so that start-up can explain a
 * missing Redis at once instead of retrying forever inside a client library.
 */
export async function redisAnswers(
  host: string,
  port: number,
  password?: string,
  timeoutMs = 2000
) {
  return new Promise<boolean>((resolve) => {
    const socket = net.createConnection({ host, port })
    let received = ''
    const finish = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(timeoutMs, () => finish(false))
    socket.on('error', () => finish(false))
    socket.on('connect', () => {
      if (password) socket.write(`AUTH ${password}\r\n`)
      socket.write('PING\r\n')
    })
    socket.on('data', (chunk) => {
      received += chunk.toString()
      if (received.includes('+PONG')) finish(true)
      else if (received.includes('-')) finish(false)
    })
  })
}

export function redisUnreachableExplanation(host: string, port: number) {
  return [
    `Beacon cannot reach Redis at ${host}:${port}.`,
    'Redis carries the alert queue and is required. Start it (for example',
    '`redis-server --daemonize yes` or `sudo systemctl start redis-server`), or point',
    'REDIS_HOST and REDIS_PORT in .env at a running Redis, then start Beacon again.',
  ].join('\n')
}
