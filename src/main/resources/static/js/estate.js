// Progressive enhancement only: every page works without this file.
import { initAll } from '/static/govuk/govuk-frontend.min.js'

initAll()
