// Moves the progress bar while boundaries are checked or imported; without JavaScript, the page has a refresh link.
const container = document.getElementById('area-import-progress')

async function poll() {
  const response = await fetch(container.dataset.progressUrl, { headers: { 'Accept': 'application/json', 'X-Beacon-Background': '1' } })
  if (!response.ok) return setTimeout(poll, 5000)
  const progress = await response.json()
  if (progress.status !== 'checking' && progress.status !== 'importing') {
    // Finished: the report replaces the progress bar.
    return window.location.reload()
  }
  const bar = document.getElementById('progress-bar')
  bar.max = progress.total || 1
  bar.value = progress.done
  const status = document.getElementById('progress-status')
  if (progress.phase === 'areas') status.textContent = `Areas: ${progress.done} of ${progress.total}.`
  if (progress.phase === 'residents') status.textContent = `Placing residents again: ${progress.done} of ${progress.total}.`
  setTimeout(poll, 1000)
}

if (container) setTimeout(poll, 1000)
