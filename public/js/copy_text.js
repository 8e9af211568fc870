// "Copy the link" buttons: shown only where the clipboard can be used; without
// JavaScript the text field beside them is selectable as it is.
for (const button of document.querySelectorAll('button[data-copy-target]')) {
  const field = document.getElementById(button.dataset.copyTarget)
  if (!field || !navigator.clipboard) continue
  button.hidden = false
  const label = button.textContent
  button.addEventListener('click', async () => {
    await navigator.clipboard.writeText(field.value)
    button.textContent = button.dataset.copiedText || label
    setTimeout(() => {
      button.textContent = label
    }, 3000)
  })
}
