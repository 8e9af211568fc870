/*
| The machine's real limit for sending mail into the sink, measured in the
| same run as Beacon so that the load of anything else on the machine weighs
| on both alike: Beacon's own MIME message sent raw by nodemailer's pool
| (raw_sender_process.ts), the pool's connection count doubled from 5 until
| the rate stops rising (two steps in a row without 5% more), in one sending process and in two.
*/
import { fork, type ChildProcess } from 'node:child_process'
import type { SinkProcess } from './smtp_sink.ts'
import { log, whole } from './support.ts'

export interface RawMessage {
  raw: string
  from: string
  placeholder: string
}

export interface LimitStep {
  connections: number
  perSecond: number
  sent: number
  elapsedMs: number
  /** CPU of the sending process(es) per mail, user + system. */
  cpuMicrosPerMail: number
}

export interface Limit {
  processes: number
  steps: LimitStep[]
  best: LimitStep
}

export interface LimitOptions {
  processes: number
  /** A step never sends more than this many mails… */
  mails: number
  /** …nor for longer than this (at 20 ms a reply, 5 connections send about 60 mails a second). */
  seconds: number
  maxConnections: number
}

// A step must beat the best so far by this much for the sweep to go on.
const STILL_RISING = 1.05

class SenderProcess {
  child: ChildProcess
  #replies: ((reply: any) => void)[] = []

  constructor() {
    this.child = fork(new URL('./raw_sender_process.ts', import.meta.url), [], {
      execArgv: ['--import', '@poppinss/ts-exec'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    this.child.on('message', (reply) => this.#replies.shift()?.(reply))
  }

  next<T>() {
    return new Promise<T>((resolve, reject) => {
      this.#replies.push((reply) =>
        reply.type === 'failed' ? reject(new Error(`raw sender: ${reply.message}`)) : resolve(reply)
      )
    })
  }

  stop() {
    if (this.child.exitCode === null) this.child.kill('SIGTERM')
  }
}

export async function measureLimit(
  sink: SinkProcess,
  message: RawMessage,
  options: LimitOptions
): Promise<Limit> {
  const senders = Array.from({ length: options.processes }, () => new SenderProcess())
  try {
    // Forking and loading nodemailer is not part of any step.
    await Promise.all(senders.map((sender) => sender.next<{ type: 'ready' }>()))
    const steps: LimitStep[] = []
    let best: LimitStep | null = null
    let flat = 0
    for (let connections = 5; connections <= options.maxConnections; connections *= 2) {
      await sink.reset()
      const perProcess = Math.ceil(options.mails / options.processes)
      const replies = senders.map((sender, index) => {
        const reply = sender.next<{ sent: number; elapsedMs: number; cpuMicros: number }>()
        sender.child.send({
          type: 'go',
          port: sink.port,
          connections,
          mails: perProcess,
          seconds: options.seconds,
          firstId: (index + 1) * 10_000_000,
          ...message,
        })
        return reply
      })
      const done = await Promise.all(replies).catch((error: Error) => {
        // Too many connections for the sink (or the machine): the steps before stand.
        log(
          `limit, ${options.processes} process(es) × ${connections} connections failed: ${error.message}`
        )
        return null
      })
      if (!done) break
      const sent = done.reduce((sum, reply) => sum + reply.sent, 0)
      const elapsedMs = Math.max(...done.map((reply) => reply.elapsedMs))
      const { accepted } = await sink.count()
      if (accepted !== sent) {
        throw new Error(`The raw senders sent ${sent} mails but the sink accepted ${accepted}`)
      }
      const step: LimitStep = {
        connections,
        sent,
        elapsedMs,
        perSecond: sent / (elapsedMs / 1000),
        cpuMicrosPerMail: done.reduce((sum, reply) => sum + reply.cpuMicros, 0) / sent,
      }
      steps.push(step)
      log(
        `limit, ${options.processes} process(es) × ${connections} connections: ${whole(step.perSecond)} mails/s`
      )
      if (best && step.perSecond < best.perSecond * STILL_RISING) {
        if (step.perSecond > best.perSecond) best = step
        // Twice in a row: one step can fall behind to a burst of load from elsewhere.
        if (++flat === 2) break
        continue
      }
      best = step
      flat = 0
    }
    return { processes: options.processes, steps, best: best! }
  } finally {
    senders.forEach((sender) => sender.stop())
  }
}
