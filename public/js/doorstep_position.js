// Doorstep sign-up: "Use where I am" asks the browser for the officer's position (only when they press
// it) and shows the under-represented wards nearest to it. Without JavaScript the ward picker does.
const button = document.getElementById('use-my-position')
const form = document.getElementById('nearby-form')
const status = document.getElementById('position-status')

if (button && form && 'geolocation' in navigator) {
  button.hidden = false
  button.addEventListener('click', () => {
    status.textContent = 'Finding where you are…'
    navigator.geolocation.getCurrentPosition(
      (position) => {
        for (const [id, value] of [
          ['nearby-lat', position.coords.latitude],
          ['nearby-lng', position.coords.longitude],
        ]) {
          const field = document.getElementById(id)
          field.value = value.toFixed(5)
          field.disabled = false
        }
        document.getElementById('nearWard').disabled = true
        form.submit()
      },
      () => {
        status.textContent = 'Your position could not be found. Choose the ward you are in instead.'
      },
      { enableHighAccuracy: false, timeout: 10000, maximumAge: 60000 }
    )
  })
}
