import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { countRows, createOrganisation, createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { BrowserLikeSession } from '#tests/helpers/http'
import { createSurvey, goodAnswers } from '#tests/helpers/survey_fixtures'

test.group('Surveys are their organisation’s own', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('another organisation’s staff cannot see, change or export a survey', async ({ assert }) => {
    const home = await createOrganisation('Home Force')
    const other = await createOrganisation('Other Force')
    const questions = await createSurvey(home)
    const { survey, single } = questions
    await new BrowserLikeSession().submit(`/surveys/${survey.code}`, goodAnswers(questions))
    const outsider = await signInStaff(await createStaff(other, 'admin'))
    const list = await outsider.get('/staff/surveys')
    assert.notInclude(list.text, survey.title)
    for (const path of [
      `/staff/surveys/${survey.id}`,
      `/staff/surveys/${survey.id}/edit`,
      `/staff/surveys/${survey.id}/results`,
      `/staff/surveys/${survey.id}/results/responses.csv`,
      `/staff/surveys/${survey.id}/results/questions/${single.id}/figures.csv`,
      `/staff/surveys/${survey.id}/questions/${single.id}/edit`,
    ]) {
      const page = await outsider.get(path)
      assert.equal(page.status, 403, path)
      assert.notInclude(page.text, 'Do you feel safe at night?')
    }
    await outsider.post(`/staff/surveys/${survey.id}`, { title: 'Taken over' })
    await outsider.post(`/staff/surveys/${survey.id}/questions/${single.id}/delete`)
    await survey.refresh()
    assert.equal(survey.title, 'Feeling safe in Boston')
    assert.equal(await countRows('survey_questions'), 4)
    // Roles that do not build surveys are refused too.
    for (const role of ['approver', 'analyst', 'officer'] as const) {
      const member = await signInStaff(await createStaff(home, role))
      assert.equal((await member.get(`/staff/surveys/${survey.id}/results`)).status, 403, role)
    }
    assert.lengthOf(await db.from('survey_responses'), 1)
  })
})
