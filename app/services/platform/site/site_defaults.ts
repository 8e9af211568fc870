/**
 * What an install says before an install admin writes its own words: plain,
 * true of any Beacon install, and naming the service rather than the
 * software. Markdown, rendered with the alert subset (app/services/messaging/alert_markdown.ts).
 */

export const DEFAULT_SERVICE_NAME = 'Community alerts'

export type SitePage = 'privacy' | 'accessibility' | 'cookies'

export function defaultPageText(page: SitePage, serviceName: string): string {
  switch (page) {
    case 'privacy':
      return [
        `${serviceName} sends you the alerts you sign up for: messages from the organisations you allow to contact you about the places and subjects you choose.`,
        '## What we keep',
        'Your name, the contact details you give us (email address and phone numbers), where you live (a postcode or a point on a map, and the areas that contain it), your choices (subjects, quiet hours, languages) and a record of the alerts sent to you.',
        '## Whether you open alerts',
        'An organisation may choose to see whether its alert emails are opened and their links clicked: the email then carries a tiny invisible image, and its links pass through this site, each with a code for that one email. We record when you first opened it or clicked a link, and how often, only to count how many people read and act on alerts. You can turn this off on your "My alerts" page ("Don’t track whether I open alerts"); your emails then carry no image and their links go straight to where they point. What was recorded is in your data download and is deleted with your account.',
        '## Why we keep it',
        'To send you alerts you asked for, with your consent. You can withdraw it at any time.',
        '## Your rights',
        `You can see and change your choices, download everything ${serviceName} holds about you, or delete your account, from the "My alerts" page. Sign-ups that are never confirmed are deleted automatically.`,
        '## Contact',
        'To ask about your data, use the details on the contact page.',
      ].join('\n\n')
    case 'accessibility':
      return [
        `${serviceName} is built to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. Every page works without JavaScript, with a keyboard alone and with a screen reader, and text can be enlarged to 400% without loss of content.`,
        '## If you find a problem',
        'Tell us, using the details on the contact page, and say which page and what went wrong. We will reply and fix it.',
        '## Enforcement',
        'If you are not happy with how we respond, contact the Equality Advisory and Support Service (EASS).',
      ].join('\n\n')
    case 'cookies':
      return [
        `${serviceName} uses only the cookies it needs to work, so it does not ask for your consent to them.`,
        '## The cookies we use',
        '- a session cookie that remembers your answers while you sign up, and that you are signed in to "My alerts"; it is deleted when you close your browser or sign out\n- a security cookie that stops other websites sending forms in your name',
        'We use no analytics or advertising cookies, and share nothing with other websites.',
      ].join('\n\n')
  }
}

/** Whether an admin saved the default text unchanged (line endings aside). */
export function isDefaultText(page: SitePage, text: string, serviceName: string) {
  const normalise = (value: string) => value.replace(/\r\n/g, '\n').trim()
  return normalise(text) === normalise(defaultPageText(page, serviceName))
}
