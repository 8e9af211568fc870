import https from 'node:https'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import type http from 'node:http'
import type { AcceptGate } from '#tests/helpers/accept_gate'
import {
  createDecipheriv,
  createECDH,
  createPublicKey,
  hkdfSync,
  randomBytes,
  verify,
} from 'node:crypto'

export interface ReceivedPush {
  path: string
  headers: http.IncomingHttpHeaders
  body: Buffer
}

type Answer = { status: number; headers?: Record<string, string> }

let certificate: { key: string; cert: string } | null = null

/** A self-signed certificate for 127.0.0.1 (web-push speaks only HTTPS), made once per run. */
export function localCertificate() {
  if (certificate) return certificate
  const folder = mkdtempSync(join(tmpdir(), 'push-cert-'))
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        join(folder, 'key.pem'),
        '-out',
        join(folder, 'cert.pem'),
        '-days',
        '2',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' }
    )
    certificate = {
      key: readFileSync(join(folder, 'key.pem'), 'utf8'),
      cert: readFileSync(join(folder, 'cert.pem'), 'utf8'),
    }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
  return certificate
}

/**
 * A push service on a local port, speaking RFC 8030: it takes each POSTed
 * push, records it, and answers 201 Created with a Location (or the next
 * answer the test queued: a 410, a 429 with Retry-After…).
 */
export class LocalPushService {
  pushes: ReceivedPush[] = []
  answers: Answer[] = []
  /** Answers for one subscription's path, taken before the shared queue. */
  answersFor = new Map<string, Answer[]>()
  /** Pushes to these paths are recorded at once but answered only when the test releases them. */
  #held = new Map<string, Promise<void>>()
  /** A test's gate (see AcceptGate): every push passes it before it is taken. */
  gate: AcceptGate | null = null
  #count = 0
  #server = https.createServer(localCertificate(), (request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      if (!this.gate) return this.#take(request, response, chunks)
      void this.gate
        .pass(() => request.socket.destroyed)
        .then((accepted) => accepted && this.#take(request, response, chunks))
    })
  })

  /** The next push to this path is recorded when it arrives, and answered once release() is called. */
  hold(path: string) {
    let release!: () => void
    this.#held.set(path, new Promise<void>((resolve) => (release = resolve)))
    return release
  }

  #take(request: http.IncomingMessage, response: http.ServerResponse, chunks: Buffer[]) {
    this.pushes.push({
      path: request.url ?? '',
      headers: request.headers,
      body: Buffer.concat(chunks),
    })
    const held = this.#held.get(request.url ?? '')
    this.#held.delete(request.url ?? '')
    void (held ?? Promise.resolve()).then(() => {
      const answer = this.answersFor.get(request.url ?? '')?.shift() ??
        this.answers.shift() ?? {
          status: 201,
          headers: { Location: `${this.origin}/messages/${++this.#count}` },
        }
      response.writeHead(answer.status, answer.headers ?? {})
      response.end()
    })
  }

  async start() {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve))
    return this
  }

  get origin() {
    return `https://127.0.0.1:${(this.#server.address() as AddressInfo).port}`
  }

  async stop() {
    this.#server.closeAllConnections()
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }
}

/**
 * A browser's push subscription as the test's own key pair (what
 * PushManager.subscribe() would make): the endpoint on the local push
 * service, and the keys to decrypt what arrives there.
 */
export class TestSubscription {
  readonly ecdh = createECDH('prime256v1')
  readonly authSecret = randomBytes(16)
  readonly endpoint: string

  constructor(service: LocalPushService, name = randomBytes(8).toString('hex')) {
    this.ecdh.generateKeys()
    this.endpoint = `${service.origin}/push/${name}`
  }

  get path() {
    return new URL(this.endpoint).pathname
  }

  toJSON() {
    return {
      endpoint: this.endpoint,
      keys: {
        p256dh: this.ecdh.getPublicKey().toString('base64url'),
        auth: this.authSecret.toString('base64url'),
      },
    }
  }

  /** Decrypts an aes128gcm push body (RFC 8188 record, RFC 8291 keys) with this subscription's private key. */
  decrypt(body: Buffer): string {
    const salt = body.subarray(0, 16)
    const recordSize = body.readUInt32BE(16)
    const idLength = body.readUInt8(20)
    const senderPublicKey = body.subarray(21, 21 + idLength)
    const record = body.subarray(21 + idLength)
    if (record.length > recordSize) throw new Error('A push of more than one record')

    const sharedSecret = this.ecdh.computeSecret(senderPublicKey)
    const keyInfo = Buffer.concat([
      Buffer.from('WebPush: info\0'),
      this.ecdh.getPublicKey(),
      senderPublicKey,
    ])
    const ikm = Buffer.from(hkdfSync('sha256', sharedSecret, this.authSecret, keyInfo, 32))
    const key = Buffer.from(
      hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16)
    )
    const nonce = Buffer.from(
      hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12)
    )

    const decipher = createDecipheriv('aes-128-gcm', key, nonce)
    decipher.setAuthTag(record.subarray(record.length - 16))
    const padded = Buffer.concat([
      decipher.update(record.subarray(0, record.length - 16)),
      decipher.final(),
    ])
    // The last record ends with the delimiter 0x02, then any zero padding.
    let end = padded.length - 1
    while (end >= 0 && padded[end] === 0) end--
    if (padded[end] !== 2) throw new Error('The push has no last-record delimiter')
    return padded.subarray(0, end).toString('utf8')
  }
}

/**
 * Checks a VAPID Authorization header ("vapid t=<JWT>, k=<public key>") as a
 * push service does: the ES256 signature with the key k, and returns the
 * claims.
 */
export function verifyVapid(header: string | undefined) {
  const match = /^vapid t=([^,]+),\s*k=(.+)$/.exec(header ?? '')
  if (!match) throw new Error(`Not a VAPID header: ${header}`)
  const [, jwt, publicKey] = match
  const [head, claims, signature] = jwt.split('.')
  const point = Buffer.from(publicKey, 'base64url')
  const key = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  })
  const valid = verify(
    'sha256',
    Buffer.from(`${head}.${claims}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url')
  )
  if (!valid) throw new Error('The VAPID signature does not verify')
  return {
    publicKey,
    claims: JSON.parse(Buffer.from(claims, 'base64url').toString()) as {
      aud: string
      exp: number
      sub: string
    },
  }
}
