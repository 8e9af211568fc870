// When the sender chooses the alert's category, the interest that matches it is
// offered (not ticked) in the targeting builder. Without this script the
// suggestion follows the category saved with the draft.
const radios = document.querySelectorAll('input[name="category"][data-interest]')

function suggest(interestSlug) {
  for (const item of document.querySelectorAll('[data-interest-slug]')) {
    const hint = item.querySelector('[data-category-suggestion]')
    if (hint) hint.hidden = !interestSlug || item.dataset.interestSlug !== interestSlug
  }
}

for (const radio of radios) {
  radio.addEventListener('change', () => {
    if (radio.checked) suggest(radio.dataset.interest)
  })
}
