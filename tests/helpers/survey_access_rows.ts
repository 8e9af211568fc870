import SurveyQuestion from '#models/engagement/survey_question'
import type Organisation from '#models/platform/organisation'
import type { Role } from '#models/platform/membership'
import { createSurvey } from '#tests/helpers/survey_fixtures'

const TITLE = 'Home survey about lighting'

/**
 * The survey pages' rows for the access matrix (tests/functional/platform/access_matrix.spec.ts),
 * kept here so that the shared file gains one line. One survey of the home organisation is
 * made the first time a row asks for it.
 */
export function surveyMatrixRows<World extends { home: Organisation }, Row>(
  allowed: readonly Role[]
): Row[] {
  const surveys = new WeakMap<World, ReturnType<typeof createSurvey>>()
  const surveyOf = (world: World) => {
    if (!surveys.has(world)) surveys.set(world, createSurvey(world.home, { title: TITLE }))
    return surveys.get(world)!
  }
  const freshQuestion = async (world: World) => {
    const { survey } = await surveyOf(world)
    const question = await SurveyQuestion.create({
      surveyId: survey.id,
      position: 99,
      kind: 'text',
      prompt: 'To be removed',
      required: false,
    })
    return `/staff/surveys/${survey.id}/questions/${question.id}`
  }
  const at = (suffix: string) => async (world: World) =>
    `/staff/surveys/${(await surveyOf(world)).survey.id}${suffix}`
  const rows = [
    {
      action: 'surveys',
      method: 'GET',
      path: async (world: World) => (await surveyOf(world), '/staff/surveys'),
      otherOrganisation: 'own',
      secret: () => TITLE,
    },
    {
      action: 'new survey',
      method: 'GET',
      path: () => '/staff/surveys/new',
      otherOrganisation: 'own',
    },
    {
      action: 'save a survey',
      method: 'POST',
      path: () => '/staff/surveys',
      fields: {},
      otherOrganisation: 'own',
    },
    {
      action: 'view a survey',
      method: 'GET',
      path: at(''),
      otherOrganisation: 'forbidden',
      secret: () => TITLE,
    },
    {
      action: 'edit a survey',
      method: 'GET',
      path: at('/edit'),
      otherOrganisation: 'forbidden',
      secret: () => TITLE,
    },
    {
      action: 'change a survey',
      method: 'POST',
      path: at(''),
      fields: {},
      otherOrganisation: 'forbidden',
    },
    {
      action: 'add a survey question',
      method: 'GET',
      path: at('/questions/new'),
      otherOrganisation: 'forbidden',
    },
    {
      action: 'save a survey question',
      method: 'POST',
      path: at('/questions'),
      fields: {},
      otherOrganisation: 'forbidden',
    },
    {
      action: 'move a survey question',
      method: 'POST',
      path: async (world: World) => `${await freshQuestion(world)}/move`,
      fields: { direction: 'up' },
      otherOrganisation: 'forbidden',
      done: 'has moved up',
    },
    {
      action: 'confirm removing a survey question',
      method: 'GET',
      path: async (world: World) => `${await freshQuestion(world)}/delete`,
      otherOrganisation: 'forbidden',
      secret: () => TITLE,
    },
    {
      action: 'remove a survey question',
      method: 'POST',
      path: async (world: World) => `${await freshQuestion(world)}/delete`,
      otherOrganisation: 'forbidden',
      done: 'has been removed',
    },
    {
      action: 'survey results',
      method: 'GET',
      path: at('/results'),
      otherOrganisation: 'forbidden',
      secret: () => TITLE,
    },
    {
      action: 'survey responses CSV',
      method: 'GET',
      path: at('/results/responses.csv'),
      otherOrganisation: 'forbidden',
    },
  ]
  return rows.map((row) => ({ ...row, allowed })) as Row[]
}
