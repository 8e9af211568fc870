// Updates the delivery counts while an alert is sending; without JavaScript, the page has a refresh link.
const container = document.getElementById('progress')

async function poll() {
  const response = await fetch(container.dataset.progressUrl, { headers: { 'Accept': 'application/json', 'X-Beacon-Background': '1' } })
  if (!response.ok) return setTimeout(poll, 5000)
  const progress = await response.json()
  const withWaiting = (counts) => ({ ...counts, waiting: counts.pending + counts.sending })
  const overall = withWaiting(progress)
  for (const cell of container.querySelectorAll('[data-count]')) {
    cell.textContent = String(overall[cell.dataset.count] ?? 0)
  }
  for (const cell of container.querySelectorAll('[data-channel-count]')) {
    const counts = withWaiting(progress.byChannel[cell.dataset.channel] ?? {})
    cell.textContent = String(counts[cell.dataset.channelCount] ?? 0)
  }
  const status = document.getElementById('alert-status')
  if (status) {
    status.textContent = progress.status
    status.className = `govuk-tag beacon-status-${progress.status}`
  }
  if (progress.status === 'sending') {
    setTimeout(poll, 1000)
  } else {
    // Paused, sent or cancelled: the page's buttons and notices change, so show the page afresh.
    window.location.reload()
  }
}

if (container && container.dataset.status === 'sending') {
  setTimeout(poll, 1000)
}
