// The CI picker: type-ahead over a plain text field (progressive enhancement; without this file the
// server resolves the typed name). ARIA 1.2 combobox: an input with a listbox popup, the active option
// named by aria-activedescendant, arrows to move, Enter to choose, Escape to close.
//   data-estate-ci-picker="single": the input itself becomes the combobox; choosing fills it.
//   data-estate-ci-picker="lines": a "Find a CI to add" combobox is put before the textarea; choosing
//   adds "Name (Class)" as a new line.

let counter = 0

function combobox (input, onChoose) {
  const id = 'estate-picker-' + (++counter)
  const list = document.createElement('ul')
  list.id = id + '-list'
  list.className = 'estate-picker__list'
  list.setAttribute('role', 'listbox')
  list.hidden = true
  const status = document.createElement('div')
  status.className = 'govuk-visually-hidden'
  status.setAttribute('role', 'status')
  status.setAttribute('aria-live', 'polite')
  const wrap = document.createElement('div')
  wrap.className = 'estate-picker'
  input.parentNode.insertBefore(wrap, input)
  wrap.append(input, list, status)
  input.setAttribute('role', 'combobox')
  input.setAttribute('aria-autocomplete', 'list')
  input.setAttribute('aria-expanded', 'false')
  input.setAttribute('aria-controls', list.id)
  input.setAttribute('autocomplete', 'off')

  let items = []
  let active = -1
  let timer = null
  let pending = null

  function close () {
    list.hidden = true
    input.setAttribute('aria-expanded', 'false')
    input.removeAttribute('aria-activedescendant')
    active = -1
  }

  function mark (i) {
    active = i
    Array.from(list.children).forEach((li, n) => li.setAttribute('aria-selected', n === i ? 'true' : 'false'))
    if (i >= 0) {
      input.setAttribute('aria-activedescendant', list.children[i].id)
      list.children[i].scrollIntoView({ block: 'nearest' })
    } else {
      input.removeAttribute('aria-activedescendant')
    }
  }

  function choose (i) {
    const item = items[i]
    close()
    if (item) onChoose(item)
  }

  function show (found) {
    items = found
    list.replaceChildren(...found.map((s, n) => {
      const li = document.createElement('li')
      li.id = id + '-option-' + n
      li.className = 'estate-picker__option'
      li.setAttribute('role', 'option')
      li.setAttribute('aria-selected', 'false')
      li.textContent = s.name + ' '
      const cls = document.createElement('span')
      cls.className = 'estate-picker__class'
      cls.textContent = '(' + s.classLabel + ')'
      li.append(cls)
      li.addEventListener('mousedown', e => { e.preventDefault(); choose(n) })
      return li
    }))
    status.textContent = found.length === 0 ? 'No CIs match' : found.length + (found.length === 1 ? ' CI matches' : ' CIs match') + ': use the arrow keys to choose'
    if (found.length === 0) {
      close()
    } else {
      list.hidden = false
      input.setAttribute('aria-expanded', 'true')
      mark(-1)
    }
  }

  async function fetchSuggestions (q) {
    if (pending) pending.abort()
    pending = new AbortController()
    try {
      const res = await fetch('/cmdb/ci-suggestions?q=' + encodeURIComponent(q), {
        headers: { Accept: 'application/json' }, credentials: 'same-origin', signal: pending.signal
      })
      if (res.ok) show(await res.json())
    } catch (e) {
      // Aborted by a newer keystroke, or offline: the typed text still works without suggestions.
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer)
    const q = input.value.trim()
    if (q.length < 2) { close(); return }
    timer = setTimeout(() => fetchSuggestions(q), 200)
  })
  input.addEventListener('keydown', e => {
    const open = !list.hidden
    if (e.key === 'ArrowDown' && open) {
      e.preventDefault(); mark(Math.min(active + 1, items.length - 1))
    } else if (e.key === 'ArrowUp' && open) {
      e.preventDefault(); mark(Math.max(active - 1, 0))
    } else if (e.key === 'Enter' && open && active >= 0) {
      e.preventDefault(); choose(active)
    } else if (e.key === 'Escape' && open) {
      e.preventDefault(); close()
    }
  })
  input.addEventListener('blur', close)
}

export function initCiPickers (root = document) {
  root.querySelectorAll('input[data-estate-ci-picker="single"]').forEach(input => {
    combobox(input, s => { input.value = s.label })
  })
  root.querySelectorAll('textarea[data-estate-ci-picker="lines"]').forEach(area => {
    const group = document.createElement('div')
    group.className = 'govuk-!-margin-bottom-2'
    const label = document.createElement('label')
    label.className = 'govuk-label'
    label.htmlFor = area.id + '-find'
    label.textContent = 'Find a CI to add'
    const input = document.createElement('input')
    input.className = 'govuk-input govuk-!-width-two-thirds'
    input.id = area.id + '-find'
    input.type = 'text'
    input.spellcheck = false
    group.append(label, input)
    area.parentNode.insertBefore(group, area)
    combobox(input, s => {
      const lines = area.value.split(/\r?\n/).map(l => l.trim()).filter(l => l !== '')
      if (!lines.includes(s.label)) lines.push(s.label)
      area.value = lines.join('\n')
      input.value = ''
      input.focus()
    })
  })
}
