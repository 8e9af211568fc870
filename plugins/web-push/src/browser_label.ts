/**
 * Words a resident recognises for a browser, from its User-Agent:
 * "Chrome on Android", "Safari on iPhone", "Firefox on Windows".
 */
export function browserLabel(userAgent: string | undefined | null): string {
  const agent = userAgent ?? ''
  const browser = /Edg\//.test(agent)
    ? 'Edge'
    : /OPR\/|Opera/.test(agent)
      ? 'Opera'
      : /SamsungBrowser/.test(agent)
        ? 'Samsung Internet'
        : /Firefox\/|FxiOS/.test(agent)
          ? 'Firefox'
          : /Chrome\/|Chromium\/|CriOS/.test(agent)
            ? 'Chrome'
            : /Safari\//.test(agent)
              ? 'Safari'
              : 'A browser'
  const system = /iPhone/.test(agent)
    ? 'iPhone'
    : /iPad/.test(agent)
      ? 'iPad'
      : /Android/.test(agent)
        ? 'Android'
        : /Windows/.test(agent)
          ? 'Windows'
          : /Mac OS X|Macintosh/.test(agent)
            ? 'a Mac'
            : /CrOS/.test(agent)
              ? 'a Chromebook'
              : /Linux/.test(agent)
                ? 'Linux'
                : null
  return system ? `${browser} on ${system}` : browser
}

/** "3 March", or "3 March 2025" when not this year, in UK time. */
export function addedOn(date: Date, now = new Date()) {
  const zone = 'Europe/London'
  const year = (d: Date) =>
    new Intl.DateTimeFormat('en-GB', { year: 'numeric', timeZone: zone }).format(d)
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    ...(year(date) === year(now) ? {} : { year: 'numeric' }),
    timeZone: zone,
  }).format(date)
}
