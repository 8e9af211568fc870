import db from '@adonisjs/lucid/services/db'
import SiteSettings from '#services/platform/site/site_settings'

export interface ChecklistItem {
  id: string
  title: string
  how: string
  link: string | null
  done: boolean
}

/** What the member of staff reading the list may do themselves. */
export interface ChecklistReader {
  installAdmin: boolean
  organisationAdmin: boolean
  organisationName: string
}

interface Step extends Omit<ChecklistItem, 'title' | 'link'> {
  /** What to do, as it follows "Ask … to". */
  task: string
  link: string | null
  /** Null when the reader may do it; otherwise whom they must ask. */
  askWho: string | null
}

/** A step the reader may not do is one to ask for, without a link to a page they could not open. */
function asShownTo({ task, askWho, link, ...step }: Step): ChecklistItem {
  if (askWho) return { ...step, title: `Ask ${askWho} to ${task}`, link: null }
  return { ...step, title: task.charAt(0).toUpperCase() + task.slice(1), link }
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
  static async forOrganisation(
    organisationId: number,
    reader: ChecklistReader
  ): Promise<ChecklistItem[] | null> {
    if ((await anyRow('residents')) || (await anyRow('alerts'))) return null

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

    const installAdmin = reader.installAdmin ? null : 'an install admin'
    const organisationAdmin = reader.organisationAdmin
      ? null
      : `an admin of ${reader.organisationName}`

    return [
      {
        id: 'boundaries',
        task: 'import the boundaries of your districts and wards',
        how: 'Residents are placed in the areas that contain where they live, and alerts target those areas. Download them from the ONS Open Geography Portal, then upload them, or run node ace areas:import FILE on the server.',
        link: '/staff/settings/areas',
        askWho: installAdmin,
        done: hasAreas,
      },
      {
        id: 'postcodes',
        task: 'import postcodes',
        how: 'So that residents can sign up by postcode. Download the ONS Postcode Directory (CSV) for your area and run node ace postcodes:import FILE on the server. Without it, residents choose their ward or a point on a map.',
        link: null,
        askWho: installAdmin,
        done: hasPostcodes,
      },
      {
        id: 'staff',
        task: 'invite your staff',
        how: 'Give each person their own account and role: admins, approvers, senders, officers, analysts and watch scheme coordinators.',
        link: '/staff/team',
        askWho: organisationAdmin,
        done: otherStaff,
      },
      {
        id: 'privacy',
        task: 'write your privacy notice',
        how: `Residents read it before they sign up. ${site.serviceName} shows a general notice until you write your own, with your contact details.`,
        link: '/staff/settings/site',
        askWho: installAdmin,
        done: site.customised.privacy,
      },
    ].map(asShownTo)
  }
}
