import { randomBytes } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import Organisation from '#models/platform/organisation'
import User from '#models/platform/user'
import AreaImport from '#services/areas/area_import'
import PostcodeImport from '#services/areas/postcode_import'
import { seedDefaultInterests } from '#services/residents/lists/default_interests'

export interface DemoLogin {
  email: string
  password: string
}

/**
 * Loads the demo on a first start: the Lincolnshire districts and wards, an
 * organisation and its first admin. Returns the admin's login once, or null
 * when the install already has an organisation.
 */
export default class DemoData {
  static async loadIfEmpty(): Promise<DemoLogin | null> {
    const existing = await db.from('organisations').count('* as total').first()
    if (Number(existing?.total ?? 0) > 0) return null

    await AreaImport.fromFiles([
      app.makePath('database/data/lincolnshire/districts.geojson'),
      app.makePath('database/data/lincolnshire/wards.geojson'),
    ])
    await PostcodeImport.fromFile(app.makePath('database/data/lincolnshire/postcodes_sample.csv'))
    await seedDefaultInterests()

    const login = {
      email: 'admin@beacon.localhost',
      password: randomBytes(9).toString('base64url'),
    }
    await db.transaction(async (trx) => {
      const organisation = await Organisation.create(
        { name: 'Lincolnshire OPCC', slug: 'lincolnshire-opcc' },
        { client: trx }
      )
      // The first admin also runs the install: plugins, the outbox, interests and schemes.
      const admin = await User.create(
        { fullName: 'Beacon admin', ...login, isInstallAdmin: true },
        { client: trx }
      )
      await admin.related('memberships').create({ organisationId: organisation.id, role: 'admin' })
    })
    return login
  }
}
