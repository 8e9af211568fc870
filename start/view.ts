/*
| Edge globals shared by every page.
*/
import edge, { edgeGlobals } from 'edge.js'

const { html } = edgeGlobals

edge.global('serviceName', 'Beacon')

/**
 * Escapes text, then turns the web addresses in it into links (the outbox
 * shows emails as text, and an admin follows their links).
 */
edge.global('linkify', (text: string) => {
  const escaped = html.escape(text ?? '')
  return html.safe(
    escaped.replace(
      /https?:\/\/[^\s<>"']+/g,
      (url: string) => `<a class="govuk-link" href="${url}">${url}</a>`
    )
  )
})
