// Progressive enhancement only: every page works without this file.
import { initAll } from '/static/govuk/govuk-frontend.min.js'

initAll()

// A page showing work in progress (an import) has a "Check progress" link: follow it on a timer.
const refresh = document.querySelector('[data-estate-refresh]')
if (refresh) {
  setTimeout(() => { window.location.replace(refresh.href) }, Number(refresh.dataset.estateRefresh))
}

// The CI picker's type-ahead, on pages with a CI field.
if (document.querySelector('[data-estate-ci-picker]')) {
  import('/js/ci-picker.js').then(m => m.initCiPickers())
}
