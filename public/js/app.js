// GOV.UK Frontend's components only improve pages that already work without JavaScript.
import { initAll } from '/vendor/govuk-frontend.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
