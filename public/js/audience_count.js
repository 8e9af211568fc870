// Shows, while the sender picks areas and a priority, how many residents the alert would reach.
const form = document.getElementById('compose-form')
const output = document.getElementById('audience-count')

let pending = null

async function refresh() {
  const data = new FormData(form)
  const params = new URLSearchParams()
  for (const id of data.getAll('areaIds[]')) params.append('areaIds[]', id)
  params.set('priority', data.get('priority') || '1')

  if (!params.getAll('areaIds[]').length) {
    output.hidden = false
    output.textContent = 'Choose at least one area to see how many residents this alert will reach.'
    return
  }
  pending?.abort()
  pending = new AbortController()
  try {
    const response = await fetch(`/staff/audience/count?${params}`, {
      headers: { Accept: 'application/json' },
      signal: pending.signal,
    })
    if (!response.ok) throw new Error(String(response.status))
    const { count } = await response.json()
    output.hidden = false
    output.textContent =
      count === 0
        ? 'No confirmed resident lives in the chosen areas yet.'
        : `This alert would reach ${count} ${count === 1 ? 'resident' : 'residents'} by email.`
  } catch (error) {
    if (error.name !== 'AbortError') {
      output.hidden = false
      output.textContent = 'The audience count could not be updated. It will be shown on the next page.'
    }
  }
}

if (form && output) {
  form.addEventListener('change', refresh)
  refresh()
}
