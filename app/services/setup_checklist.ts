import db from '@adonisjs/lucid/services/db'
import SiteSettings from '#services/site_settings'

export interface ChecklistItem {
  id: string
  title: string
  how: string
  link: string | null
  done: boolean
}

async function anyRow(table: string, where?: Record<string, unknown>, column = 'id') {
  const query = db.from(table).select(column).limit(1)
  if (where) query.where(where)
  return (await query.first()) !== null
}

/**
 * What a new install needs before residents can sign up: shown to staff on
 * the dashboard until the install has residents or alerts. One small query
 * a table, each stopping at the first row.
 */
export default class SetupChecklist {
  /** Null once the install is in use (it has residents or alerts). */
  static async forOrganisation(organisationId: number): Promise<ChecklistItem[] | null> {
    if ((await anyRow('subscribers')) || (await anyRow('messages'))) return null

    const hasAreas = await anyRow('areas')
    const hasPostcodes = await anyRow('postcodes', undefined, 'postcode')
    const otherStaff =
      (await db
        .from('memberships')
        .where('organisation_id', organisationId)
        .select('id')
        .offset(1)
        .limit(1)
        .first()) !== null ||
      (await anyRow('staff_invitations', { organisation_id: organisationId }))
    const site = await SiteSettings.current()

    return [
      {
        id: 'boundaries',
        title: 'Import the boundaries of your districts and wards',
        how: 'Residents are placed in the areas that contain where they live, and alerts target those areas. Download them from the ONS Open Geography Portal, then upload them, or run node ace areas:import FILE on the server.',
        link: '/staff/settings/areas',
        done: hasAreas,
      },
      {
        id: 'postcodes',
        title: 'Import postcodes',
        how: 'So that residents can sign up by postcode. Download the ONS Postcode Directory (CSV) for your area and run node ace postcodes:import FILE on the server. Without it, residents choose their ward or a point on a map.',
        link: null,
        done: hasPostcodes,
      },
      {
        id: 'staff',
        title: 'Invite your staff',
        how: 'Give each person their own account and role: admins, approvers, senders, officers and analysts.',
        link: '/staff/team',
        done: otherStaff,
      },
      {
        id: 'privacy',
        title: 'Write your privacy notice',
        how: `Residents read it before they sign up. ${site.serviceName} shows a general notice until you write your own, with your contact details.`,
        link: '/staff/settings/site',
        done: site.customised.privacy,
      },
    ]
  }
}
