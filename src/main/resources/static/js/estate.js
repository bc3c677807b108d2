// Progressive enhancement only: every page works without this file.
import { initAll } from '/static/govuk/govuk-frontend.min.js'

initAll()

// A page showing work in progress (an import) has a "Check progress" link: follow it on a timer.
const refresh = document.querySelector('[data-estate-refresh]')
if (refresh) {
  setTimeout(() => { window.location.replace(refresh.href) }, Number(refresh.dataset.estateRefresh))
}
