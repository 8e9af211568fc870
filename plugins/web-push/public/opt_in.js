/* "Get alerts in this browser" on the resident's preferences page. Nothing is
   asked on page load: the browser's permission prompt appears only after the
   resident presses the button. Without this script the section says that
   alerts in the browser need JavaScript. */

const section = document.getElementById('web-push')

function show(id) {
  for (const element of section.querySelectorAll('[data-state]')) {
    element.hidden = element.dataset.state !== id
  }
}

function urlBase64ToBytes(text) {
  const padded = (text + '='.repeat((4 - (text.length % 4)) % 4)).replace(/-/g, '+').replace(/_/g, '/')
  return Uint8Array.from(atob(padded), (character) => character.charCodeAt(0))
}

async function optIn(button) {
  button.disabled = true
  try {
    const permission = await Notification.requestPermission()
    if (permission !== 'granted') return show('denied')
    const registration = await navigator.serviceWorker.register(section.dataset.worker, { scope: '/' })
    await navigator.serviceWorker.ready
    const subscription =
      (await registration.pushManager.getSubscription()) ||
      (await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: urlBase64ToBytes(section.dataset.publicKey),
      }))
    const response = await fetch(section.dataset.subscribe, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Accept': 'application/json',
        'X-CSRF-Token': section.dataset.csrf,
      },
      credentials: 'same-origin',
      body: JSON.stringify(subscription.toJSON()),
    })
    if (!response.ok) {
      const answer = await response.json().catch(() => ({}))
      section.querySelector('[data-state="error"] [data-message]').textContent =
        answer.error || 'Your browser could not be added. Try again later.'
      return show('error')
    }
    // A full load shows the list with this browser in it (the address may differ only by its #).
    window.location.hash = 'web-push'
    window.location.reload()
  } catch {
    show('error')
  } finally {
    button.disabled = false
  }
}

if (section) {
  const supported =
    'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window
  if (!supported) {
    show('unsupported')
  } else if (Notification.permission === 'denied') {
    show('denied')
  } else {
    show('ready')
    const button = section.querySelector('[data-opt-in]')
    button.addEventListener('click', () => optIn(button))
  }
}
