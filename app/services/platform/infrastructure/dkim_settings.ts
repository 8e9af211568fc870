import { createPrivateKey } from 'node:crypto'
import { readFileSync } from 'node:fs'

/** DKIM as the install configures it (docs/deploy.md, "DKIM, SPF and DMARC"). */
export interface DkimValues {
  DKIM_DOMAIN?: string
  DKIM_SELECTOR?: string
  DKIM_PRIVATE_KEY?: string
  DKIM_PRIVATE_KEY_FILE?: string
}

export interface DkimOptions {
  domainName: string
  keySelector: string
  privateKey: string
  headerFieldNames: string
}

/**
 * The headers signed: nodemailer's list (RFC 6376 §5.4.1) and List-Unsubscribe-Post,
 * which RFC 8058 wants signed with List-Unsubscribe before a mailbox offers one-click
 * unsubscribe (large mailbox providers require it of bulk senders).
 */
const SIGNED_HEADERS =
  'From:Sender:Reply-To:Subject:Date:Message-ID:To:Cc:MIME-Version:Content-Type:' +
  'Content-Transfer-Encoding:Content-ID:Content-Description:Resent-Date:Resent-From:' +
  'Resent-Sender:Resent-To:Resent-Cc:Resent-Message-ID:In-Reply-To:References:List-Id:' +
  'List-Help:List-Unsubscribe:List-Unsubscribe-Post:List-Subscribe:List-Post:List-Owner:' +
  'List-Archive'

const SELECTOR =
  /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i

function present(value: string | undefined) {
  return value !== undefined && value.trim() !== ''
}

/** A key pasted into one environment line may carry its line breaks as "\n". */
function pem(value: string) {
  return value.includes('\\n') ? value.replaceAll('\\n', '\n') : value
}

function keyFrom(values: DkimValues): { key?: string; problem?: string } {
  if (present(values.DKIM_PRIVATE_KEY)) return { key: pem(values.DKIM_PRIVATE_KEY!.trim()) }
  try {
    return { key: readFileSync(values.DKIM_PRIVATE_KEY_FILE!.trim(), 'utf8') }
  } catch (error) {
    return {
      problem: `DKIM_PRIVATE_KEY_FILE "${values.DKIM_PRIVATE_KEY_FILE}" cannot be read (${(error as Error).message})`,
    }
  }
}

/**
 * Reads and checks the DKIM settings: none set (no signing), or a domain, a
 * selector and one RSA private key. Returns the problem in words, naming the
 * setting, or the options nodemailer signs with.
 */
export function dkimSettings(values: DkimValues): {
  options: DkimOptions | null
  problem: string | null
} {
  const given = (Object.keys(values) as (keyof DkimValues)[]).filter((name) =>
    present(values[name])
  )
  if (given.length === 0) return { options: null, problem: null }
  const missing = [
    !present(values.DKIM_DOMAIN) && 'DKIM_DOMAIN',
    !present(values.DKIM_SELECTOR) && 'DKIM_SELECTOR',
    !present(values.DKIM_PRIVATE_KEY) &&
      !present(values.DKIM_PRIVATE_KEY_FILE) &&
      'DKIM_PRIVATE_KEY or DKIM_PRIVATE_KEY_FILE',
  ].filter(Boolean)
  if (missing.length > 0) {
    return {
      options: null,
      problem: `DKIM is half configured (${given.join(', ')} set): set ${missing.join(' and ')} too, or none of them`,
    }
  }
  if (present(values.DKIM_PRIVATE_KEY) && present(values.DKIM_PRIVATE_KEY_FILE)) {
    return {
      options: null,
      problem: 'Set DKIM_PRIVATE_KEY or DKIM_PRIVATE_KEY_FILE, not both',
    }
  }
  const domain = values.DKIM_DOMAIN!.trim().toLowerCase()
  if (!/^(?=.{1,253}$)[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)) {
    return { options: null, problem: `DKIM_DOMAIN "${domain}" is not a domain name` }
  }
  const selector = values.DKIM_SELECTOR!.trim()
  if (!SELECTOR.test(selector)) {
    return {
      options: null,
      problem: `DKIM_SELECTOR "${selector}" must be letters, digits and hyphens (dots between parts), for example "beacon2026"`,
    }
  }
  const { key, problem } = keyFrom(values)
  if (problem) return { options: null, problem }
  try {
    const parsed = createPrivateKey(key!)
    // nodemailer signs rsa-sha256 only, which every receiver checks.
    if (parsed.asymmetricKeyType !== 'rsa') {
      return {
        options: null,
        problem: `The DKIM private key is ${parsed.asymmetricKeyType}; it must be an RSA key (2048 bits)`,
      }
    }
  } catch {
    return {
      options: null,
      problem:
        'The DKIM private key is not a PEM private key ("-----BEGIN PRIVATE KEY-----" …); see docs/deploy.md',
    }
  }
  return {
    options: {
      domainName: domain,
      keySelector: selector,
      privateKey: key!,
      headerFieldNames: SIGNED_HEADERS,
    },
    problem: null,
  }
}
