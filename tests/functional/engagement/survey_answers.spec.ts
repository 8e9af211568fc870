import { test } from '@japa/runner'
import config from '@adonisjs/core/services/config'
import db from '@adonisjs/lucid/services/db'
import SurveyQuestion from '#models/engagement/survey_question'
import { BrowserLikeSession } from '#tests/helpers/http'
import { countRows, createOrganisation, createResident, seedAreas } from '#tests/helpers/fixtures'
import { alertFor } from '#tests/helpers/archive_fixtures'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { createSurvey, goodAnswers, londonDay, surveyLinkFor } from '#tests/helpers/survey_fixtures'

/** The plain-English problem shown beside a question, or null. */
function problemBeside(html: string, field: string) {
  return (
    html
      .match(
        new RegExp(`id="${field}-error" class="govuk-error-message">[\\s\\S]*?</span> ([^<]+)</p>`)
      )?.[1]
      ?.trim() ?? null
  )
}

function answersOf(surveyId: number) {
  return db
    .from('survey_answers')
    .join('survey_responses', 'survey_responses.id', 'survey_answers.response_id')
    .where('survey_responses.survey_id', surveyId)
    .orderBy('survey_answers.question_id')
    .orderBy('survey_answers.value')
    .select('survey_answers.question_id', 'survey_answers.value', 'survey_answers.text')
}

test.group('Answering a survey', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('anyone answers from the public link; each answer is a new anonymous response', async ({
    assert,
  }) => {
    const organisation = await createOrganisation()
    const questions = await createSurvey(organisation)
    const { survey } = questions
    const browser = new BrowserLikeSession()
    const page = await browser.get(`/surveys/${survey.code}`)
    assert.equal(page.status, 200)
    assert.include(page.text, 'Feeling safe in Boston')
    assert.include(page.text, 'Five questions about your street.')
    assert.include(page.text, 'What worries you? (optional)')
    assert.include(page.text, 'name="website"')

    const sent = await browser.post(`/surveys/${survey.code}`, goodAnswers(questions))
    assert.equal(sent.status, 200)
    assert.include(sent.text, 'Your answers have been sent')
    assert.include(sent.text, 'Thank you: we read every answer.')
    await new BrowserLikeSession().submit(`/surveys/${survey.code}`, {
      [`q${questions.single.id}`]: '1',
      [`q${questions.scale.id}`]: '2',
    })
    const responses = await db.from('survey_responses').where('survey_id', survey.id)
    assert.lengthOf(responses, 2)
    assert.isTrue(responses.every((row) => row.resident_id === null && row.area_id === null))
    assert.deepEqual(
      (await answersOf(survey.id)).map((row) => [row.question_id, row.value, row.text]),
      [
        [questions.single.id, 0, null],
        [questions.single.id, 1, null],
        [questions.multiple.id, 0, null],
        [questions.multiple.id, 2, null],
        [questions.scale.id, 2, null],
        [questions.scale.id, 4, null],
        [questions.text.id, null, 'More patrols, please'],
      ]
    )
  })

  test('each rule is explained beside its question, and nothing is recorded', async ({
    assert,
  }) => {
    const organisation = await createOrganisation()
    const questions = await createSurvey(organisation)
    const { survey, single, multiple, scale, text } = questions
    const browser = new BrowserLikeSession()

    const empty = await browser.submit(`/surveys/${survey.code}`, {})
    assert.equal(empty.status, 422)
    assert.include(empty.text, 'There is a problem')
    assert.equal(
      problemBeside(empty.text, `q${single.id}`),
      'Choose an answer: this question must be answered'
    )
    assert.equal(
      problemBeside(empty.text, `q${scale.id}`),
      'Choose a number from 1 to 5: this question must be answered'
    )
    // Optional questions left blank are fine.
    assert.isNull(problemBeside(empty.text, `q${multiple.id}`))
    assert.isNull(problemBeside(empty.text, `q${text.id}`))
    assert.include(empty.text, `<a href="#q${single.id}-0">Choose an answer`)

    const wrong = await browser.submit(`/surveys/${survey.code}`, {
      [`q${single.id}`]: '7',
      [`q${multiple.id}`]: ['1', 'Spying'],
      [`q${scale.id}`]: '6',
      [`q${text.id}`]: `<b>${'x'.repeat(2001)}</b>`,
    })
    assert.equal(wrong.status, 422)
    assert.equal(
      problemBeside(wrong.text, `q${single.id}`),
      'Choose from the answers offered: that answer is not one of them'
    )
    assert.equal(
      problemBeside(wrong.text, `q${multiple.id}`),
      'Choose from the answers offered: that answer is not one of them'
    )
    assert.equal(problemBeside(wrong.text, `q${scale.id}`), 'Choose a number from 1 to 5')
    assert.equal(
      problemBeside(wrong.text, `q${text.id}`),
      'Your answer must be 2,000 characters or fewer: it has 2,008'
    )
    // What they wrote stays in the box, as text.
    assert.include(wrong.text, '&lt;b&gt;xxx')
    // A right answer beside wrong ones stays chosen.
    assert.match(
      wrong.text,
      new RegExp(`id="q${multiple.id}-1" name="q${multiple.id}" type="checkbox" value="1" checked`)
    )

    const zero = await browser.submit(`/surveys/${survey.code}`, {
      ...goodAnswers(questions),
      [`q${scale.id}`]: '0',
      [`q${single.id}`]: ['0', '1'],
    })
    assert.equal(problemBeside(zero.text, `q${scale.id}`), 'Choose a number from 1 to 5')
    assert.equal(problemBeside(zero.text, `q${single.id}`), 'Choose only one answer')
    assert.equal(await countRows('survey_responses'), 0)
  })

  test('a closed or not-yet-open survey says so plainly and records nothing', async ({
    assert,
  }) => {
    const organisation = await createOrganisation()
    const closed = await createSurvey(organisation, {
      opensOn: londonDay(-10),
      closesOn: londonDay(-1),
    })
    const visitor = new BrowserLikeSession()
    const page = await visitor.get(`/surveys/${closed.survey.code}`)
    assert.include(page.text, 'This survey closed on')
    assert.notInclude(page.text, 'Send your answers')
    // A form left open in a tab since before it closed records nothing either.
    const late = await visitor.post(`/surveys/${closed.survey.code}`, goodAnswers(closed))
    assert.include(late.text, 'It no longer takes answers')

    const future = await createSurvey(organisation, {
      opensOn: londonDay(3),
      closesOn: londonDay(10),
    })
    const early = await new BrowserLikeSession().get(`/surveys/${future.survey.code}`)
    assert.include(early.text, 'This survey is not open yet. You can answer from')
    assert.equal(await countRows('survey_responses'), 0)
    assert.equal((await new BrowserLikeSession().get('/surveys/nosuchcode')).status, 404)

    // Open, but with no questions yet: there is nothing to answer, and nothing is recorded.
    const empty = await createSurvey(organisation)
    await SurveyQuestion.query().where('survey_id', empty.survey.id).delete()
    const unready = new BrowserLikeSession()
    const page2 = await unready.get(`/surveys/${empty.survey.code}`)
    assert.include(page2.text, 'This survey is not ready yet: it has no questions.')
    await unready.post(`/surveys/${empty.survey.code}`, {})
    assert.equal(await countRows('survey_responses'), 0)
  })

  test('the honeypot and the rate limit guard the public link', async ({ assert, cleanup }) => {
    const organisation = await createOrganisation()
    const questions = await createSurvey(organisation)
    const path = `/surveys/${questions.survey.code}`
    const bot = await new BrowserLikeSession().submit(path, {
      ...goodAnswers(questions),
      website: 'https://spam.example',
    })
    assert.equal(bot.status, 200)
    assert.equal(await countRows('survey_responses'), 0)

    const limit = config.get<number>('beacon.rateLimits.publicForms')
    config.set('beacon.rateLimits.publicForms', 1)
    cleanup(() => config.set('beacon.rateLimits.publicForms', limit))
    const browser = new BrowserLikeSession({ headers: { 'X-Forwarded-For': '198.51.100.77' } })
    const first = await browser.submit(path, goodAnswers(questions))
    assert.include(first.text, 'Your answers have been sent')
    const second = await browser.submit(path, goodAnswers(questions))
    assert.equal(second.status, 429)
    assert.equal(await countRows('survey_responses'), 1)
  })

  test('a resident’s own link keeps one response, which they can change until it closes', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const resident = await createResident(central, [organisation])
    const alert = await alertFor(organisation, [central], { title: 'Survey about safety' })
    const questions = await createSurvey(organisation, { alertId: alert.id })
    const { survey, single } = questions
    const link = surveyLinkFor(resident.id, alert.id)
    const browser = new BrowserLikeSession()

    const page = await browser.get(link)
    assert.equal(page.status, 200)
    assert.notInclude(page.text, 'name="website"')
    const sent = await browser.post(link, goodAnswers(questions))
    assert.include(sent.text, 'Thank you: we read every answer.')
    assert.include(sent.text, 'change your answers')

    const again = await browser.get(link)
    assert.include(again.text, 'You have answered this survey. You can change your answers until')
    assert.match(
      again.text,
      new RegExp(`id="q${single.id}-0" name="q${single.id}" type="radio" value="0" checked`)
    )
    await browser.post(link, { ...goodAnswers(questions), [`q${single.id}`]: '2' })

    const responses = await db.from('survey_responses').where('survey_id', survey.id)
    assert.lengthOf(responses, 1)
    assert.equal(responses[0].resident_id, resident.id)
    assert.equal(responses[0].area_id, central.id)
    const chosen = (await answersOf(survey.id)).filter((row) => row.question_id === single.id)
    assert.deepEqual(
      chosen.map((row) => row.value),
      [2]
    )
  })

  test('a forged, altered or expired link gets a clear page and records nothing', async ({
    assert,
  }) => {
    const { central } = await seedAreas()
    const organisation = await createOrganisation()
    const resident = await createResident(central, [organisation])
    const neighbour = await createResident(central, [organisation])
    const alert = await alertFor(organisation, [central])
    const questions = await createSurvey(organisation, { alertId: alert.id })
    const link = surveyLinkFor(resident.id, alert.id)
    const browser = new BrowserLikeSession()

    const altered = link.replace(`/survey/${resident.id}/`, `/survey/${neighbour.id}/`)
    const forged = await browser.get(altered)
    assert.equal(forged.status, 404)
    assert.include(forged.text, 'This link is not valid')
    await browser.get(link)
    const posted = await browser.post(altered, goodAnswers(questions))
    assert.equal(posted.status, 404)
    const unsigned = await browser.get(link.split('?')[0])
    assert.equal(unsigned.status, 404)

    const old = surveyLinkFor(resident.id, alert.id, '2020-01-01')
    const expired = await browser.get(old)
    assert.equal(expired.status, 410)
    assert.include(expired.text, 'This link has expired')
    assert.equal((await browser.post(old, goodAnswers(questions))).status, 410)

    // A staff member's test of the alert carries a link for nobody: it says so.
    const testSend = await browser.get(surveyLinkFor(0, alert.id))
    assert.include(testSend.text, 'This was a test alert')
    assert.equal(await countRows('survey_responses'), 0)
  })
})
