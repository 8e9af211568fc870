/** One way to share an alert: a plain link to the network's own share page (no script of theirs on ours). */
export interface ShareLink {
  id: string
  label: string
  href: string
}

/**
 * The share links of an alert's public page. Each is built from the alert's
 * public address and title only: the page is cached and shared by every
 * visitor, so nothing about the visitor may go in.
 */
export function shareLinks(title: string, url: string): ShareLink[] {
  const q = (values: Record<string, string>) => new URLSearchParams(values).toString()
  const titleAndUrl = `${title} ${url}`
  return [
    {
      id: 'facebook',
      label: 'Facebook',
      href: `https://www.facebook.com/sharer/sharer.php?${q({ u: url })}`,
    },
    { id: 'x', label: 'X', href: `https://x.com/intent/post?${q({ text: title, url })}` },
    {
      id: 'linkedin',
      label: 'LinkedIn',
      href: `https://www.linkedin.com/sharing/share-offsite/?${q({ url })}`,
    },
    { id: 'whatsapp', label: 'WhatsApp', href: `https://wa.me/?${q({ text: titleAndUrl })}` },
    {
      id: 'nextdoor',
      label: 'Nextdoor',
      href: `https://nextdoor.com/sharekit/?${q({ source: 'beacon', body: titleAndUrl })}`,
    },
    // mailto: wants %20 for spaces, not "+".
    {
      id: 'email',
      label: 'Email',
      href: `mailto:?subject=${encodeURIComponent(title)}&body=${encodeURIComponent(url)}`,
    },
  ]
}
