import type { HttpContext } from '@adonisjs/core/http'
import { PRIORITIES } from '#contracts/priority'
import { SCHEME_KIND_LABELS } from '#models/residents/scheme'
import ResidentPreferences, {
  PRIORITY_CHOICES,
} from '#services/residents/preferences/resident_preferences'
import ResidentLanguages from '#services/residents/preferences/resident_languages'
import { refuseAnswer } from '#validators/residents/sign_up'
import {
  channelPreferenceValidator,
  interestsValidator,
  languageValidator,
  priorityThresholdValidator,
  schemesValidator,
} from '#validators/residents/self_service'

export default class PreferencesController {
  async editChannel({ params, view, resident, response }: HttpContext) {
    const channel = await ResidentPreferences.channel(resident.id, params.channel)
    if (!channel) return response.notFound(await view.render('pages/errors/not_found'))
    return view.render('pages/self_service/channel', { channel })
  }

  async updateChannel({ params, request, response, resident, session, view }: HttpContext) {
    const channel = await ResidentPreferences.channel(resident.id, params.channel)
    if (!channel) return response.notFound(await view.render('pages/errors/not_found'))
    const payload = await request.validateUsing(channelPreferenceValidator)
    await ResidentPreferences.saveChannel(resident.id, channel.id, {
      enabled: payload.enabled ?? false,
      quietFrom: payload.quietFrom ?? null,
      quietTo: payload.quietTo ?? null,
      emergencyOverride: payload.emergencyOverride ?? false,
    })
    session.flash('success', `Your choices for ${channel.label.toLowerCase()} have been saved.`)
    return response.redirect().toRoute('self_service.account')
  }

  async editPriority({ view, resident }: HttpContext) {
    return view.render('pages/self_service/priority', {
      choices: PRIORITY_CHOICES,
      current: resident.priorityThreshold,
    })
  }

  async updatePriority({ request, response, resident, session }: HttpContext) {
    const { priorityThreshold } = await request.validateUsing(priorityThresholdValidator)
    await ResidentPreferences.setPriorityThreshold(resident, priorityThreshold)
    session.flash(
      'success',
      `You will get alerts with priority ${priorityThreshold} – ${PRIORITIES[priorityThreshold]} and above.`
    )
    return response.redirect().toRoute('self_service.account')
  }

  async editLanguage({ view, resident }: HttpContext) {
    const { languages, fromPlugin } = await ResidentLanguages.offered()
    return view.render('pages/self_service/language', {
      languages,
      // A long list (from a translation plugin) is a drop-down rather than a page of radios.
      asSelect: fromPlugin && languages.length > 12,
      current: resident.language,
    })
  }

  async updateLanguage({ request, response, resident, session }: HttpContext) {
    const { language } = await request.validateUsing(languageValidator)
    if (!(await ResidentLanguages.isOffered(language))) {
      throw refuseAnswer('language', 'Choose a language from the list')
    }
    await ResidentPreferences.setLanguage(resident, language)
    const chosen = await ResidentLanguages.describe(language)
    session.flash('success', `Your alerts will be in ${chosen.name} when there is a translation.`)
    return response.redirect().toRoute('self_service.account')
  }

  async editInterests({ view, resident }: HttpContext) {
    const { all, chosenIds } = await ResidentPreferences.interests(resident.id)
    return view.render('pages/self_service/interests', { interests: all, chosenIds })
  }

  async updateInterests({ request, response, resident, session }: HttpContext) {
    const { interestIds } = await request.validateUsing(interestsValidator)
    await ResidentPreferences.setInterests(resident, (interestIds ?? []).map(Number))
    session.flash('success', 'Your topics have been saved.')
    return response.redirect().toRoute('self_service.account')
  }

  async editSchemes({ view, resident }: HttpContext) {
    const { all, joinedAt } = await ResidentPreferences.schemes(resident)
    return view.render('pages/self_service/schemes', {
      schemes: all,
      joinedAt,
      kinds: SCHEME_KIND_LABELS,
      canStartGroup: resident.lat !== null && resident.lng !== null,
    })
  }

  async updateSchemes({ request, response, resident, session }: HttpContext) {
    const { schemeIds } = await request.validateUsing(schemesValidator)
    const chosen = (schemeIds ?? []).map(Number)
    // A virtual group away from their home is not theirs to join, whatever the form sent.
    const { all } = await ResidentPreferences.schemes(resident)
    if (chosen.some((id) => !all.some((scheme) => scheme.id === id))) {
      throw refuseAnswer('schemeIds', 'Choose schemes from the list')
    }
    await ResidentPreferences.setSchemes(resident, chosen)
    session.flash('success', 'Your watch schemes have been saved.')
    return response.redirect().toRoute('self_service.account')
  }
}
