import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import SurveyQuestion from '#models/engagement/survey_question'
import checkAnswers from '#services/engagement/surveys/survey_answer_check'
import SurveyResponses from '#services/engagement/surveys/survey_responses'
import ResidentDataExport from '#services/residents/privacy/resident_data_export'
import ResidentErasure from '#services/residents/privacy/resident_erasure'
import { createOrganisation, createResident, createStaff, seedAreas } from '#tests/helpers/fixtures'
import { signInStaff } from '#tests/helpers/staff_session'
import { emptyTablesAfterwards } from '#tests/helpers/database'
import { createSurvey } from '#tests/helpers/survey_fixtures'

type World = Awaited<ReturnType<typeof resultsWorld>>

/** The rows of a table on the page, each cell's text. */
function tableRows(html: string, marker: string) {
  const table = html.match(new RegExp(`<table[^>]*${marker}[\\s\\S]*?</table>`))?.[0] ?? ''
  return [...table.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) =>
      cell[1].replace(/<[^>]+>/g, '').trim()
    )
  )
}

/**
 * Hand-counted: 6 residents of Central and 2 of Skirbeck answer from their own
 * links, 2 people from the public link.
 *   Do you feel safe at night?  Yes 6 (Central 5 + 1 public), No 2 (Central 1 + 1 public),
 *                               Not sure 2 (Skirbeck 2): of 10, 60% / 20% / 20%.
 *   What worries you?           Burglary 7 (Central 6 + 1 public), Litter 1 (public): of 7 answering.
 *   How well … informed?        4 × 9, 2 × 1.
 *   Anything else?              one public answer, a formula and HTML.
 */
async function resultsWorld() {
  const { central, skirbeck } = await seedAreas()
  const organisation = await createOrganisation()
  const questions = await createSurvey(organisation)
  const { survey, single, multiple, scale, text } = questions
  const all = await SurveyQuestion.query().where('survey_id', survey.id)
  const answer = (input: Record<string, unknown>) => {
    const checked = checkAnswers(all, input)
    if (Object.keys(checked.errors).length) throw new Error(JSON.stringify(checked.errors))
    return checked.rows
  }
  const residents = []
  for (let index = 0; index < 6; index++) {
    const resident = await createResident(central, [organisation])
    residents.push(resident)
    await SurveyResponses.recordForResident(
      survey,
      resident.id,
      answer({
        [`q${single.id}`]: index < 5 ? '0' : '1',
        [`q${multiple.id}`]: '0',
        [`q${scale.id}`]: '4',
      })
    )
  }
  for (let index = 0; index < 2; index++) {
    const resident = await createResident(skirbeck, [organisation])
    residents.push(resident)
    await SurveyResponses.recordForResident(
      survey,
      resident.id,
      answer({ [`q${single.id}`]: '2', [`q${scale.id}`]: '4' })
    )
  }
  await SurveyResponses.recordAnonymous(
    survey,
    answer({
      [`q${single.id}`]: '0',
      [`q${multiple.id}`]: ['0', '2'],
      [`q${scale.id}`]: '2',
      [`q${text.id}`]: '=HYPERLINK("http://evil.example","Click") <script>alert(1)</script>',
    })
  )
  await SurveyResponses.recordAnonymous(
    survey,
    answer({ [`q${single.id}`]: '1', [`q${scale.id}`]: '4' })
  )
  return { organisation, questions, residents, central, skirbeck }
}

async function staffOf(world: World) {
  return signInStaff(await createStaff(world.organisation, 'sender'))
}

test.group('Survey results', (group) => {
  group.each.setup(() => emptyTablesAfterwards())

  test('counts and percentages per question agree with the hand count, chart and table alike', async ({
    assert,
  }) => {
    const world = await resultsWorld()
    const { survey, single, multiple, scale, text } = world.questions
    const page = await (await staffOf(world)).get(`/staff/surveys/${survey.id}/results`)
    assert.equal(page.status, 200)
    assert.include(
      page.text,
      '10 responses: 2 from the public link, 8 from residents’ own links in alerts.'
    )

    assert.deepEqual(tableRows(page.text, `data-percentages="${single.id}"`).slice(1), [
      ['Yes', '6', '60%'],
      ['No', '2', '20%'],
      ['Not sure', '2', '20%'],
    ])
    assert.deepEqual(tableRows(page.text, `data-chart-table="question-${single.id}"`).slice(1), [
      ['Yes', '6', '6'],
      ['No', '2', '2'],
      ['Not sure', '2', '2'],
    ])
    // The chart's bars say what its table says.
    const figure = page.text.match(new RegExp(`id="question-${single.id}"[\\s\\S]*?</figure>`))![0]
    const bars = [...figure.matchAll(/data-value="(\d+)" data-category="([^"]+)"/g)].map((bar) => [
      bar[2],
      bar[1],
    ])
    assert.deepEqual(bars, [
      ['Yes', '6'],
      ['No', '2'],
      ['Not sure', '2'],
    ])
    assert.deepEqual(tableRows(page.text, `data-percentages="${multiple.id}"`).slice(1), [
      ['Burglary', '7', '100%'],
      ['Speeding', '0', '0%'],
      ['Litter', '1', '14%'],
    ])
    assert.deepEqual(tableRows(page.text, `data-percentages="${scale.id}"`).slice(1), [
      ['1 (Badly)', '0', '0%'],
      ['2', '1', '10%'],
      ['3', '0', '0%'],
      ['4', '9', '90%'],
      ['5 (Very well)', '0', '0%'],
    ])
    // Free text is shown as text, never as HTML.
    assert.include(page.text, '&lt;script&gt;alert(1)&lt;/script&gt;')
    assert.notInclude(page.text, '<script>alert(1)</script>')
    assert.include(page.text, `data-text-answers="${text.id}"`)

    const figures = await (
      await staffOf(world)
    ).get(`/staff/surveys/${survey.id}/results/questions/${single.id}/figures.csv`)
    assert.include(figures.text, 'Answer,Responses,Total\r\nYes,6,6\r\nNo,2,2\r\nNot sure,2,2')
  })

  test('the breakdown by area counts only residents’ links and shows “fewer than 5” below 5', async ({
    assert,
  }) => {
    const world = await resultsWorld()
    const { survey, single, scale } = world.questions
    const page = await (await staffOf(world)).get(`/staff/surveys/${survey.id}/results`)
    assert.deepEqual(tableRows(page.text, `data-area-table="${single.id}"`), [
      ['Area', 'Yes', 'No', 'Not sure', 'Responses'],
      ['Central', '5', 'fewer than 5', 'fewer than 5', '6'],
      ['Skirbeck', 'fewer than 5', 'fewer than 5', 'fewer than 5', 'fewer than 5'],
    ])
    assert.deepEqual(tableRows(page.text, `data-area-table="${scale.id}"`).slice(1), [
      ['Central', 'fewer than 5', 'fewer than 5', 'fewer than 5', '6', 'fewer than 5', '6'],
      [
        'Skirbeck',
        'fewer than 5',
        'fewer than 5',
        'fewer than 5',
        'fewer than 5',
        'fewer than 5',
        'fewer than 5',
      ],
    ])
  })

  test('the CSV has every response, and a formula in an answer is neutralised', async ({
    assert,
  }) => {
    const world = await resultsWorld()
    const { survey } = world.questions
    const csv = await (
      await staffOf(world)
    ).get(`/staff/surveys/${survey.id}/results/responses.csv`)
    assert.equal(csv.status, 200)
    assert.include(csv.headers.get('content-disposition')!, `survey-${survey.id}-responses.csv`)
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    assert.equal(
      lines[0],
      'Response,Received (UTC),Answered from,Do you feel safe at night?,What worries you?,How well do we keep you informed?,Anything else?'
    )
    assert.lengthOf(lines, 11)
    assert.match(
      lines[1],
      /^\d+,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ,A resident’s own link,Yes,Burglary,4,$/
    )
    const publicRow = lines.find((line) => line.includes('Litter'))!
    assert.include(
      publicRow,
      `The public link,Yes,Burglary; Litter,2,"'=HYPERLINK(""http://evil.example"",""Click"") <script>alert(1)</script>"`
    )
    // No resident and no area in the export: it cannot undo the suppression.
    assert.notInclude(csv.text, 'Central')
    const audited = await db.from('audit_logs').where('action', 'survey.responses_exported')
    assert.lengthOf(audited, 1)
  })

  test('a resident’s answers are in their data download, and erasure deletes them', async ({
    assert,
  }) => {
    const world = await resultsWorld()
    const [resident, neighbour] = world.residents
    const data = await ResidentDataExport.collect(resident.id)
    const answers = data.surveyAnswers as Record<string, unknown>[]
    assert.deepEqual(
      answers.map(({ survey, question, answer }) => ({ survey, question, answer })),
      [
        { survey: 'Feeling safe in Boston', question: 'Do you feel safe at night?', answer: 'Yes' },
        { survey: 'Feeling safe in Boston', question: 'What worries you?', answer: 'Burglary' },
        {
          survey: 'Feeling safe in Boston',
          question: 'How well do we keep you informed?',
          answer: '4',
        },
      ]
    )

    await ResidentErasure.erase(resident.id)
    assert.lengthOf(await db.from('survey_responses').where('resident_id', resident.id), 0)
    assert.lengthOf(await db.from('survey_responses'), 9)
    assert.lengthOf(await db.from('survey_responses').where('resident_id', neighbour.id), 1)
    const orphans = await db
      .from('survey_answers')
      .leftJoin('survey_responses', 'survey_responses.id', 'survey_answers.response_id')
      .whereNull('survey_responses.id')
    assert.lengthOf(orphans, 0)
  })
})
