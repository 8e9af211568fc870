/**
 * A small XML writer for the documents Beacon publishes (CAP alerts and the
 * CAP index feed). Text and attribute values are only ever escaped here, so a
 * title or body from a sender cannot change the structure of the document.
 */
export interface XmlElement {
  name: string
  attributes: Record<string, string>
  children: XmlChild[]
}

export type XmlChild = XmlElement | string | null | undefined | false

// XML 1.0 has no way to carry these characters, even escaped.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

export function escapeXml(value: string) {
  return value
    .replace(FORBIDDEN, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')
}

/** An element; strings among the children are text, escaped when written. */
export function xml(
  name: string,
  attributes: Record<string, string> | null,
  ...children: (XmlChild | XmlChild[])[]
): XmlElement {
  return { name, attributes: attributes ?? {}, children: children.flat() }
}

function write(element: XmlElement, depth: number): string {
  const indent = '  '.repeat(depth)
  const attributes = Object.entries(element.attributes)
    .map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
    .join('')
  const children = element.children.filter(
    (child): child is XmlElement | string =>
      child !== null && child !== undefined && child !== false
  )
  if (children.length === 0) return `${indent}<${element.name}${attributes}/>`
  if (children.every((child) => typeof child === 'string')) {
    return `${indent}<${element.name}${attributes}>${children.map((text) => escapeXml(text as string)).join('')}</${element.name}>`
  }
  const inner = children
    .map((child) =>
      typeof child === 'string' ? `${indent}  ${escapeXml(child)}` : write(child, depth + 1)
    )
    .join('\n')
  return `${indent}<${element.name}${attributes}>\n${inner}\n${indent}</${element.name}>`
}

export function xmlDocument(root: XmlElement) {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${write(root, 0)}\n`
}
