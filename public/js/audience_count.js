// Shows, as the sender builds the target, how many residents the alert would reach and by which channel.
// The server writes the sentence; without JavaScript, "Update the count" shows the same one.
const form = document.getElementById('compose-form')
const output = document.getElementById('audience-count')

const LISTS = [
  'areaIds',
  'interestIds',
  'schemeIds',
  'channels',
  'languages',
  'ageBands',
  'sexes',
  'ethnicities',
  'disabilities',
  'sources',
]
const COUNTED = new Set([...LISTS.map((name) => `${name}[]`), 'shape', 'priority'])

let pending = null

async function refresh() {
  const data = new FormData(form)
  const params = new URLSearchParams()
  for (const name of LISTS) {
    for (const value of data.getAll(`${name}[]`)) params.append(`${name}[]`, value)
  }
  if (data.get('shape')) params.set('shape', data.get('shape'))
  params.set('priority', data.get('priority') || '1')

  pending?.abort()
  pending = new AbortController()
  try {
    const response = await fetch(`/staff/audience/count?${params}`, {
      headers: { Accept: 'application/json' },
      signal: pending.signal,
    })
    const answer = await response.json()
    if (response.status === 422 && answer.errors?.length) {
      output.textContent = `The count could not be updated: ${answer.errors[0].message}.`
      return
    }
    if (!response.ok) throw new Error(String(response.status))
    output.textContent = answer.description
  } catch (error) {
    if (error.name !== 'AbortError') {
      output.textContent = 'The count could not be updated. Use “Update the count” to try again.'
    }
  }
}

if (form && output) {
  form.addEventListener('change', (event) => {
    if (COUNTED.has(event.target.name)) refresh()
  })
  refresh()
}
