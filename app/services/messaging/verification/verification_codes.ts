import { randomInt } from 'node:crypto'

/**
 * An alert's public reference code, e.g. "K7Q4-M2XD": residents read it
 * aloud and type it, so the alphabet leaves out 0/O and 1/I/L (with no O, no
 * code can spell "Beacon", or most words). Drawn at random
 * from 31^8 (about 850 billion) codes, so neighbouring alerts' codes say
 * nothing about each other and cannot be walked in sequence.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const CODE_LENGTH = 8

/** Stored without its dash, in capitals: the way every typed form is compared. */
export function newVerificationCode() {
  let code = ''
  for (let index = 0; index < CODE_LENGTH; index++) {
    code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
  }
  return code
}

/** "K7Q4M2XD" → "K7Q4-M2XD", as residents see it. */
export function formatVerificationCode(code: string) {
  return `${code.slice(0, 4)}-${code.slice(4)}`
}

/** What a resident typed, as stored: capitals, without spaces or dashes of any kind. */
export function normaliseVerificationCode(typed: string) {
  return typed
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—―_.]/g, '')
}

/** Why a typed code cannot be one, in plain English, or null when it could be. */
export function verificationCodeProblem(typed: string): string | null {
  const code = normaliseVerificationCode(typed)
  if (code === '') return 'Enter the code from the alert, for example K7Q4-M2XD'
  if (code.length !== CODE_LENGTH) {
    return `The code has ${CODE_LENGTH} letters and numbers, for example K7Q4-M2XD. You entered ${code.length}.`
  }
  const stray = [...code].filter((character) => !CODE_ALPHABET.includes(character))
  if (stray.length > 0) {
    const unique = [...new Set(stray)].join(', ')
    return `Codes never contain ${unique}. They use the numbers 2 to 9 and letters except I, L and O. Check the code and enter it again.`
  }
  return null
}

/** PostgreSQL's unique_violation, or SQLite's constraint error naming the code's column. */
function isCodeTaken(error: unknown) {
  const { code, message } = (error ?? {}) as { code?: string; message?: string }
  if (code === '23505') return true
  return String(code).startsWith('SQLITE_CONSTRAINT') && /verification_code/.test(message ?? '')
}

/**
 * Runs `write` with a new code, and again with another on the rare chance
 * that one is already taken (the unique index decides, not a read first,
 * so two sends starting at once cannot both take a code).
 */
export async function withNewVerificationCode<T>(write: (code: string) => Promise<T>) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write(newVerificationCode())
    } catch (error) {
      if (!isCodeTaken(error) || attempt >= 5) throw error
    }
  }
}
