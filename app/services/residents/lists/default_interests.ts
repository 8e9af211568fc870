import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { sqlTime } from '#services/platform/infrastructure/sql_time'

/** The interests a new install offers residents; admins change them under Interests and schemes. */
export const DEFAULT_INTERESTS = [
  {
    slug: 'burglary',
    name: 'Burglary',
    description: 'Break-ins at homes, sheds and garages, and how to protect your property.',
  },
  {
    slug: 'fraud-and-scams',
    name: 'Fraud and scams',
    description: 'Doorstep, phone and online scams, and how to spot them.',
  },
  {
    slug: 'rural-crime',
    name: 'Rural crime',
    description: 'Theft of machinery, fuel and livestock, hare coursing and fly-tipping.',
  },
  {
    slug: 'road-safety',
    name: 'Road safety',
    description: 'Speeding, dangerous driving, road closures and safety campaigns.',
  },
  {
    slug: 'fire-safety',
    name: 'Fire safety',
    description: 'Fires in your area, and keeping your home safe from fire.',
  },
  {
    slug: 'anti-social-behaviour',
    name: 'Anti-social behaviour',
    description: 'Nuisance, vandalism and disorder, and what is being done about it.',
  },
  {
    slug: 'cyber-crime',
    name: 'Cyber crime',
    description: 'Hacked accounts, ransomware and staying safe online.',
  },
  {
    slug: 'missing-people',
    name: 'Missing people',
    description: 'Appeals to help find people reported missing.',
  },
] as const

/**
 * Adds the default interests that are not there yet (by slug), leaving any
 * an admin has renamed or added alone. Running it twice changes nothing.
 */
export async function seedDefaultInterests(client: QueryClientContract = db.connection()) {
  const now = sqlTime()
  await client
    .insertQuery()
    .table('interests')
    .multiInsert(
      DEFAULT_INTERESTS.map((interest, index) => ({
        ...interest,
        position: index + 1,
        created_at: now,
        updated_at: now,
      }))
    )
    .onConflict('slug')
    .ignore()
}
