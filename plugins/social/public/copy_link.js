/* "Copy link" on an alert's public page. Without this script the link stays
   a selectable address in a text box; with it, a button copies it and says
   so in a live region. Nothing is sent anywhere. */

for (const section of document.querySelectorAll('[data-social-copy]')) {
  const input = section.querySelector('input')
  const button = section.querySelector('[data-social-copy-button]')
  const status = section.querySelector('[role="status"]')
  if (!input || !button || !status || !navigator.clipboard) continue
  // Shown only where it works (govuk-button's display would override a hidden attribute).
  button.classList.remove('govuk-!-display-none')
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(input.value)
      status.textContent = 'Link copied.'
    } catch {
      input.select()
      status.textContent = 'Your browser did not allow copying: the link is selected, copy it yourself.'
    }
  })
}
