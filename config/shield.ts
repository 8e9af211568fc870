import { defineConfig } from '@adonisjs/shield'
import { servedOverHttps } from '#config/app'
import { isUnreadUpload } from '#services/platform/infrastructure/uploaded_form'
import pluginWebhooks from '#services/platform/plugins/plugin_webhooks'
import { mapTileImageSource } from '#services/platform/site/map_tiles'

const shieldConfig = defineConfig({
  /*
  | Pages use only same-origin scripts and styles; no inline script runs.
  */
  csp: {
    enabled: true,
    directives: {
      defaultSrc: [`'self'`],
      scriptSrc: [`'self'`],
      styleSrc: [`'self'`],
      // The street map's tiles, when Settings → Site names a tile server.
      imgSrc: [`'self'`, 'data:', mapTileImageSource],
      fontSrc: [`'self'`],
      connectSrc: [`'self'`],
      formAction: [`'self'`],
      frameAncestors: [`'none'`],
      objectSrc: [`'none'`],
      baseUri: [`'self'`],
    },
    reportOnly: false,
  },
  csrf: {
    enabled: true,
    // Mail clients post the one-click unsubscribe; API clients authenticate with a bearer token, not a cookie.
    // A file upload's token is in its body, which is read (and the token checked) after sign-in is checked.
    // Plugins' webhooks are called by providers, and answer only once the plugin's signature check passes;
    // so is the mail relay's inbound email (InboundEmailController checks its HMAC first).
    exceptRoutes: (ctx) =>
      ctx.route?.name === 'unsubscribe.one_click' ||
      ctx.route?.name === 'inbound_email.receive' ||
      !!ctx.route?.pattern.startsWith('/api/v1/') ||
      isUnreadUpload(ctx) ||
      pluginWebhooks.isPluginWebhook(ctx),
    enableXsrfCookie: false,
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  },
  xFrame: {
    enabled: true,
    action: 'DENY',
  },
  // Only an https site may ask browsers to keep to https.
  hsts: {
    enabled: servedOverHttps,
    maxAge: '180 days',
  },
  contentTypeSniffing: {
    enabled: true,
  },
})

export default shieldConfig
