import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { publicFormThrottle } from '#start/limiter'

const SurveysController = () => import('#controllers/engagement/staff/surveys_controller')
const SurveyQuestionsController = () =>
  import('#controllers/engagement/staff/survey_questions_controller')
const SurveyResultsController = () =>
  import('#controllers/engagement/staff/survey_results_controller')
const SurveyAlertLinksController = () =>
  import('#controllers/engagement/staff/survey_alert_links_controller')
const SurveyAnswersController = () => import('#controllers/engagement/survey_answers_controller')

const id = router.matchers.number()
const code = { match: /^[a-z0-9]{4,20}$/ }
const day = { match: /^\d{4}-\d{2}-\d{2}$/ }

// Residents: the public link (anyone, anonymously; throttled per address, with a honeypot).
router
  .get('/surveys/:code', [SurveyAnswersController, 'show'])
  .as('surveys.public')
  .where('code', code)
router
  .post('/surveys/:code', [SurveyAnswersController, 'store'])
  .as('surveys.public.store')
  .where('code', code)
  .use([middleware.honeypot(), publicFormThrottle])
router
  .get('/surveys/:code/thank-you', [SurveyAnswersController, 'thankYou'])
  .as('surveys.public.thank_you')
  .where('code', code)

// A resident's own link from an alert linked to a survey (SurveyLinks signs these paths).
router
  .get('/alerts/:alertId/survey/:residentId/:expires', [SurveyAnswersController, 'showSigned'])
  .as('surveys.signed')
  .where('alertId', id)
  .where('residentId', id)
  .where('expires', day)
router
  .post('/alerts/:alertId/survey/:residentId/:expires', [SurveyAnswersController, 'storeSigned'])
  .as('surveys.signed.store')
  .where('alertId', id)
  .where('residentId', id)
  .where('expires', day)

// Staff: Alerts → Surveys.
router
  .group(() => {
    router.get('/surveys', [SurveysController, 'index']).as('surveys.index')
    router.get('/surveys/new', [SurveysController, 'create']).as('surveys.create')
    router.post('/surveys', [SurveysController, 'store']).as('surveys.store')
    router.get('/surveys/:id', [SurveysController, 'show']).as('surveys.show').where('id', id)
    router.get('/surveys/:id/edit', [SurveysController, 'edit']).as('surveys.edit').where('id', id)
    router.post('/surveys/:id', [SurveysController, 'update']).as('surveys.update').where('id', id)
    router
      .post('/surveys/:id/alert', [SurveyAlertLinksController, 'update'])
      .as('surveys.alert')
      .where('id', id)

    router
      .group(() => {
        router.get('/new', [SurveyQuestionsController, 'create']).as('survey_questions.create')
        router.post('/', [SurveyQuestionsController, 'store']).as('survey_questions.store')
        router
          .get('/:questionId/edit', [SurveyQuestionsController, 'edit'])
          .as('survey_questions.edit')
        router
          .post('/:questionId', [SurveyQuestionsController, 'update'])
          .as('survey_questions.update')
        router
          .post('/:questionId/move', [SurveyQuestionsController, 'move'])
          .as('survey_questions.move')
        router
          .get('/:questionId/delete', [SurveyQuestionsController, 'confirmDestroy'])
          .as('survey_questions.confirm_destroy')
        router
          .post('/:questionId/delete', [SurveyQuestionsController, 'destroy'])
          .as('survey_questions.destroy')
      })
      .prefix('/surveys/:id/questions')
      .where('id', id)
      .where('questionId', id)

    router
      .get('/surveys/:id/results', [SurveyResultsController, 'show'])
      .as('survey_results.show')
      .where('id', id)
    router
      .get('/surveys/:id/results/responses.csv', [SurveyResultsController, 'responsesCsv'])
      .as('survey_results.csv')
      .where('id', id)
    router
      .get('/surveys/:id/results/questions/:questionId/figures.csv', [
        SurveyResultsController,
        'questionCsv',
      ])
      .as('survey_results.question_csv')
      .where('id', id)
      .where('questionId', id)
    router
      .get('/surveys/:id/results/questions/:questionId/answers', [
        SurveyResultsController,
        'textAnswers',
      ])
      .as('survey_results.text_answers')
      .where('id', id)
      .where('questionId', id)
  })
  .prefix('/staff')
  .use([middleware.auth(), middleware.staff()])
