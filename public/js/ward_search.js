// Type-ahead for the ward list: as the resident types, the matching wards replace the choices
// below, from the same search the page runs without JavaScript (GET /sign-up/ward?q=… as JSON).
const input = document.getElementById('ward-search')
const results = document.getElementById('ward-results')
const options = document.getElementById('ward-options')
const legend = document.getElementById('ward-results-legend')
const status = document.getElementById('ward-search-status')

let latest = 0

function option(ward, index) {
  const id = index === 0 ? 'wardId' : `wardId-${ward.id}`
  const item = document.createElement('div')
  item.className = 'govuk-radios__item'
  const radio = document.createElement('input')
  Object.assign(radio, { className: 'govuk-radios__input', id, name: 'wardId', type: 'radio' })
  radio.value = String(ward.id)
  const label = document.createElement('label')
  label.className = 'govuk-label govuk-radios__label'
  label.htmlFor = id
  label.textContent = `${ward.name} (${ward.district})`
  item.append(radio, label)
  return item
}

function describe(finding) {
  const query = `“${finding.query}”`
  if (finding.total === 0) {
    return `No ward matches ${query}. Check the spelling, try fewer letters, or choose your district below.`
  }
  if (finding.total > finding.wards.length) {
    return `${finding.total} wards match ${query}. The first ${finding.wards.length} are shown: type more of the name to narrow them down.`
  }
  return `${finding.total === 1 ? '1 ward matches' : `${finding.total} wards match`} ${query}.`
}

async function search() {
  const query = input.value.trim()
  // One or two letters match too much to help; the page as it was stays until then.
  if (query.length < 2) return
  const asked = ++latest
  const response = await fetch(`/sign-up/ward?q=${encodeURIComponent(query)}`, {
    headers: { Accept: 'application/json' },
  })
  if (!response.ok || asked !== latest) return
  const finding = await response.json()
  if (asked !== latest || finding.kind !== 'search') return
  // The address follows, so "Back", a refresh or a refused answer comes back to these results.
  history.replaceState(null, '', `?q=${encodeURIComponent(query)}`)
  options.replaceChildren(...finding.wards.map(option))
  legend.textContent = 'Choose your ward'
  results.hidden = finding.total === 0
  status.textContent = describe(finding)
}

let timer = null
input.addEventListener('input', () => {
  clearTimeout(timer)
  // Waits for a pause in typing, so a fast typist does not send a request per letter.
  timer = setTimeout(() => search().catch(() => {}), 200)
})
