import type { HttpContext } from '@adonisjs/core/http'
import SiteSettings from '#services/platform/site/site_settings'
import type { SitePage } from '#services/platform/site/site_defaults'

const TITLES: Record<SitePage, string> = {
  privacy: 'Privacy notice',
  accessibility: 'Accessibility statement',
  cookies: 'Cookies',
}

/** The pages every footer links to, in the install's own words. */
export default class SitePagesController {
  async show({ view, route }: HttpContext) {
    const page = route!.pattern.slice(1) as SitePage
    const site = await SiteSettings.current()
    return view.render('pages/site/page', { title: TITLES[page], body: site.pages[page] })
  }

  async contact({ view }: HttpContext) {
    return view.render('pages/site/contact')
  }
}
