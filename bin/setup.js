/*
| First-run setup for a fresh clone: writes .env from .env.example with a
| new random APP_KEY, unless .env already exists. Plain JavaScript, because
| the application cannot boot without .env.
*/
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'

const major = Number(process.versions.node.split('.')[0])
if (major < 24) {
  console.error(`Beacon needs Node.js 24 or newer; this is ${process.version}.`)
  process.exit(1)
}

mkdirSync(new URL('../tmp/', import.meta.url), { recursive: true })

const envFile = new URL('../.env', import.meta.url)
if (existsSync(envFile)) {
  console.log('.env exists: keeping it.')
} else {
  const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8')
  const key = randomBytes(32).toString('base64url')
  writeFileSync(envFile, example.replace(/^APP_KEY=.*$/m, `APP_KEY=${key}`))
  console.log('Wrote .env with a new APP_KEY (keep it secret: it signs sessions and encrypts settings).')
}
