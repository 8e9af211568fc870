import { DateTime } from 'luxon'
import Survey from '#models/engagement/survey'
import SurveyQuestion from '#models/engagement/survey_question'
import type Organisation from '#models/platform/organisation'
import Surveys from '#services/engagement/surveys/surveys'
import SurveyLinks from '#services/engagement/surveys/survey_links'

function londonDay(days: number) {
  return DateTime.now().setZone('Europe/London').plus({ days }).toISODate()!
}

/** An open survey (from yesterday to next week) with a question of each kind, in this order. */
export async function createSurvey(organisation: Organisation, overrides: Partial<Survey> = {}) {
  const survey = await Survey.create({
    organisationId: organisation.id,
    code: Surveys.newCode(),
    title: 'Feeling safe in Boston',
    introduction: 'Five questions about your street. It takes two minutes.',
    thankYou: 'Thank you: we read every answer.',
    opensOn: londonDay(-1),
    closesOn: londonDay(7),
    ...overrides,
  })
  const single = await SurveyQuestion.create({
    surveyId: survey.id,
    position: 1,
    kind: 'single',
    prompt: 'Do you feel safe at night?',
    required: true,
    options: ['Yes', 'No', 'Not sure'],
  })
  const multiple = await SurveyQuestion.create({
    surveyId: survey.id,
    position: 2,
    kind: 'multiple',
    prompt: 'What worries you?',
    required: false,
    options: ['Burglary', 'Speeding', 'Litter'],
  })
  const scale = await SurveyQuestion.create({
    surveyId: survey.id,
    position: 3,
    kind: 'scale',
    prompt: 'How well do we keep you informed?',
    required: true,
    scaleMin: 1,
    scaleMax: 5,
    scaleMinLabel: 'Badly',
    scaleMaxLabel: 'Very well',
  })
  const text = await SurveyQuestion.create({
    surveyId: survey.id,
    position: 4,
    kind: 'text',
    prompt: 'Anything else?',
    required: false,
  })
  return { survey, single, multiple, scale, text }
}

export { londonDay }

/** A resident's own link to the survey linked to the alert. */
export function surveyLinkFor(residentId: number, alertId: number, expires?: string) {
  return SurveyLinks.page(residentId, alertId, expires)
}

/** A complete, valid set of answers for createSurvey's questions. */
export function goodAnswers(questions: Awaited<ReturnType<typeof createSurvey>>) {
  return {
    [`q${questions.single.id}`]: '0',
    [`q${questions.multiple.id}`]: ['0', '2'],
    [`q${questions.scale.id}`]: '4',
    [`q${questions.text.id}`]: 'More patrols, please',
  }
}
