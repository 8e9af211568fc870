import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { UPLOAD_ROUTES } from '#config/bodyparser'
import { readUploadedForm } from '#services/platform/infrastructure/uploaded_form'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type {
  StaffNavEntry,
  StaffPageAccess,
  StaffPageHandler,
  StaffPageRouter,
  StaffPagesOptions,
  StaffScope,
} from '#contracts/pages'

/** A plugin's navigation entry, with the address it links to. */
export interface PluginNavEntry extends StaffNavEntry {
  pluginId: string
  href: string
  isEnabled(organisationId?: number): boolean
}

/** Install-wide without an organisation; per organisation where the plugin has its own switch (settings). */
export type PluginEnabled = (organisationId?: number) => boolean

/** Whether this member of staff may use a page or see an entry with these rules. */
export function mayUse(access: StaffPageAccess, staff: Omit<StaffScope, 'userId'>) {
  if (access.installAdminOnly) return staff.isInstallAdmin
  // Coordinators are limited to their schemes: only a page naming their role is theirs.
  if (!access.roles) return staff.role !== 'coordinator'
  return access.roles.includes(staff.role)
}

/**
 * Plugins' staff pages: routes under /staff/plugins/<id> that the core's auth
 * and staff middleware guard (signed in with both factors, a membership of the
 * current organisation), each checking its roles before the plugin's handler
 * runs; and their entries in the staff navigation.
 */
class PluginStaffPages {
  #nav: PluginNavEntry[] = []

  register(
    pluginId: string,
    define: (pages: StaffPageRouter) => void,
    options: StaffPagesOptions,
    isEnabled: PluginEnabled
  ) {
    const prefix = `/staff/plugins/${pluginId}`
    const defaults: StaffPageAccess = {
      roles: options.roles,
      installAdminOnly: options.installAdminOnly,
    }
    const route =
      (handler: StaffPageHandler, access: StaffPageAccess = {}) =>
      async (ctx: HttpContext) => {
        const staff = scopeOf(ctx)
        if (!isEnabled(staff.organisationId)) {
          return ctx.response.notFound(await ctx.view.render('pages/errors/not_found'))
        }
        if (!mayUse({ ...defaults, ...stripUndefined(access) }, staff)) {
          return ctx.response.forbidden(await ctx.view.render('pages/errors/forbidden'))
        }
        return handler(ctx, staff)
      }

    router
      .group(() => {
        define({
          get: (path, handler, access) => void router.get(path, route(handler, access)),
          post: (path, handler, access) => void router.post(path, route(handler, access)),
          upload: (path, handler, rule, access) => {
            // The bodyparser and shield leave this route's body to readUploadedForm (config/bodyparser.ts).
            UPLOAD_ROUTES.push(prefix + path)
            router.post(
              path,
              route(async (ctx, staff) => {
                await readUploadedForm(ctx, rule)
                return handler(ctx, staff)
              }, access)
            )
          },
        })
      })
      .prefix(prefix)
      // Disabled: 404 before anything else, as if the pages did not exist.
      .use([
        async (ctx: HttpContext, next: NextFn) =>
          isEnabled()
            ? next()
            : ctx.response.notFound(await ctx.view.render('pages/errors/not_found')),
        middleware.auth(),
        middleware.staff(),
      ])

    for (const entry of options.nav ?? []) {
      this.#nav.push({
        ...entry,
        roles: entry.roles ?? defaults.roles,
        installAdminOnly: entry.installAdminOnly ?? defaults.installAdminOnly,
        pluginId,
        href: prefix + (entry.path === '/' ? '' : entry.path),
        isEnabled,
      })
    }
  }

  /** The entries of plugins enabled (for the organisation, when there is one). */
  navEntries(organisationId?: number) {
    return this.#nav.filter((entry) => entry.isEnabled(organisationId))
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}

function scopeOf(ctx: HttpContext): StaffScope {
  const user = ctx.auth.getUserOrFail()
  return {
    userId: user.id,
    organisationId: ctx.membership.organisationId,
    role: ctx.membership.role,
    isInstallAdmin: user.isInstallAdmin === true,
  }
}

export default new PluginStaffPages()
