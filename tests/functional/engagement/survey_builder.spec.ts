import { test } from '@japa/runner'
import Survey from '#models/engagement/survey'
import SurveyQuestion from '#models/engagement/survey_question'
import { countRows, createOrganisation, createStaff } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { BrowserLikeSession } from '#tests/helpers/http'
import { createSurvey, goodAnswers, londonDay } from '#tests/helpers/survey_fixtures'

function visibleText(html: string) {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

function errorFor(html: string, field: string) {
  return html
    .match(
      new RegExp(`id="${field}-error" class="govuk-error-message">[\\s\\S]*?</span> ([^<]+)`)
    )?.[1]
    ?.trim()
}

async function promptsOf(surveyId: number) {
  const questions = await SurveyQuestion.query()
    .where('survey_id', surveyId)
    .orderBy('position')
    .orderBy('id')
  return questions.map((question) => question.prompt)
}

const SURVEY = {
  title: 'Street lighting',
  introduction: 'Tell us about the lights on your street.',
  thank_you: 'Thanks: we pass every answer to the council.',
}

test.group('Building a survey', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('the survey form explains each problem; the close date must be after the open date', async ({
    assert,
  }) => {
    const organisation = await createOrganisation()
    const staff = await signInStaff(await createStaff(organisation, 'sender'))
    const empty = await staff.submit('/staff/surveys/new', {}, { action: '/staff/surveys' })
    assert.equal(errorFor(empty.text, 'title'), 'Enter the survey’s title')
    assert.equal(
      errorFor(empty.text, 'introduction'),
      'Enter an introduction that tells residents what the survey is for'
    )
    assert.equal(errorFor(empty.text, 'thank_you'), 'Enter the words residents see after answering')
    assert.equal(errorFor(empty.text, 'opens_on'), 'Enter the date the survey opens')
    assert.equal(errorFor(empty.text, 'closes_on'), 'Enter the date the survey closes')

    for (const closes of ['2027-02-01', '2027-03-01']) {
      const page = await staff.submit(
        '/staff/surveys/new',
        { ...SURVEY, opens_on: '2027-03-01', closes_on: closes },
        { action: '/staff/surveys' }
      )
      assert.equal(errorFor(page.text, 'closes_on'), 'The close date must be after the open date')
      // What they typed stays.
      assert.include(page.text, 'value="Street lighting"')
    }
    const notADate = await staff.submit(
      '/staff/surveys/new',
      { ...SURVEY, opens_on: '2027-02-30', closes_on: '2027-03-31' },
      { action: '/staff/surveys' }
    )
    assert.equal(
      errorFor(notADate.text, 'opens_on'),
      'Enter the date the survey opens as a real date, like 2027-03-01'
    )
    assert.equal(await countRows('surveys'), 0)

    const saved = await staff.submit(
      '/staff/surveys/new',
      { ...SURVEY, opens_on: '2027-03-01', closes_on: '2027-03-31' },
      { action: '/staff/surveys' }
    )
    assert.include(
      saved.text,
      'The survey “Street lighting” has been saved. Now add its questions.'
    )
    assert.include(saved.text, 'This survey has no questions yet.')
    const survey = await Survey.firstOrFail()
    assert.equal(survey.opensOn, '2027-03-01')
    assert.equal(survey.closesOn, '2027-03-31')
    assert.include(visibleText(saved.text), '1 March 2027 to 31 March 2027: not yet open')
  })

  test('questions of each kind are added, edited, moved up and down, and removed after asking', async ({
    assert,
  }) => {
    const organisation = await createOrganisation()
    const staff = await signInStaff(await createStaff(organisation, 'admin'))
    const survey = await Survey.create({
      organisationId: organisation.id,
      code: 'abcd2345',
      title: 'Street lighting',
      introduction: 'Intro',
      thankYou: 'Thanks',
      opensOn: londonDay(0),
      closesOn: londonDay(5),
    })
    const form = `/staff/surveys/${survey.id}/questions/new`
    const action = `/staff/surveys/${survey.id}/questions`

    const bad = await staff.submit(
      form,
      { kind: 'single', prompt: '', options: 'Only one' },
      { action }
    )
    assert.equal(errorFor(bad.text, 'prompt'), 'Enter the question')
    assert.equal(errorFor(bad.text, 'options'), 'Enter at least 2 options, one on each line')
    const noKind = await staff.submit(form, { prompt: 'Which?' }, { action })
    assert.equal(errorFor(noKind.text, 'kind'), 'Choose what kind of question this is')
    const badScale = await staff.submit(
      form,
      { kind: 'scale', prompt: 'Rate', scale_max: '11' },
      { action }
    )
    assert.equal(
      errorFor(badScale.text, 'scale_max'),
      'Choose a number from 2 to 10 for the highest point of the scale'
    )
    assert.equal(await countRows('survey_questions'), 0)

    await staff.submit(
      form,
      {
        kind: 'single',
        prompt: 'Is your street lit?',
        required: 'true',
        options: 'Yes\n\nNo\nYes',
      },
      { action }
    )
    await staff.submit(
      form,
      { kind: 'multiple', prompt: 'Which lights?', options: 'Lamp posts\r\nPorch lights' },
      { action }
    )
    await staff.submit(
      form,
      {
        kind: 'scale',
        prompt: 'How bright?',
        scale_min: '0',
        scale_max: '10',
        scale_min_label: 'Dark',
        scale_max_label: 'Bright',
      },
      { action }
    )
    const added = await staff.submit(form, { kind: 'text', prompt: 'Anything else?' }, { action })
    assert.include(added.text, 'The question has been added.')
    const [single, , scale, text] = await SurveyQuestion.query()
      .where('survey_id', survey.id)
      .orderBy('position')
    assert.deepEqual(single.options, ['Yes', 'No'])
    assert.isTrue(single.required)
    assert.deepInclude(scale.serialize(), {
      scaleMin: 0,
      scaleMax: 10,
      scaleMinLabel: 'Dark',
      options: null,
    })
    assert.isFalse(text.required)

    // Up and down buttons are plain forms: no JavaScript needed.
    const page = await staff.get(`/staff/surveys/${survey.id}`)
    assert.include(page.text, `action="/staff/surveys/${survey.id}/questions/${text.id}/move"`)
    await staff.post(`/staff/surveys/${survey.id}/questions/${text.id}/move`, { direction: 'up' })
    assert.deepEqual(await promptsOf(survey.id), [
      'Is your street lit?',
      'Which lights?',
      'Anything else?',
      'How bright?',
    ])
    const moved = await staff.post(`/staff/surveys/${survey.id}/questions/${single.id}/move`, {
      direction: 'down',
    })
    assert.include(moved.text, '“Is your street lit?” has moved down.')
    assert.deepEqual(await promptsOf(survey.id), [
      'Which lights?',
      'Is your street lit?',
      'Anything else?',
      'How bright?',
    ])
    // The first cannot go further up: nothing moves.
    const first = (
      await SurveyQuestion.query().where('survey_id', survey.id).orderBy('position').firstOrFail()
    ).id
    await staff.post(`/staff/surveys/${survey.id}/questions/${first}/move`, { direction: 'up' })
    assert.deepEqual((await promptsOf(survey.id))[0], 'Which lights?')

    await staff.submit(
      `/staff/surveys/${survey.id}/questions/${text.id}/edit`,
      { kind: 'text', prompt: 'What else should we know?', required: 'true' },
      { action: `/staff/surveys/${survey.id}/questions/${text.id}` }
    )
    await text.refresh()
    assert.equal(text.prompt, 'What else should we know?')
    assert.isTrue(text.required)

    // Removing asks first; the question stays until the button is pressed.
    const ask = await staff.get(`/staff/surveys/${survey.id}/questions/${scale.id}/delete`)
    assert.include(ask.text, 'Remove the question “How bright?”?')
    assert.equal(await countRows('survey_questions'), 4)
    const removed = await staff.post(`/staff/surveys/${survey.id}/questions/${scale.id}/delete`)
    assert.include(removed.text, 'The question “How bright?” has been removed.')
    assert.equal(await countRows('survey_questions'), 3)
  })

  test('once a survey has a response its questions cannot change, and the page says so', async ({
    assert,
  }) => {
    const organisation = await createOrganisation()
    const questions = await createSurvey(organisation)
    const { survey, single } = questions
    const staff = await signInStaff(await createStaff(organisation, 'sender'))
    assert.include((await staff.get(`/staff/surveys/${survey.id}`)).text, 'Add a question')
    await new BrowserLikeSession().submit(`/surveys/${survey.code}`, goodAnswers(questions))

    const page = await staff.get(`/staff/surveys/${survey.id}`)
    assert.include(page.text, 'This survey has responses, so its questions cannot change')
    assert.notInclude(page.text, 'Add a question')
    assert.notInclude(page.text, '/move"')
    const refused = await staff.post(`/staff/surveys/${survey.id}/questions/${single.id}/delete`)
    assert.include(refused.text, 'This survey has responses, so its questions cannot change')
    await staff.post(`/staff/surveys/${survey.id}/questions`, { kind: 'text', prompt: 'Late' })
    await staff.post(`/staff/surveys/${survey.id}/questions/${single.id}/move`, {
      direction: 'down',
    })
    assert.deepEqual(await promptsOf(survey.id), [
      'Do you feel safe at night?',
      'What worries you?',
      'How well do we keep you informed?',
      'Anything else?',
    ])
  })

  test('the list paginates and searches, and an empty list says what to do next', async ({
    assert,
  }) => {
    const organisation = await createOrganisation()
    const staff = await signInStaff(await createStaff(organisation, 'admin'))
    const empty = await staff.get('/staff/surveys')
    assert.include(empty.text, 'Your organisation has no surveys yet.')
    assert.include(empty.text, 'href="/staff/surveys/new"')
    for (let index = 1; index <= 21; index++) {
      await Survey.create({
        organisationId: organisation.id,
        code: `code${String(index).padStart(4, 'a')}`,
        title: index === 3 ? 'Parking in Skirbeck' : `Survey ${index}`,
        introduction: 'Intro',
        thankYou: 'Thanks',
        opensOn: '2027-01-01',
        closesOn: '2027-01-31',
      })
    }
    const first = await staff.get('/staff/surveys')
    assert.include(first.text, 'href="/staff/surveys?sort=newest&amp;page=2"')
    const second = await staff.get('/staff/surveys?page=2')
    assert.equal((second.text.match(/<th scope="row"/g) ?? []).length, 1)
    const found = await staff.get('/staff/surveys?q=parking')
    assert.include(found.text, 'Parking in Skirbeck')
    assert.equal((found.text.match(/<th scope="row"/g) ?? []).length, 1)
    const byTitle = await staff.get('/staff/surveys?sort=title')
    assert.match(byTitle.text, /Parking in Skirbeck[\s\S]*Survey 1<[\s\S]*Survey 10</)
    assert.include(byTitle.text, 'href="/staff/surveys?sort=title&amp;page=2"')
    const none = await staff.get('/staff/surveys?q=zebra')
    assert.include(none.text, 'No survey has a title containing “zebra”.')
  })
})
